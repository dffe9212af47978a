"""The queue over HTTP and htmx, flags, sharing with photos, watched words, the log and profiles."""

import io
import os
import re
from datetime import timedelta
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select

from cocreate.db import utcnow
from cocreate.ideas.models import Idea
from cocreate.ideas.services import do_create_idea
from cocreate.moderation.models import AuditEntry, Flag, ModerationCase, WatchedWord
from cocreate.moderation.services import do_moderate
from cocreate.reviews.models import UGCItem
from cocreate.reviews.services import do_create_campaign, do_submit_ugc
from tests.factories import BoardFactory, ProductFactory, UserFactory
from tests.unit.test_media import _image

OLD = utcnow() - timedelta(days=30)


def _held_ideas(session, n=3):
    board = BoardFactory(moderation="pre", slug="held")
    author = UserFactory(created_at=OLD, display_name="Hana Author")
    return [do_create_idea(session, actor=author, board=board, title=f"Held idea {i}") for i in range(n)]


def test_only_moderators_reach_the_queue_and_its_actions(client, session):
    ideas = _held_ideas(session, 1)
    member, moderator, product = UserFactory(), UserFactory(role="moderator"), UserFactory(role="product")
    session.commit()
    case_id = session.scalar(select(ModerationCase.id))
    assert client.get("/moderation").status_code == 302  # to sign-in
    for person in (member, product):
        client.sign_in(person)
        for method, url in (
            ("get", "/moderation"),
            ("post", f"/moderation/cases/{case_id}"),
            ("post", "/moderation/bulk"),
            ("get", "/moderation/words"),
            ("post", "/moderation/words"),
            ("get", "/moderation/log"),
        ):
            response = (
                client.get(url)
                if method == "get"
                else client.post_form(url, {"action": "approve", "case_ids": case_id, "word": "zap"})
            )
            assert response.status_code == 403, (person.role, url)
        client.post_form("/logout")
    client.sign_in(moderator)
    # Without the CSRF token nothing changes.
    assert client.post(f"/moderation/cases/{case_id}", data={"action": "approve"}).status_code == 400
    session.rollback()  # a fresh snapshot: the requests committed in other connections
    assert session.get(Idea, ideas[0].id).moderation_state == "pending"
    assert client.get("/moderation/log").status_code == 403  # the log is for administrators


