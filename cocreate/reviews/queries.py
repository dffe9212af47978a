"""Reads for product pages: products by Bayesian average, reviews by helpfulness, date or rating."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cocreate.accounts.models import User
from cocreate.errors import InvalidInput
from cocreate.moderation.models import VISIBLE_STATES, State
from cocreate.reviews.models import Campaign, HelpfulVote, Product, Review, UGCItem
from cocreate.web.pagination import after_cursor, encode_cursor

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
    stmt = (
        select(Review)
        .where(Review.product_id == product.id, Review.moderation_state == State.APPROVED.value)
        .options(selectinload(Review.author))
    )
    if cursor:
        stmt = stmt.where(after_cursor(column, Review.id, cursor, descending=descending))
    order = column.desc() if descending else column.asc()
    rows = list(session.scalars(stmt.order_by(order, Review.id.desc()).limit(limit + 1)))
    page = ReviewPage(reviews=rows[:limit], next_cursor=None)
    if len(rows) > limit:
        page.next_cursor = encode_cursor(getattr(page.reviews[-1], column.key), page.reviews[-1].id)
    if viewer is not None and viewer.is_authenticated:
        page.my_review = session.scalar(
            select(Review).where(
                Review.product_id == product.id,
                Review.author_id == viewer.id,
                Review.moderation_state != "removed",
            )
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


def gallery(
    session: Session,
    *,
    product: Product | None = None,
    campaign: Campaign | None = None,
    author: User | None = None,
    limit: int = 24,
    offset: int = 0,
) -> list[UGCItem]:
    """Approved stories and photos, featured first, newest next, with photos and authors."""
    stmt = select(UGCItem).where(UGCItem.moderation_state.in_(VISIBLE_STATES))
    if product is not None:
        stmt = stmt.where(UGCItem.product_id == product.id)
    if campaign is not None:
        stmt = stmt.where(UGCItem.campaign_id == campaign.id)
    if author is not None:
        stmt = stmt.where(UGCItem.author_id == author.id)
    featured_first = (UGCItem.moderation_state == State.FEATURED.value).desc()
    return list(
        session.scalars(
            stmt.options(selectinload(UGCItem.photos), selectinload(UGCItem.author))
            .order_by(
                featured_first, UGCItem.featured_at.desc(), UGCItem.created_at.desc(), UGCItem.id.desc()
            )
            .limit(limit)
            .offset(offset)
        )
    )


def campaigns(session: Session) -> list[Campaign]:
    """Every campaign, the latest to end first."""
    return list(
        session.scalars(
            select(Campaign)
            .options(selectinload(Campaign.product))
            .order_by(Campaign.ends_on.desc(), Campaign.id)
        )
    )


def campaign_by_slug(session: Session, slug: str) -> Campaign | None:
    return session.scalar(
        select(Campaign).where(Campaign.slug == slug).options(selectinload(Campaign.product))
    )


def ugc_for_page(session: Session, item_id: int) -> UGCItem | None:
    return session.scalar(
        select(UGCItem)
        .where(UGCItem.id == item_id)
        .options(
            selectinload(UGCItem.photos),
            selectinload(UGCItem.author),
            selectinload(UGCItem.product),
            selectinload(UGCItem.campaign),
        )
    )
