"""Reads for product pages: products by Bayesian average, reviews by helpfulness, date or rating."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from cocreate.accounts.models import User
from cocreate.errors import InvalidInput
from cocreate.reviews.models import HelpfulVote, Product, Review

# sort name: (column, descending?)
REVIEW_SORTS = {
    "helpful": (Review.helpful_score, True),
    "new": (Review.created_at, True),
    "highest": (Review.rating, True),
    "lowest": (Review.rating, False),
}
REVIEW_SORT_LABELS = {
    "helpful": "Most helpful",
    "new": "Newest",
    "highest": "Highest rated",
    "lowest": "Lowest rated",
}


def products_ranked(session: Session) -> list[Product]:
    """Every product, best (Bayesian average) first."""
    return list(session.scalars(select(Product).order_by(Product.bayes_score.desc(), Product.id.desc())))


def product_by_slug(session: Session, slug: str) -> Product | None:
    return session.scalar(select(Product).where(Product.slug == slug))


@dataclass
class ReviewPage:
    reviews: list[Review]
    next_cursor: str | None
    my_review: Review | None = None
    my_helpful: dict[int, bool] = field(default_factory=dict)


def _cursor(value, review_id: int) -> str:
    text = value.isoformat() if isinstance(value, datetime) else repr(value)
    raw = f"{text}|{review_id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(sort: str, cursor: str):
    try:
        value, review_id = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().rsplit("|", 1)
        if sort == "new":
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError("naive")
            return parsed, int(review_id)
        return (float(value) if sort == "helpful" else int(value)), int(review_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput("That page link is not valid any more; start from the first page.") from None


def product_reviews(
    session: Session,
    product: Product,
    *,
    sort: str = "helpful",
    cursor: str | None = None,
    limit: int = 20,
    viewer: User | None = None,
) -> ReviewPage:
    """A page of a product's reviews with authors, plus the viewer's own review and helpful answers."""
    if sort not in REVIEW_SORTS:
        raise InvalidInput(f"Unknown sort. Use one of: {', '.join(REVIEW_SORTS)}.")
    column, descending = REVIEW_SORTS[sort]
    stmt = select(Review).where(Review.product_id == product.id).options(selectinload(Review.author))
    if cursor:
        value, last_id = _decode(sort, cursor)
        beyond = column < value if descending else column > value
        stmt = stmt.where(or_(beyond, and_(column == value, Review.id < last_id)))
    order = column.desc() if descending else column.asc()
    rows = list(session.scalars(stmt.order_by(order, Review.id.desc()).limit(limit + 1)))
    page = ReviewPage(reviews=rows[:limit], next_cursor=None)
    if len(rows) > limit:
        page.next_cursor = _cursor(getattr(page.reviews[-1], column.key), page.reviews[-1].id)
    if viewer is not None and viewer.is_authenticated:
        page.my_review = session.scalar(
            select(Review).where(Review.product_id == product.id, Review.author_id == viewer.id)
        )
        if page.reviews:
            page.my_helpful = dict(
                session.execute(
                    select(HelpfulVote.review_id, HelpfulVote.helpful).where(
                        HelpfulVote.user_id == viewer.id,
                        HelpfulVote.review_id.in_([r.id for r in page.reviews]),
                    )
                ).all()
            )
    return page
