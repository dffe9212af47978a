"""Demo products with reviews, helpful votes and imported orders (verified purchases)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.demo import content as C
from cocreate.markup import render_markdown
from cocreate.reviews.models import HelpfulVote, OrderRecord, Product, Review
from cocreate.reviews.scoring import bayesian_average, wilson_lower_bound


def generate_reviews(
    session: Session,
    rng: random.Random,
    anchor: datetime,
    member_ids: list[int],
    board_ids: dict[str, int],
    progress: Callable[[int], None],
) -> int:
    """Insert the products and their reviews; counters computed as the services would store them."""
    products, reviews, helpful, orders = [], [], [], []
    emails = dict(session.execute(select(User.id, User.email)).all())
    review_id = itertools.count(1)
    for p_id, (name, board_slug, description) in enumerate(C.PRODUCTS, start=1):
        stars = {n: 0 for n in range(1, 6)}
        quality = rng.uniform(2.8, 4.7)
        authors = rng.sample(member_ids, k=min(len(member_ids), rng.randint(8, 40)))
        for author in authors:
            rating = max(1, min(5, round(rng.gauss(quality, 1.0))))
            created = anchor - timedelta(days=380) * rng.random()
            body = " ".join(rng.sample(C.REVIEW_BODIES, 2))
            yes, no = rng.randint(0, 12), rng.randint(0, 4)
            verified = rng.random() < 0.5
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
                    "title": rng.choice(C.REVIEW_TITLES[rating]),
                    "body": body,
                    "body_html": render_markdown(body),
                    "pros": rng.choice(C.PROS),
                    "cons": rng.choice(C.CONS),
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
            voters = rng.sample([m for m in member_ids if m != author], k=min(len(member_ids) - 1, yes + no))
            helpful += [
                {"review_id": r_id, "user_id": v, "helpful": i < yes, "created_at": created}
                for i, v in enumerate(voters)
            ]
            stars[rating] += 1
        count, total = sum(stars.values()), sum(n * c for n, c in stars.items())
        products.append(
            {
                "id": p_id,
                "slug": name.lower().replace(" ", "-"),
                "name": name,
                "description": description,
                "board_id": board_ids.get(board_slug),
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
