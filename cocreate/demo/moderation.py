"""Demo campaigns, stories with photos, watched words and a moderation queue with something in it.

Small numbers, so this goes through the real services (screening, cases, flags, auto-hide, audit log) rather
than bulk inserts: the demo shows the flow exactly as people will meet it.
"""

from __future__ import annotations

import io
import random
from datetime import timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import select, update
from sqlalchemy.orm import Session, object_session

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.demo import catalog as K
from cocreate.ideas.models import Board, Idea
from cocreate.ideas.services import do_add_comment
from cocreate.moderation.models import ModerationCase
from cocreate.moderation.services import do_flag, do_moderate
from cocreate.moderation.watched_words import do_add_watched_word
from cocreate.reviews.models import Product, Review, UGCItem
from cocreate.reviews.services import do_create_campaign, do_submit_ugc

PALETTES = [
    ((46, 125, 50), (200, 230, 201)),
    ((21, 101, 192), (187, 222, 251)),
    ((230, 81, 0), (255, 224, 178)),
]


def _photo(rng: random.Random, palette: tuple) -> bytes:
    """A landscape-ish picture drawn with Pillow: sky gradient, hills, sun."""
    dark, light = palette
    image = Image.new("RGB", (800, 600), light)
    draw = ImageDraw.Draw(image)
    for y in range(300):
        t = y / 300
        draw.line([(0, y), (800, y)], fill=tuple(int(light[i] * (1 - t) + 255 * t) for i in range(3)))
    draw.ellipse([rng.randint(450, 650), 60, rng.randint(700, 760), 170], fill=(255, 213, 79))
    for layer in range(3):
        base = 330 + layer * 80
        points = [(0, 600)] + [(x, base - rng.randint(0, 120)) for x in range(0, 801, 100)] + [(800, 600)]
        shade = tuple(max(0, c - 30 * layer) for c in dark)
        draw.polygon(points, fill=shade)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _user(session: Session, email: str) -> User:
    return session.scalar(select(User).where(User.email == email))


def _move_into_the_past(campaigns: list, items: list, today, rng: random.Random) -> None:
    """A campaign that ran last spring: its stories were shared (while it ran) and approved back then."""
    for campaign in campaigns:
        campaign.starts_on, campaign.ends_on = today - timedelta(days=200), today - timedelta(days=150)
    for item in items:
        when = utcnow() - timedelta(days=rng.uniform(152, 198))
        session = object_session(item)
        session.execute(update(UGCItem).where(UGCItem.id == item.id).values(created_at=when, updated_at=when))


def _spread_over_the_campaign(running: list, rng: random.Random) -> None:
    """Stories of a running campaign came in over its twelve days, not all at once: those already decided
    days ago, those waiting for a moderator in the last day or two (their queue cases opened with them)."""
    waiting = set(range(4, len(running) - 1)) if len(running) > 4 else set()
    for index, item in enumerate(running):
        hours = rng.uniform(3, 40) if index in waiting else rng.uniform(2 * 24, 11 * 24)
        when = utcnow() - timedelta(hours=hours)
        session = object_session(item)
        session.execute(update(UGCItem).where(UGCItem.id == item.id).values(created_at=when, updated_at=when))
        session.execute(
            update(ModerationCase)
            .where(ModerationCase.kind == "ugc", ModerationCase.object_id == item.id)
            .values(opened_at=when)
        )


