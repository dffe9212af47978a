"""What the search index holds: one Document per visible idea, review and story, read as plain rows.

One statement per kind builds the documents, for a batch of ids (after a commit) and for keyset batches (a
full reindex) alike, so the two paths cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cocreate.moderation.models import VISIBLE_STATES

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # our snippet markers are control characters


@dataclass(frozen=True)
class Document:
    key: str  # "idea:12", "review:3", "ugc:7"
    kind: str
    object_id: int
    title: str
    body: str
    tags: str  # tag names, space separated
    place: str  # board or product name
    board_id: int | None
    product_id: int | None
    status: str  # an idea's status; "" for reviews and stories
    sentiment: str
    created_at: datetime


def _clean(text: str | None) -> str:
    return CONTROL_RE.sub(" ", text or "")


def indexed_models() -> dict[str, type]:
    from cocreate.ideas.models import Idea
    from cocreate.reviews.models import Review, UGCItem

    return {"idea": Idea, "review": Review, "ugc": UGCItem}


def kind_of(obj) -> str | None:
    for kind, model in indexed_models().items():
        if isinstance(obj, model):
            return kind
    return None


def _ideas(session: Session, condition) -> list[Document]:
    from cocreate.ideas.models import Board, Idea, Tag, idea_tags

    rows = session.execute(
        select(
            Idea.id,
            Idea.title,
            Idea.body,
            Board.name,
            Idea.board_id,
            Idea.status,
            Idea.sentiment,
            Idea.created_at,
        )
        .join(Board, Board.id == Idea.board_id)
        .where(condition(Idea), Idea.moderation_state.in_(VISIBLE_STATES), Idea.merged_into_id.is_(None))
        .order_by(Idea.id)
    ).all()
    tags: dict[int, list[str]] = {}
    if rows:
        for idea_id, name in session.execute(
            select(idea_tags.c.idea_id, Tag.name)
            .join(Tag, Tag.id == idea_tags.c.tag_id)
            .where(idea_tags.c.idea_id.in_([r[0] for r in rows]))
        ):
            tags.setdefault(idea_id, []).append(name)
    return [
        Document(
            f"idea:{i}",
            "idea",
            i,
            _clean(t),
            _clean(b),
            " ".join(sorted(tags.get(i, []))),
            place,
            board_id,
            None,
            status,
            sentiment,
            created,
        )
        for i, t, b, place, board_id, status, sentiment, created in rows
    ]


def _reviews(session: Session, condition) -> list[Document]:
    from cocreate.reviews.models import Product, Review

    rows = session.execute(
        select(
            Review.id,
            Review.title,
            Review.body,
            Review.pros,
            Review.cons,
            Product.name,
            Review.product_id,
            Review.sentiment,
            Review.created_at,
        )
        .join(Product, Product.id == Review.product_id)
        .where(condition(Review), Review.moderation_state.in_(VISIBLE_STATES))
        .order_by(Review.id)
    ).all()
    return [
        Document(
            f"review:{i}",
            "review",
            i,
            _clean(t),
            _clean(
                " · ".join(
                    p for p in (b, pros and f"Liked: {pros}", cons and f"Could be better: {cons}") if p
                )
            ),
            "",
            place,
            None,
            product_id,
            "",
            sentiment,
            created,
        )
        for i, t, b, pros, cons, place, product_id, sentiment, created in rows
    ]


def _stories(session: Session, condition) -> list[Document]:
    """A story's place: its product, else its campaign's product, else the campaign's title."""
    from cocreate.reviews.models import Campaign, Product, UGCItem

    campaign_product = Product.__table__.alias("campaign_product")
    rows = session.execute(
        select(
            UGCItem.id,
            UGCItem.title,
            UGCItem.story,
            Product.id,
            Product.name,
            campaign_product.c.id,
            campaign_product.c.name,
            Campaign.title,
            UGCItem.sentiment,
            UGCItem.created_at,
        )
        .outerjoin(Product, Product.id == UGCItem.product_id)
        .outerjoin(Campaign, Campaign.id == UGCItem.campaign_id)
        .outerjoin(campaign_product, campaign_product.c.id == Campaign.product_id)
        .where(condition(UGCItem), UGCItem.moderation_state.in_(VISIBLE_STATES))
        .order_by(UGCItem.id)
    ).all()
    return [
        Document(
            f"ugc:{i}",
            "ugc",
            i,
            _clean(t),
            _clean(story),
            "",
            p_name or c_name or c_title or "",
            None,
            p_id or c_id,
            "",
            sentiment,
            created,
        )
        for i, t, story, p_id, p_name, c_id, c_name, c_title, sentiment, created in rows
    ]


BUILDERS = {"idea": _ideas, "review": _reviews, "ugc": _stories}


def load_documents(session: Session, kind: str, ids: list[int]) -> dict[int, Document | None]:
    """Fresh documents for these ids (None for those missing or not visible: remove them from the index)."""
    found = {d.object_id: d for d in BUILDERS[kind](session, lambda model: model.id.in_(ids))}
    return {i: found.get(i) for i in ids}


def all_documents(session: Session, batch: int = 5_000) -> Iterator[list[Document]]:
    """Every visible contribution, in keyset batches of `batch` ids (memory stays flat over 100k rows)."""
    for kind, model in indexed_models().items():
        last = 0
        while True:
            ids = list(
                session.scalars(select(model.id).where(model.id > last).order_by(model.id).limit(batch))
            )
            if not ids:
                break
            last = ids[-1]
            yield BUILDERS[kind](session, lambda m, low=ids[0], high=last: m.id.between(low, high))


def count_documents(session: Session) -> int:
    return sum(
        session.scalar(select(func.count(m.id)).where(m.moderation_state.in_(VISIBLE_STATES)))
        for m in indexed_models().values()
    )
