"""Stories, photos and video links (pre-moderated), campaigns and galleries."""

from datetime import date, timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select

from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.events import EventRecord
from cocreate.moderation.models import ModerationCase
from cocreate.moderation.services import do_moderate
from cocreate.reviews.models import UGCItem, UGCPhoto
from cocreate.reviews.queries import gallery
from cocreate.reviews.services import do_create_campaign, do_edit_ugc, do_submit_ugc
from cocreate.reviews.services.ugc import check_video_url
from tests.factories import ProductFactory, UserFactory
from tests.unit.test_media import _image

TODAY = utcnow().date()
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _campaign(session, **kw):
    values = {
        "title": "Trail kitchens",
        "brief": "Show us your **set-up**.",
        "starts_on": TODAY - timedelta(days=1),
        "ends_on": TODAY + timedelta(days=10),
    }
    return do_create_campaign(session, actor=UserFactory(role="product"), **(values | kw))


def test_a_story_with_photos_waits_for_moderation_then_joins_the_gallery(session, tmp_path):
    product = ProductFactory()
    campaign = _campaign(session, product=product)
    author, moderator = UserFactory(), UserFactory(role="moderator")
    item = do_submit_ugc(
        session,
        actor=author,
        campaign=campaign,
        title="Stove on a rock",
        story="Windy, but **it worked**.",
        photos=[_image("JPEG", exif=True), _image("PNG")],
        video_url="https://youtu.be/abc123",
        uploads=tmp_path,
    )
    session.commit()
    assert (item.moderation_state, item.product_id, item.incentive) == ("pending", product.id, "campaign")
    assert "<strong>it worked</strong>" in item.story_html
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == sorted(p.name for p in item.photos) and len(files) == 2
    with Image.open(tmp_path / item.photos[0].name) as stored:
        assert not stored.getexif()  # location and camera data gone
    case = session.scalar(select(ModerationCase))
    assert (case.kind, case.reason, case.is_open) == ("ugc", "pre_moderation", True)
    assert gallery(session, campaign=campaign) == [] and gallery(session, product=product) == []
    do_moderate(session, actor=moderator, obj=item, action="approve")
    other = do_submit_ugc(
        session,
        actor=UserFactory(),
        product=product,
        title="Rainy day",
        story="Dry inside.",
        uploads=tmp_path,
    )
    session.commit()
    do_moderate(session, actor=moderator, obj=other, action="feature")
    session.commit()
    assert [i.id for i in gallery(session, product=product)] == [other.id, item.id]  # featured first
    assert [i.id for i in gallery(session, campaign=campaign)] == [item.id]
    names = [e for (e,) in session.execute(select(EventRecord.name).order_by(EventRecord.id))]
    assert (
        names.count("ugc.submitted") == 2
        and names.count("ugc.approved") == 2
        and names.count("ugc.featured") == 1
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=x1", "https://www.youtube.com/watch?v=x1"),
        ("http://vimeo.com/123", "https://vimeo.com/123"),
        ("  ", None),
    ],
)
def test_video_links_from_allowed_hosts(url, expected):
    assert check_video_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/watch",
        "https://youtube.com.evil.example/x",
        "javascript:alert(1)//youtube.com",
        "https://user:pw@youtube.com/x",
        "ftp://youtube.com/x",
        "youtube.com/watch?v=1",
        "https://[::1/",
        "https://youtube.com/" + "a" * 600,
    ],
)
def test_video_links_elsewhere_are_refused_and_nothing_is_stored(session, tmp_path, url):
    with pytest.raises(InvalidInput) as refused:
        do_submit_ugc(
            session,
            actor=UserFactory(),
            product=ProductFactory(),
            title="My video",
            video_url=url,
            uploads=tmp_path,
        )
    assert refused.value.field == "video_url"
    session.rollback()
    assert session.scalar(select(func.count(UGCItem.id))) == 0