def generate_moderation(session: Session, rng: random.Random, member_ids: list[int], uploads: Path) -> dict:
    """Watched words, the catalog's campaigns with their stories (a featured one, approved ones, one
    returned with a reason, some waiting) and open flags: a spam idea hidden by members, two reviews
    reported, a comment held for a watched phrase."""
    moderator = _user(session, "moderator@demo.cocreate")
    product_lead = _user(session, "product@demo.cocreate")
    for word, action, replacement in (
        ("crypto giveaway", "queue", ""),
        ("buy followers", "block", ""),
        ("idiot", "replace", "***"),
    ):
        do_add_watched_word(session, actor=moderator, word=word, action=action, replacement=replacement)
    today = utcnow().date()
    wanted = sum(len(c["stories"]) for c in K.CAMPAIGNS) + 6
    members = [session.get(User, m) for m in rng.sample(member_ids, k=min(len(member_ids), wanted))]
    authors, flaggers = members[: wanted - 6], members[wanted - 6 :]
    items, campaigns = [], []
    for spec in K.CAMPAIGNS:
        product = (
            session.scalar(select(Product).where(Product.slug == spec["product"]))
            if spec["product"]
            else None
        )
        starts = today - timedelta(days=12)
        campaign = do_create_campaign(
            session,
            actor=product_lead,
            title=spec["title"],
            brief=spec["brief"],
            starts_on=starts,
            ends_on=starts + timedelta(days=30),
            product=product,
        )
        campaigns.append((campaign, spec))
        for story in spec["stories"]:
            if not authors:
                break
            items.append(
                (
                    spec["running"],
                    do_submit_ugc(
                        session,
                        actor=authors.pop(0),
                        campaign=campaign,
                        title=story["title"],
                        story=story["story"],
                        photos=[_photo(rng, rng.choice(PALETTES))],
                        uploads=uploads,
                    ),
                )
            )
    session.flush()
    running = [item for live, item in items if live]
    past = [item for live, item in items if not live]
    for item in past:  # a finished campaign: everything was decided long ago
        do_moderate(session, actor=moderator, obj=item, action="approve")
    _move_into_the_past([c for c, spec in campaigns if not spec["running"]], past, today, rng)
    _spread_over_the_campaign(running, rng)
    if running:
        do_moderate(session, actor=moderator, obj=running[0], action="feature")
        for item in running[1:4]:
            do_moderate(session, actor=moderator, obj=item, action="approve")
        if len(running) > 4:
            do_moderate(
                session,
                actor=moderator,
                obj=running[-1],
                action="reject",
                reason="quality",
                note="We can hardly see the kitchen. A photo in daylight would be great!",
            )
    # Two reviews reported by members; a spam idea gets enough flags to be hidden.
    reviews = session.scalars(select(Review).order_by(Review.id).limit(2)).all()
    for review, reason in zip(reviews, ("not_genuine", "off_topic"), strict=False):
        for person in flaggers[:2]:
            if person.id != review.author_id:
                do_flag(session, actor=person, obj=review, reason=reason, note="", threshold=3)
    board = session.scalar(select(Board).where(Board.slug == "web-shop")) or session.scalar(
        select(Board).where(~Board.is_private).order_by(Board.id)
    )
    if board is None or len(flaggers) < 5:
        return {"stories": len(items)}
    spam = Idea(
        board_id=board.id,
        author_id=flaggers[4].id,
        title="Cheap outdoor gear at huge discounts, visit my shop",
        body="Best prices on tents and boots, www.example-deals.test, message me for codes!",
        body_html="<p>Best prices on tents and boots, www.example-deals.test, message me for codes!</p>",
        excerpt="Best prices on tents and boots, www.example-deals.test, message me for codes!",
        created_at=utcnow() - timedelta(hours=5),
        updated_at=utcnow() - timedelta(hours=5),
    )
    session.add(spam)
    session.execute(update(Board).where(Board.id == board.id).values(idea_count=Board.idea_count + 1))
    session.flush()
    for person in flaggers[:3]:
        do_flag(session, actor=person, obj=spam, reason="spam", note="Looks like an advert.", threshold=3)
    # A comment with a watched phrase waits in the queue.
    target = session.scalar(
        select(Idea)
        .where(Idea.board_id == board.id, Idea.id != spam.id, Idea.moderation_state == "approved")
        .order_by(Idea.vote_count.desc(), Idea.id)
    )
    if target is not None:
        do_add_comment(
            session,
            actor=flaggers[3],
            idea=target,
            body="Great idea! Also join our crypto giveaway at www.example.com for free gear.",
        )
    return {"stories": len(items)}
