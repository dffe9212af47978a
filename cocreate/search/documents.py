"""What the search index holds: one Document per visible idea, review and story, built from the database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

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


def _loader(kind: str):
    from cocreate.ideas.models import Idea
    from cocreate.reviews.models import Review, UGCItem

    if kind == "idea":
        return select(Idea).options(selectinload(Idea.tags), selectinload(Idea.board))
    if kind == "review":
        return select(Review).options(selectinload(Review.product))
    return select(UGCItem).options(selectinload(UGCItem.product), selectinload(UGCItem.campaign))


def to_document(kind: str, obj) -> Document | None:
    """The document for a visible object; None when it must not be findable (held, hidden, rejected)."""
    if obj is None or obj.moderation_state not in VISIBLE_STATES:
        return None
    common = {"key": f"{kind}:{obj.id}", "kind": kind, "object_id": obj.id, "sentiment": obj.sentiment}
    if kind == "idea":
        return Document(
            **common,
            title=_clean(obj.title),
            body=_clean(obj.body),
            tags=" ".join(t.name for t in obj.tags),
            place=obj.board.name,
            board_id=obj.board_id,
            product_id=None,
            status=obj.status,
            created_at=obj.created_at,
        )
    if kind == "review":
        return Document(
            **common,
            title=_clean(obj.title),
            body=_clean("\n".join(p for p in (obj.body, obj.pros, obj.cons) if p)),
            tags="",
            place=obj.product.name,
            board_id=None,
            product_id=obj.product_id,
            status="",
            created_at=obj.created_at,
        )
    product = obj.product or (obj.campaign.product if obj.campaign else None)
    return Document(
        **common,
        title=_clean(obj.title),
        body=_clean(obj.story),
        tags="",
        place=product.name if product else (obj.campaign.title if obj.campaign else ""),
        board_id=None,
        product_id=product.id if product else None,
        status="",
        created_at=obj.created_at,
    )


def load_documents(session: Session, kind: str, ids: list[int]) -> dict[int, Document | None]:
    """Fresh documents for these ids (None for those missing or not visible)."""
    model = indexed_models()[kind]
    found = {o.id: o for o in session.scalars(_loader(kind).where(model.id.in_(ids)))}
    return {i: to_document(kind, found.get(i)) for i in ids}


def all_documents(session: Session, batch: int = 5_000) -> Iterator[list[Document]]:
    """Every visible contribution, in keyset batches of plain rows (no ORM objects: a full reindex of 100k
    contributions spends its time in the index, not in building entities)."""
    from cocreate.ideas.models import Board, Idea, Tag, idea_tags
    from cocreate.reviews.models import Campaign, Product, Review, UGCItem

    visible = VISIBLE_STATES
    last = 0
    while True:  # ideas, with board names and tags
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
            .where(Idea.id > last, Idea.moderation_state.in_(visible))
            .order_by(Idea.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        tags: dict[int, list[str]] = {}
        for idea_id, name in session.execute(
            select(idea_tags.c.idea_id, Tag.name)
            .join(Tag, Tag.id == idea_tags.c.tag_id)
            .where(idea_tags.c.idea_id.between(rows[0][0], last))
        ):
            tags.setdefault(idea_id, []).append(name)
        yield [
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
    last = 0
    while True:  # reviews, with product names
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
            .where(Review.id > last, Review.moderation_state.in_(visible))
            .order_by(Review.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        yield [
            Document(
                f"review:{i}",
                "review",
                i,
                _clean(t),
                _clean("\n".join(p for p in (b, pros, cons) if p)),
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
    last = 0
    campaign_product = Product.__table__.alias("campaign_product")
    while True:  # stories: their product, else their campaign's product, else the campaign's title
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
            .where(UGCItem.id > last, UGCItem.moderation_state.in_(visible))
            .order_by(UGCItem.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        yield [
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


def count_documents(session: Session) -> int:
    from sqlalchemy import func

    return sum(
        session.scalar(select(func.count(m.id)).where(m.moderation_state.in_(VISIBLE_STATES)))
        for m in indexed_models().values()
    )
