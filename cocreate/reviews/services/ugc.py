"""Campaigns and customer stories/photos/videos (UGC). Every item is pre-moderated."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.channels import WEB, Origin
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.events import UGCSubmitted, emit
from cocreate.ideas.access import check_member
from cocreate.ideas.services.boards import slugify
from cocreate.markup import clean_text, one_line, render_markdown
from cocreate.media import StoredImage, store_image
from cocreate.moderation.access import is_trusted
from cocreate.moderation.screening import screen
from cocreate.moderation.services import after_create, after_edit, do_remove_own, initial_state
from cocreate.reviews.models import Campaign, Product, UGCItem, UGCPhoto
from cocreate.reviews.services.products import check_product_manager

TITLE_MIN, TITLE_MAX = 3, 120
STORY_MAX = 10_000
BRIEF_MAX = 10_000
PHOTOS_MAX = 4
# Hosts whose pages we link to for videos; anything else is refused (no iframes: our CSP allows none).
VIDEO_HOSTS = frozenset(
    {
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "youtu.be",
        "vimeo.com",
        "www.vimeo.com",
        "player.vimeo.com",
        "tiktok.com",
        "www.tiktok.com",
        "instagram.com",
        "www.instagram.com",
    }
)


def check_video_url(url: str | None) -> str | None:
    """An https link to a video on an allowed host, or None for an empty field."""
    url = (url or "").strip()
    if not url:
        return None
    if len(url) > 500:
        raise InvalidInput("Video links are at most 500 characters.", field="video_url")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        raise InvalidInput("That is not a valid link.", field="video_url") from None
    if parts.scheme not in ("https", "http") or not host or parts.username or parts.password:
        raise InvalidInput("Paste the full video link, starting with https://.", field="video_url")
    if host not in VIDEO_HOSTS:
        raise InvalidInput(
            "Video links can point to YouTube, Vimeo, TikTok or Instagram only.", field="video_url"
        )
    return parts._replace(scheme="https").geturl()


def _check_item_text(title: str, story: str) -> tuple[str, str]:
    title, story = one_line(title), clean_text(story)
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise InvalidInput(f"Give it a title of {TITLE_MIN}–{TITLE_MAX} characters.", field="title")
    if len(story) > STORY_MAX:
        raise InvalidInput(f"Stories are at most {STORY_MAX:,} characters.", field="story")
    return title, story


def _store_photos(photos: Sequence[bytes], uploads: Path) -> list[StoredImage]:
    """Store every photo or none: a bad third photo removes the first two files again."""
    if len(photos) > PHOTOS_MAX:
        raise InvalidInput(f"Add at most {PHOTOS_MAX} photos.", field="photos")
    stored: list[StoredImage] = []
    try:
        for data in photos:
            stored.append(store_image(data, uploads))
    except InvalidInput as exc:
        for image in stored:
            (uploads / image.name).unlink(missing_ok=True)
        position = len(stored) + 1
        prefix = f"Photo {position}: " if len(photos) > 1 else ""
        raise InvalidInput(prefix + exc.message, field="photos") from None
    return stored


def do_submit_ugc(
    session: Session,
    *,
    actor: User | None,
    product: Product | None = None,
    campaign: Campaign | None = None,
    title: str,
    story: str = "",
    video_url: str | None = None,
    photos: Sequence[bytes] = (),
    uploads: Path,
    today: date | None = None,
    origin: Origin = WEB,
) -> UGCItem:
    """Share a story, photos or a video about a product or for a campaign; it waits for a moderator."""
    check_member(actor, "share a story or photos")
    if product is None and campaign is None:
        raise InvalidInput("Choose a product or a campaign.", field="product")
    if campaign is not None:
        today = today or utcnow().date()
        if today < campaign.starts_on:
            raise Conflict(f"“{campaign.title}” opens on {campaign.starts_on:%d %B %Y}.")
        if today > campaign.ends_on:
            raise Conflict(f"“{campaign.title}” ended on {campaign.ends_on:%d %B %Y}.")
        product = product or campaign.product
    title, story = _check_item_text(title, story)
    video = check_video_url(video_url)
    photos = [p for p in photos if p]
    if not story and not photos and not video:
        raise InvalidInput("Add a story, a photo or a video link.", field="story")
    screening = screen(session, actor, {"title": title, "story": story})
    title, story = screening.fields["title"], screening.fields["story"]
    stored = _store_photos(photos, uploads)  # last: invalid text never leaves files behind
    now = utcnow()
    item = UGCItem(
        author_id=actor.id,
        product_id=product.id if product else None,
        campaign_id=campaign.id if campaign else None,
        title=title,
        story=story,
        story_html=render_markdown(story),
        video_url=video,
        incentive="campaign" if campaign is not None else None,
        **origin.columns(),
        moderation_state=initial_state(screening, pre=True, trusted=is_trusted(session, actor)),
        created_at=now,
        updated_at=now,
        photos=[
            UGCPhoto(name=s.name, width=s.width, height=s.height, position=i) for i, s in enumerate(stored)
        ],
    )
    session.add(item)
    session.flush()
    after_create(session, item, screening)
    emit(
        session,
        UGCSubmitted(
            actor_id=actor.id,
            item_id=item.id,
            product_id=item.product_id,
            campaign_id=item.campaign_id,
            channel=item.channel,
        ),
    )
    return item


def do_edit_ugc(
    session: Session,
    *,
    actor: User | None,
    item: UGCItem,
    title: str,
    story: str = "",
    video_url: str | None = None,
    photos: Sequence[bytes] = (),
    uploads: Path,
) -> UGCItem:
    """The author fixes an item (new photos replace the old ones); a returned item goes back to the queue."""
    check_member(actor, "edit")
    if actor.id != item.author_id:
        raise NotAllowed("You can only edit what you shared.")
    title, story = _check_item_text(title, story)
    video = check_video_url(video_url)
    photos = [p for p in photos if p]
    if not story and not photos and not video and not item.photos:
        raise InvalidInput("Add a story, a photo or a video link.", field="story")
    screening = screen(session, actor, {"title": title, "story": story}, trusted=is_trusted(session, actor))
    title, story = screening.fields["title"], screening.fields["story"]
    if photos:
        stored = _store_photos(photos, uploads)
        old = [p.name for p in item.photos]
        item.photos = [
            UGCPhoto(name=s.name, width=s.width, height=s.height, position=i) for i, s in enumerate(stored)
        ]
        session.flush()
        for name in old:  # after the rows are gone; a crash here leaves an orphan file, never a broken row
            (uploads / name).unlink(missing_ok=True)
    item.title, item.story, item.story_html, item.video_url = title, story, render_markdown(story), video
    item.updated_at = utcnow()
    session.flush()
    after_edit(session, item, actor, screening)
    return item


def check_campaign_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on is None:
        raise InvalidInput("Choose the first day of the campaign.", field="starts_on")
    if ends_on is None:
        raise InvalidInput("Choose the last day of the campaign.", field="ends_on")
    if ends_on < starts_on:
        raise InvalidInput("The campaign must end on or after the day it starts.", field="ends_on")


def do_create_campaign(
    session: Session,
    *,
    actor: User | None,
    title: str,
    brief: str,
    starts_on: date | None,
    ends_on: date | None,
    product: Product | None = None,
) -> Campaign:
    """Start a challenge with a brief and dates (product team and admins)."""
    check_product_manager(actor)
    title = " ".join((title or "").split())
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise InvalidInput(f"Campaign titles are {TITLE_MIN}–{TITLE_MAX} characters.", field="title")
    brief = (brief or "").strip()
    if not brief:
        raise InvalidInput("Write a brief: what should people share?", field="brief")
    if len(brief) > BRIEF_MAX:
        raise InvalidInput(f"Briefs are at most {BRIEF_MAX:,} characters.", field="brief")
    check_campaign_dates(starts_on, ends_on)
    slug = slugify(title)
    if not slug:
        raise InvalidInput("Choose a title with letters or digits.", field="title")
    taken = session.scalar(select(Campaign.id).where(Campaign.slug == slug))
    campaign = Campaign(
        slug=slug,
        title=title,
        brief=brief,
        brief_html=render_markdown(brief),
        product_id=product.id if product else None,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    if taken:
        raise Conflict(f"A campaign with the address “{slug}” already exists.", field="title")
    try:
        with session.begin_nested():
            session.add(campaign)
    except IntegrityError:
        raise Conflict(f"A campaign with the address “{slug}” already exists.", field="title") from None
    return campaign


def do_remove_ugc(session: Session, *, actor: User | None, item: UGCItem, uploads: Path) -> None:
    """Delete one's story: out of galleries and search, its text erased, its photos deleted, its points
    reversed."""
    check_member(actor, "remove a story")
    do_remove_own(session, actor=actor, obj=item)
    names = [p.name for p in item.photos]
    item.photos = []
    session.flush()
    for name in names:  # after the rows are gone; a crash here leaves an orphan file, never a broken row
        (uploads / name).unlink(missing_ok=True)
