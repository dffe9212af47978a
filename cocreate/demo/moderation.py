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
from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.ideas.models import Board, Idea
from cocreate.ideas.services import do_add_comment
from cocreate.moderation.services import do_add_watched_word, do_flag, do_moderate
from cocreate.reviews.models import Product, Review
from cocreate.reviews.services import do_create_campaign, do_submit_ugc

PALETTES = [
    ((46, 125, 50), (200, 230, 201)),
    ((21, 101, 192), (187, 222, 251)),
    ((230, 81, 0), (255, 224, 178)),
]
STORIES = [
    ("Breakfast above the clouds", "Porridge at 2,400 m. The stove lit on the first try even in the wind."),
    ("Three days on the coast path", "Everything fitted in the 38 l pack, with room for a paperback."),
    ("My daughter's first summit", "She carried her own water bottle and would not stop talking about it."),
    ("Rain-proof test, unplanned", "Six hours of rain and the down stayed dry. Impressed."),
    (
        "Camp kitchen, version 4",
        "I finally found a layout that works: stove left, water right, pot in the middle.",
    ),
    (
        "Night sky from the hut",
        "Long exposure from the terrace. The headlamp's red mode saved my night vision.",
    ),
    ("Blurry but happy", "Sorry for the photo, it was freezing."),
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


def generate_moderation(session: Session, rng: random.Random, member_ids: list[int], uploads: Path) -> dict:
    """Watched words, two campaigns with stories (approved, featured, returned, pending) and open flags."""
    moderator = _user(session, "moderator@demo.cocreate")
    product_lead = _user(session, "product@demo.cocreate")
    for word, action, replacement in (
        ("crypto giveaway", "queue", ""),
        ("buy followers", "block", ""),
        ("idiot", "replace", "***"),
    ):
        do_add_watched_word(session, actor=moderator, word=word, action=action, replacement=replacement)
    today = utcnow().date()
    stove = session.scalar(select(Product).order_by(Product.id))
    running = do_create_campaign(
        session,
        actor=product_lead,
        title="Show us your trail kitchen",
        brief="Cooking outdoors? **Share a photo of your set-up** and one tip that others should know. "
        "We feature our favourites every week.",
        starts_on=today - timedelta(days=12),
        ends_on=today + timedelta(days=18),
        product=stove,
    )
    do_create_campaign(
        session,
        actor=product_lead,
        title="Spring summits 2026",
        brief="Your first summit of the season.",
        starts_on=today - timedelta(days=200),
        ends_on=today - timedelta(days=150),
    )
    members = [session.get(User, m) for m in rng.sample(member_ids[4:], k=len(STORIES) + 6)]
    items = []
    for (title, story), author in zip(STORIES, members, strict=False):
        photo = _photo(rng, rng.choice(PALETTES))
        items.append(
            do_submit_ugc(
                session,
                actor=author,
                campaign=running,
                title=title,
                story=story,
                photos=[photo],
                uploads=uploads,
            )
        )
    session.flush()
    do_moderate(session, actor=moderator, obj=items[0], action="feature")
    for item in items[1:4]:
        do_moderate(session, actor=moderator, obj=item, action="approve")
    do_moderate(
        session,
        actor=moderator,
        obj=items[6],
        action="reject",
        reason="quality",
        note="We can hardly see the kitchen. A photo in daylight would be great!",
    )
    flaggers = members[len(STORIES) :]
    # Two reviews and an idea reported by members; the idea gets enough flags to be hidden.
    reviews = session.scalars(select(Review).order_by(Review.id).limit(2)).all()
    for review, reason in zip(reviews, ("not_genuine", "off_topic"), strict=False):
        for person in flaggers[:2]:
            if person.id != review.author_id:
                do_flag(session, actor=person, obj=review, reason=reason, note="", threshold=3)
    # The newest public idea is flagged; the most voted of the others gets a comment the queue holds.
    ideas = session.scalars(
        select(Idea).join(Board, Board.id == Idea.board_id).where(~Board.is_private).order_by(Idea.id.desc())
    ).all()
    if len(ideas) < 2:  # `demo load` asks for more ideas than this
        return {"stories": len(items)}
    idea, target = ideas[0], max(ideas[1:], key=lambda i: (i.vote_count, i.id))
    for person in flaggers[:3]:
        if person.id != idea.author_id:
            do_flag(session, actor=person, obj=idea, reason="spam", note="Looks like an advert.", threshold=3)
    do_add_comment(
        session,
        actor=flaggers[3],
        idea=target,
        body="Great idea! Also join our crypto giveaway at www.example.com for free gear.",
    )
    return {"stories": len(items)}
