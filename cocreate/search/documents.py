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


def all_documents(session: Session, batch: int = 2_000) -> Iterator[list[Document]]:
    """Every visible contribution, in keyset batches (for a full reindex)."""
    for kind, model in indexed_models().items():
        last = 0
        while True:
            objects = list(
                session.scalars(
                    _loader(kind)
                    .where(model.id > last, model.moderation_state.in_(VISIBLE_STATES))
                    .order_by(model.id)
                    .limit(batch)
                )
            )
            if not objects:
                break
            last = objects[-1].id
            yield [d for d in (to_document(kind, o) for o in objects) if d]
            session.expunge_all()  # keep memory flat over 100k rows


def count_documents(session: Session) -> int:
    from sqlalchemy import func

    return sum(
        session.scalar(select(func.count(m.id)).where(m.moderation_state.in_(VISIBLE_STATES)))
        for m in indexed_models().values()
    )