def test_queue_lists_filters_and_decides_over_htmx(client, session, count_queries):
    ideas = _held_ideas(session, 3)
    tmp_product = ProductFactory(slug="stove", name="Trail Stove")
    ugc = do_submit_ugc(
        session,
        actor=UserFactory(),
        product=tmp_product,
        title="Stove photo",
        story="Look",
        uploads=Path(client.application.instance_path) / "uploads",
    )
    moderator = UserFactory(role="moderator")
    session.commit()
    client.sign_in(moderator)
    with count_queries() as statements:
        page = client.get("/moderation")
    html = page.get_data(as_text=True)
    assert (
        page.status_code == 200
        and "4 items waiting" in html
        and "Held idea 0" in html
        and "Stove photo" in html
    )
    assert "Hana Author" in html
    board = session.get(Idea, ideas[0].id).board
    more = [
        do_create_idea(session, actor=ideas[0].author, board=board, title=f"More held {n}") for n in range(10)
    ]
    session.commit()
    with count_queries() as again:
        assert client.get("/moderation").status_code == 200
    assert len(again) == len(statements), "the queue must not query per item"
    for extra in more:
        do_moderate(session, actor=moderator, obj=extra, action="approve")
    session.commit()
    only_ugc = client.get("/moderation?kind=ugc", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Stove photo" in only_ugc and "Held idea" not in only_ugc and "<html" not in only_ugc
    assert "Held idea" not in client.get("/moderation?age=older").get_data(as_text=True)
    assert "Held idea 1" in client.get("/moderation?reason=pre_moderation&age=day").get_data(as_text=True)
    for bad in ("kind=nope", "reason=nope", "age=forever", "cursor=%%%"):
        assert client.get(f"/moderation?{bad}").status_code == 400
    case = {
        c.object_id: c for c in session.scalars(select(ModerationCase).where(ModerationCase.kind == "idea"))
    }
    decided = client.post_form(
        f"/moderation/cases/{case[ideas[0].id].id}",
        {"action": "approve"},
        htmx=True,
        headers={"HX-Current-URL": "http://localhost/moderation?kind=idea"},
    )
    assert decided.status_code == 200 and "Published" in decided.get_data(as_text=True)
    # The queue's count, for the page's own filters, is swapped in place too.
    assert '<p class="muted" id="queue-count" hx-swap-oob="true">2 items waiting (filtered).</p>' in (
        decided.get_data(as_text=True)
    )
    refused = client.post_form(f"/moderation/cases/{case[ideas[1].id].id}", {"action": "reject"}, htmx=True)
    assert refused.status_code == 400 and "reason" in refused.get_data(as_text=True)
    rejected = client.post_form(
        f"/moderation/cases/{case[ideas[1].id].id}",
        {"action": "reject", "reason": "off_topic", "note": "Try the app board"},
        htmx=True,
    )
    assert "Off-topic" in rejected.get_data(as_text=True)
    ugc_case = session.scalar(select(ModerationCase).where(ModerationCase.kind == "ugc"))
    assert client.post_form(f"/moderation/cases/{ugc_case.id}", {"action": "feature"}).status_code == 302
    assert (
        client.post_form(f"/moderation/cases/{ugc_case.id}", {"action": "feature"}).status_code == 409
    )  # twice
    assert client.post_form("/moderation/cases/999999", {"action": "approve"}).status_code == 404
    session.rollback()  # a fresh snapshot: the requests committed in other connections
    assert [session.get(Idea, i.id).moderation_state for i in ideas] == ["approved", "rejected", "pending"]
    assert session.get(UGCItem, ugc.id).moderation_state == "featured"
    # Bulk: what is left, at once.
    assert client.post_form("/moderation/bulk", {"action": "approve", "case_ids": ["x"]}).status_code == 400
    response = client.post_form(
        "/moderation/bulk", {"action": "approve", "case_ids": [str(case[ideas[2].id].id)]}
    )
    assert response.status_code == 302
    remaining = client.get("/moderation").get_data(as_text=True)
    assert "Nothing waiting" in remaining, re.findall(r"<h3.*?</h3>|decided|role=\"alert\".*", remaining)
    session.rollback()
    assert session.scalar(select(func.count(AuditEntry.id))) == 14


def test_flagging_over_htmx_and_the_author_sees_the_reason(client, session, app):
    app.config["FLAG_HIDE_THRESHOLD"] = 2
    author = UserFactory(created_at=OLD, username="writer")
    first, second = UserFactory(), UserFactory()
    idea = do_create_idea(session, actor=author, board=BoardFactory(slug="app"), title="An idea some dislike")
    session.commit()
    client.sign_in(first)
    page = client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert f'action="/flag/idea/{idea.id}"' in page
    assert client.post_form(f"/flag/idea/{idea.id}", {"reason": "nonsense"}, htmx=True).status_code == 400
    response = client.post_form(f"/flag/idea/{idea.id}", {"reason": "spam", "note": "ad"}, htmx=True)
    assert response.status_code == 200 and "Thank you" in response.get_data(as_text=True)
    assert client.post_form(f"/flag/idea/{idea.id}", {"reason": "spam"}, htmx=True).status_code == 409
    assert client.post_form("/flag/poll/1", {"reason": "spam"}).status_code == 404
    client.post_form("/logout")
    client.sign_in(second)
    assert client.post_form(f"/flag/idea/{idea.id}", {"reason": "offensive"}).status_code == 302
    assert (
        client.get(f"/i/{idea.id}").status_code == 404
    )  # hidden from everyone but its author and moderators
    assert "An idea some dislike" not in client.get("/b/app").get_data(as_text=True)
    session.rollback()
    assert session.scalar(select(func.count(Flag.id))) == 2
    session.rollback()
    do_moderate(
        session,
        actor=UserFactory(role="moderator"),
        obj=session.get(Idea, idea.id),
        action="reject",
        reason="spam",
        note="No adverts, please.",
    )
    session.commit()
    client.post_form("/logout")
    client.sign_in(author)
    page = client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert (
        "Returned to the author" in page and "Spam or advertising" in page and "No adverts, please." in page
    )
    profile = client.get("/u/writer").get_data(as_text=True)
    assert "Waiting for moderation or returned" in profile and f"/i/{idea.id}/edit" in profile
    # Fix and resubmit (allowed after the edit window for a returned idea).
    response = client.post_form(f"/i/{idea.id}/edit", {"title": "A better idea", "body": "With detail"})
    assert response.status_code == 302
    session.rollback()  # a fresh snapshot: the requests committed in other connections
    assert session.get(Idea, idea.id).moderation_state == "pending"


def test_sharing_photos_through_the_form(client, session):
    today = utcnow().date()
    campaign = do_create_campaign(
        session,
        actor=UserFactory(role="product"),
        title="Trail kitchens",
        brief="Show us",
        starts_on=today,
        ends_on=today + timedelta(days=3),
    )
    member = UserFactory()
    session.commit()
    assert client.get("/share?campaign=trail-kitchens").status_code == 302  # sign in first
    client.sign_in(member)
    assert client.get("/share").status_code == 404
    form = client.get("/share?campaign=trail-kitchens").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and "Show us" in form
    bad = client.post_form(
        "/share?campaign=trail-kitchens",
        {"title": "Fake", "photos": (io.BytesIO(b"<svg onload=alert(1)>"), "pic.jpg")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 422 and "not a readable image" in bad.get_data(as_text=True)
    off_host = client.post_form(
        "/share?campaign=trail-kitchens", {"title": "Video", "video_url": "https://evil.example/v"}
    )
    assert off_host.status_code == 422 and "YouTube, Vimeo" in off_host.get_data(as_text=True)
    session.rollback()
    assert session.scalar(select(func.count(UGCItem.id))) == 0
    response = client.post_form(
        "/share?campaign=trail-kitchens",
        {
            "title": "My kitchen",
            "story": "Stove *left*",
            "photos": [(io.BytesIO(_image("JPEG")), "a.jpg"), (io.BytesIO(_image("PNG")), "b.png")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    session.rollback()
    item = session.scalar(select(UGCItem))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Waiting for moderation" in page and "<em>left</em>" in page
    image_url = re.search(r'src="(/media/[^"]+)"', page).group(1)
    image = client.get(image_url)
    assert (
        image.headers["Content-Type"] == "image/jpeg" and image.headers["X-Content-Type-Options"] == "nosniff"
    )
    client.post_form("/logout")
    assert client.get(f"/ugc/{item.id}").status_code == 404  # not public yet
    assert "My kitchen" not in client.get(f"/campaigns/{campaign.slug}").get_data(as_text=True)
    session.rollback()
    do_moderate(
        session, actor=UserFactory(role="moderator"), obj=session.get(UGCItem, item.id), action="approve"
    )
    session.commit()
    assert "My kitchen" in client.get("/campaigns/trail-kitchens").get_data(as_text=True)
    assert client.get(f"/ugc/{item.id}").status_code == 200


def test_too_large_uploads_are_413(client, session, app):
    ProductFactory(slug="stove")
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    app.config["UGC_MAX_UPLOAD"] = 50_000
    response = client.post_form(
        "/share?product=stove",
        {"title": "Huge", "photos": (io.BytesIO(b"x" * 60_000), "a.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    app.config["UGC_MAX_UPLOAD"] = 3_000_000  # above the 2 MB of every other form: a 2.5 MB photo is fine
    big = Image.frombytes("RGB", (1100, 800), os.urandom(1100 * 800 * 3))
    out = io.BytesIO()
    big.save(out, "PNG")
    assert 2_100_000 < len(out.getvalue()) < 2_900_000
    response = client.post_form(
        "/share?product=stove",
        {"title": "Big photo", "photos": (io.BytesIO(out.getvalue()), "big.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    elsewhere = client.post_form("/p/stove/review", {"title": "x" * 2_200_000})
    assert elsewhere.status_code == 413  # every other form keeps the 2 MB limit
    session.rollback()
    assert session.scalar(select(func.count(UGCItem.id))) == 1


def test_watched_words_page_and_admin_log(client, session):
    moderator, admin = UserFactory(role="moderator"), UserFactory(role="admin")
    session.commit()
    client.sign_in(moderator)
    assert client.post_form("/moderation/words", {"word": "giveaway", "action": "queue"}).status_code == 302
    duplicate = client.post_form("/moderation/words", {"word": "Giveaway", "action": "block"})
    assert duplicate.status_code == 422 and "already watched" in duplicate.get_data(as_text=True)
    assert client.post_form("/moderation/words", {"word": "x", "action": "block"}).status_code == 422
    session.rollback()
    word = session.scalar(select(WatchedWord))
    assert "giveaway" in client.get("/moderation/words").get_data(as_text=True)
    assert client.post_form(f"/moderation/words/{word.id}/delete").status_code == 302
    assert client.post_form(f"/moderation/words/{word.id}/delete").status_code == 404
    client.post_form("/logout")
    client.sign_in(admin)
    log = client.get("/moderation/log").get_data(as_text=True)
    assert "Watched word added" in log and "Watched word removed" in log and "giveaway" in log
    assert "{'word'" not in log and "&#39;word&#39;" not in log  # said in words, not a dictionary


def test_editing_a_comment_through_the_page(client, session):
    from cocreate.ideas.models import Comment
    from cocreate.ideas.services import do_add_comment

    author, other = UserFactory(created_at=OLD), UserFactory(created_at=OLD, username="commenter")
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="Idea to comment on")
    comment = do_add_comment(session, actor=other, idea=idea, body="First thoughts")
    session.commit()
    client.sign_in(author)
    assert client.get(f"/comments/{comment.id}/edit").status_code == 403
    client.post_form("/logout")
    client.sign_in(other)
    assert f"/comments/{comment.id}/edit" in client.get(f"/i/{idea.id}").get_data(as_text=True)
    empty = client.post_form(f"/comments/{comment.id}/edit", {"body": " "})
    assert empty.status_code == 422 and "Write something" in empty.get_data(as_text=True)
    assert client.post_form(f"/comments/{comment.id}/edit", {"body": "Second thoughts"}).status_code == 302
    assert client.get("/comments/99999/edit").status_code == 404
    session.rollback()
    saved = session.get(Comment, comment.id)
    assert saved.body == "Second thoughts" and saved.edited_at is not None
    assert "edited" in client.get(f"/i/{idea.id}").get_data(as_text=True)


def test_moderators_see_possible_duplicates_of_a_queued_idea(client, session):
    board = BoardFactory(moderation="pre", slug="held", name="Held board")
    other = BoardFactory(slug="elsewhere")
    author, moderator, member = UserFactory(created_at=OLD), UserFactory(role="moderator"), UserFactory()
    published = do_create_idea(
        session, actor=author, board=board, title="Dark mode for the mobile app", body="Please"
    )
    do_moderate(session, actor=moderator, obj=published, action="approve")
    do_create_idea(session, actor=author, board=other, title="Dark mode for the website")
    session.commit()
    held = do_create_idea(session, actor=author, board=board, title="Please add a dark mode to the app")
    session.commit()
    assert held.moderation_state == "pending"
    url = f"/moderation/ideas/{held.id}/duplicates"
    assert client.get(url).status_code == 302
    client.sign_in(member)
    assert client.get(url).status_code == 403
    client.sign_in(moderator)
    queue = client.get("/moderation").get_data(as_text=True)
    assert f'hx-get="{url}"' in queue and 'hx-trigger="revealed"' in queue
    fragment = client.get(url, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div class="possible-duplicates"')
    assert f"/i/{published.id}" in fragment and "<mark>mode</mark> for the mobile" in fragment
    assert "website" not in fragment  # another board
    assert f'href="/i/{held.id}"' not in fragment  # never itself
    assert f'action="/i/{held.id}/merge"' in fragment and f'name="target" value="{published.id}"' in fragment
    page = client.get(url).get_data(as_text=True)
    assert "<h1>Possible duplicates</h1>" in page  # without JavaScript: a page of its own
    assert client.get("/moderation/ideas/999999/duplicates").status_code == 404
    session.rollback()
    lonely = do_create_idea(session, actor=author, board=board, title="Completely unrelated zebra request")
    session.commit()
    none = client.get(f"/moderation/ideas/{lonely.id}/duplicates", headers={"HX-Request": "true"})
    assert "No similar ideas" in none.get_data(as_text=True)