@pytest.mark.parametrize(
    "photos",
    [
        [b"just text, renamed to .jpg"],
        [SVG],
        [b"GIF89a" + b"<html><script>alert(1)</script></html>"],
        [_image("JPEG"), _image("JPEG"), SVG],  # a bad third photo: the first two files are removed again
        [_image("JPEG")] * 5,  # too many
        [Image.new("L", (1, 1)).tobytes()],
    ],
)
def test_bad_photos_are_refused_and_leave_nothing_behind(session, tmp_path, photos):
    with pytest.raises(InvalidInput) as refused:
        do_submit_ugc(
            session,
            actor=UserFactory(),
            product=ProductFactory(),
            title="Photos",
            photos=photos,
            uploads=tmp_path,
        )
    assert refused.value.field == "photos"
    session.rollback()
    assert list(tmp_path.iterdir()) == [] and session.scalar(select(func.count(UGCPhoto.id))) == 0


def test_submission_rules(session, tmp_path):
    product = ProductFactory()
    member = UserFactory()
    with pytest.raises(NotAllowed):
        do_submit_ugc(session, actor=None, product=product, title="Anonymous", story="Hi", uploads=tmp_path)
    with pytest.raises(InvalidInput):
        do_submit_ugc(session, actor=member, title="Nowhere", story="Hi", uploads=tmp_path)
    with pytest.raises(InvalidInput) as empty:
        do_submit_ugc(session, actor=member, product=product, title="Nothing in it", uploads=tmp_path)
    assert empty.value.field == "story"
    with pytest.raises(InvalidInput):
        do_submit_ugc(
            session, actor=member, product=product, title="x", story="Too short a title", uploads=tmp_path
        )
    with pytest.raises(InvalidInput):
        do_submit_ugc(
            session, actor=member, product=product, title="Long", story="x" * 10_001, uploads=tmp_path
        )
    ended = _campaign(
        session, title="Old one", starts_on=TODAY - timedelta(days=30), ends_on=TODAY - timedelta(days=1)
    )
    future = _campaign(
        session, title="Next one", starts_on=TODAY + timedelta(days=2), ends_on=TODAY + timedelta(days=9)
    )
    for campaign, word in ((ended, "ended"), (future, "opens")):
        with pytest.raises(Conflict, match=word):
            do_submit_ugc(
                session,
                actor=member,
                campaign=campaign,
                title="Too late or early",
                story="Hi",
                uploads=tmp_path,
            )
    session.rollback()
    assert session.scalar(select(func.count(UGCItem.id))) == 0


def test_campaign_rules(session):
    manager = UserFactory(role="product")
    base = {"title": "Summer", "brief": "Share", "starts_on": date(2026, 6, 1), "ends_on": date(2026, 8, 31)}
    with pytest.raises(NotAllowed):
        do_create_campaign(session, actor=UserFactory(), **base)
    with pytest.raises(InvalidInput) as backwards:
        do_create_campaign(session, actor=manager, **(base | {"ends_on": date(2026, 5, 1)}))
    assert backwards.value.field == "ends_on"
    with pytest.raises(InvalidInput):
        do_create_campaign(session, actor=manager, **(base | {"brief": " "}))
    with pytest.raises(InvalidInput):
        do_create_campaign(session, actor=manager, **(base | {"starts_on": None}))
    do_create_campaign(session, actor=manager, **base)
    session.commit()
    with pytest.raises(Conflict):
        do_create_campaign(session, actor=manager, **base)


def test_a_returned_item_is_fixed_and_resubmitted(session, tmp_path):
    author, moderator = UserFactory(), UserFactory(role="moderator")
    item = do_submit_ugc(
        session,
        actor=author,
        product=ProductFactory(),
        title="Dark photo",
        photos=[_image("JPEG")],
        uploads=tmp_path,
    )
    session.commit()
    old_photo = item.photos[0].name
    do_moderate(session, actor=moderator, obj=item, action="reject", reason="quality", note="Too dark")
    session.commit()
    with pytest.raises(NotAllowed):
        do_edit_ugc(session, actor=UserFactory(), item=item, title="Hijack", story="x", uploads=tmp_path)
    do_edit_ugc(
        session,
        actor=author,
        item=item,
        title="Brighter photo",
        story="Retaken at noon.",
        photos=[_image("WEBP")],
        uploads=tmp_path,
    )
    session.commit()
    case = session.scalar(select(ModerationCase))
    assert (item.moderation_state, case.is_open, case.reason) == ("pending", True, "resubmitted")
    assert [p.name.endswith(".webp") for p in item.photos] == [True]
    assert not (tmp_path / old_photo).exists()  # the replaced file is gone
