"""Helpful / not helpful votes on reviews: one per person, never on one's own review."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.errors import Conflict, NotAllowed, NotFound
from cocreate.events import HelpfulVoteCast, emit
from cocreate.ideas.access import check_member
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.reviews.models import HelpfulVote, Review
from cocreate.reviews.scoring import wilson_lower_bound


def do_helpful_vote(session: Session, *, actor: User | None, review: Review, helpful: bool) -> HelpfulVote:
    """Say whether a review helped; counters and the Wilson score change in the same transaction."""
    check_member(actor, "rate reviews")
    if review.moderation_state not in VISIBLE_STATES:
        raise NotFound("No such review.")
    if review.author_id == actor.id:
        raise NotAllowed("You cannot rate your own review.")
    vote = HelpfulVote(review_id=review.id, user_id=actor.id, helpful=bool(helpful))
    try:
        with session.begin_nested():
            session.add(vote)
    except IntegrityError:
        raise Conflict("You have already rated this review.") from None
    column = Review.helpful_count if helpful else Review.unhelpful_count
    yes, no = session.execute(
        update(Review)
        .where(Review.id == review.id)
        .values({column.key: column + 1})
        .returning(Review.helpful_count, Review.unhelpful_count)
    ).one()
    session.execute(
        update(Review).where(Review.id == review.id).values(helpful_score=wilson_lower_bound(yes, no))
    )
    session.expire(review, ["helpful_count", "unhelpful_count", "helpful_score"])
    emit(
        session,
        HelpfulVoteCast(
            actor_id=actor.id, review_id=review.id, review_author_id=review.author_id, helpful=bool(helpful)
        ),
    )
    return vote
