"""Reviews and stories as moderation handles them (moderation/kinds.py): what they count while visible, how
the queue previews and loads them, what removing one leaves. create_app registers them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cocreate.markup import plain_excerpt
from cocreate.moderation.kinds import REMOVED_TEXT, Kind, nothing_counted
from cocreate.reviews.models import Review, UGCItem
from cocreate.reviews.ratings import change_ratings


def _review_visibility(session: Session, review, visible: bool) -> None:
    if visible:
        change_ratings(session, review.product_id, add=review.rating)
    else:
        change_ratings(session, review.product_id, remove=review.rating)


KINDS = (
    Kind(
        "review",
        "Review",
        Review,
        _review_visibility,
        lambda o: (f"{'★' * o.rating} {o.title}", plain_excerpt(o.body, 400)),
        erased=(("title", REMOVED_TEXT), ("body", ""), ("body_html", ""), ("pros", ""), ("cons", "")),
        load_many=lambda ids: select(Review).where(Review.id.in_(ids)).options(selectinload(Review.product)),
    ),
    Kind(
        "ugc",
        "Story / photos",
        UGCItem,
        nothing_counted,
        lambda o: (o.title, plain_excerpt(o.story, 400)),
        erased=(("title", REMOVED_TEXT), ("story", ""), ("story_html", ""), ("video_url", None)),
        load_many=lambda ids: (
            select(UGCItem)
            .where(UGCItem.id.in_(ids))
            .options(
                selectinload(UGCItem.photos), selectinload(UGCItem.product), selectinload(UGCItem.campaign)
            )
        ),
    ),
)
