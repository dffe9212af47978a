"""Demo products with their pictures, reviews written for each of them, helpful votes and imported orders
(verified purchases). The pictures are drawn here, not downloaded: a product's colour and a simple figure of
what it is."""

from __future__ import annotations

import io
import itertools
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.demo import catalog as K
from cocreate.markup import render_markdown
from cocreate.media import store_image
from cocreate.reviews.models import HelpfulVote, OrderRecord, Product, Review
from cocreate.reviews.scoring import bayesian_average, wilson_lower_bound

PICTURE = 480  # pixels a side


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def picture(slug: str, colour: str) -> bytes:
    """A product picture: a soft background in the product's colour and a figure of the product."""
    base = _rgb(colour)
    light = tuple(min(255, c + (255 - c) * 3 // 4) for c in base)
    image = Image.new("RGB", (PICTURE, PICTURE), light)
    draw = ImageDraw.Draw(image)
    for y in range(PICTURE):  # a gentle gradient towards the ground
        shade = tuple(int(a + (b - a) * y / PICTURE / 3) for a, b in zip(light, base, strict=True))
        draw.line([(0, y), (PICTURE, y)], fill=shade)
    dark = tuple(max(0, c - 40) for c in base)
    s = PICTURE
    figure = next((f for key, f in FIGURES.items() if key in slug), "box")
    if figure == "tent":
        draw.polygon([(s * 0.15, s * 0.78), (s * 0.5, s * 0.22), (s * 0.85, s * 0.78)], fill=base)
        draw.polygon([(s * 0.44, s * 0.78), (s * 0.5, s * 0.5), (s * 0.56, s * 0.78)], fill=dark)
    elif figure == "pack":
        draw.rounded_rectangle([s * 0.3, s * 0.22, s * 0.7, s * 0.8], radius=s * 0.1, fill=base)
        draw.rounded_rectangle([s * 0.36, s * 0.5, s * 0.64, s * 0.72], radius=s * 0.04, fill=dark)
    elif figure == "jacket":
        draw.polygon(
            [
                (s * 0.38, s * 0.2),
                (s * 0.62, s * 0.2),
                (s * 0.8, s * 0.35),
                (s * 0.72, s * 0.8),
                (s * 0.28, s * 0.8),
                (s * 0.2, s * 0.35),
            ],
            fill=base,
        )
        draw.line([(s * 0.5, s * 0.24), (s * 0.5, s * 0.8)], fill=dark, width=int(s * 0.015))
    elif figure == "boot":
        draw.polygon(
            [
                (s * 0.3, s * 0.2),
                (s * 0.52, s * 0.2),
                (s * 0.55, s * 0.55),
                (s * 0.82, s * 0.62),
                (s * 0.82, s * 0.76),
                (s * 0.28, s * 0.76),
            ],
            fill=base,
        )
        draw.rectangle([s * 0.26, s * 0.76, s * 0.84, s * 0.82], fill=dark)
    elif figure == "stove":
        draw.rectangle([s * 0.35, s * 0.55, s * 0.65, s * 0.8], fill=base)
        draw.ellipse([s * 0.3, s * 0.45, s * 0.7, s * 0.58], fill=dark)
        draw.polygon([(s * 0.45, s * 0.44), (s * 0.5, s * 0.26), (s * 0.55, s * 0.44)], fill=(240, 140, 40))
    elif figure == "bag":
        draw.rounded_rectangle([s * 0.25, s * 0.3, s * 0.75, s * 0.72], radius=s * 0.18, fill=base)
        for x in (0.38, 0.5, 0.62):
            draw.line([(s * x, s * 0.32), (s * x, s * 0.7)], fill=dark, width=int(s * 0.012))
    elif figure == "poles":
        for x in (0.4, 0.6):
            draw.line([(s * x, s * 0.18), (s * (x - 0.05), s * 0.84)], fill=base, width=int(s * 0.03))
            draw.rectangle([s * (x - 0.03), s * 0.18, s * (x + 0.03), s * 0.3], fill=dark)
    elif figure == "lamp":
        draw.ellipse([s * 0.36, s * 0.36, s * 0.64, s * 0.64], fill=base)
        draw.ellipse([s * 0.43, s * 0.43, s * 0.57, s * 0.57], fill=(255, 236, 170))
        draw.arc([s * 0.2, s * 0.3, s * 0.8, s * 0.9], 200, 340, fill=dark, width=int(s * 0.03))
    elif figure == "bottle":
        draw.rounded_rectangle([s * 0.38, s * 0.3, s * 0.62, s * 0.82], radius=s * 0.06, fill=base)
        draw.rectangle([s * 0.44, s * 0.2, s * 0.56, s * 0.3], fill=dark)
    elif figure == "phone":
        draw.rounded_rectangle([s * 0.33, s * 0.18, s * 0.67, s * 0.84], radius=s * 0.05, fill=dark)
        draw.rectangle([s * 0.36, s * 0.24, s * 0.64, s * 0.76], fill=light)
        draw.line(
            [(s * 0.4, s * 0.66), (s * 0.48, s * 0.48), (s * 0.55, s * 0.58), (s * 0.61, s * 0.34)],
            fill=base,
            width=int(s * 0.02),
        )
    else:
        draw.rounded_rectangle([s * 0.28, s * 0.3, s * 0.72, s * 0.74], radius=s * 0.05, fill=base)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


FIGURES = {
    "tent": "tent",
    "daypack": "pack",
    "jacket": "jacket",
    "boots": "boot",
    "stove": "stove",
    "sleeping-bag": "bag",
    "poles": "poles",
    "headlamp": "lamp",
    "filter": "bottle",
    "app": "phone",
    "rental": "tent",
}


def generate_reviews(
    session: Session,
    rng: random.Random,
    anchor: datetime,
    member_ids: list[int],
    board_ids: dict[str, int],
    progress: Callable[[int], None],
    uploads: Path | None = None,
) -> int:
    """Insert the products (with a picture when `uploads` is given) and their reviews; counters computed as
    the services would store them."""
    products, reviews, helpful, orders = [], [], [], []
    emails = dict(session.execute(select(User.id, User.email)).all())
    review_id = itertools.count(1)
    for p_id, spec in enumerate(K.PRODUCTS, start=1):
        stars = {n: 0 for n in range(1, 6)}
        written = K.REVIEWS.get(spec["slug"], [])
        authors = rng.sample(member_ids, k=min(len(member_ids), len(written)))
        for author, text in zip(authors, written, strict=False):
            rating = text["rating"]
            created = anchor - timedelta(days=380) * rng.random()
            yes, no = rng.randint(0, 12) if rating >= 3 else rng.randint(0, 5), rng.randint(0, 3)
            verified = rng.random() < 0.6
            r_id = next(review_id)
            if verified:
                orders.append(
                    {
                        "email": emails[author],
                        "product_id": p_id,
                        "order_date": (created - timedelta(days=10)).date(),
                    }
                )
            reviews.append(
                {
                    "id": r_id,
                    "product_id": p_id,
                    "author_id": author,
                    "rating": rating,
                    "title": text["title"],
                    "body": text["body"],
                    "body_html": render_markdown(text["body"]),
                    "pros": text.get("pros", ""),
                    "cons": text.get("cons", ""),
                    "incentive": "campaign" if rng.random() < 0.08 else None,
                    "verified_purchase": verified,
                    "helpful_count": yes,
                    "unhelpful_count": no,
                    "helpful_score": wilson_lower_bound(yes, no),
                    "channel": "web",
                    "created_at": created,
                    "updated_at": created,
                }
            )
            others = [m for m in member_ids if m != author]
            voters = rng.sample(others, k=min(len(others), yes + no))
            helpful += [
                {
                    "review_id": r_id,
                    "user_id": v,
                    "helpful": i < yes,
                    "created_at": created + (anchor - created) * rng.random(),
                }
                for i, v in enumerate(voters)
            ]
            stars[rating] += 1
        count, total = sum(stars.values()), sum(n * c for n, c in stars.items())
        image = store_image(picture(spec["slug"], spec["colour"]), uploads).name if uploads else None
        products.append(
            {
                "id": p_id,
                "slug": spec["slug"],
                "name": spec["name"],
                "description": spec["description"],
                "board_id": board_ids.get(spec["board"]),
                "image": image,
                "review_count": count,
                "rating_sum": total,
                **{f"stars_{n}": c for n, c in stars.items()},
                "bayes_score": bayesian_average(total, count),
                "created_at": anchor - timedelta(days=400),
            }
        )
    for table, rows in (
        (Product.__table__, products),
        (Review.__table__, reviews),
        (HelpfulVote.__table__, helpful),
        (OrderRecord.__table__, orders),
    ):
        for start in range(0, len(rows), 5_000):
            session.execute(insert(table), rows[start : start + 5_000])
        progress(len(rows))
    return len(reviews)
