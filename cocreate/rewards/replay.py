"""Credit what already happened: for installs that had content before rewards existed, and for the demo.

It walks published ideas, supporters, status changes, reviews, helpful votes and approved stories, and
credits each through the same functions (and idempotency keys) as the live subscribers, dated when it
happened so that daily caps apply per day. Running it twice credits nothing new.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cocreate.moderation.models import VISIBLE_STATES
from cocreate.rewards import subscribers as rules


def count_events(session: Session) -> int:
    from cocreate.ideas.models import Idea, StatusChange
    from cocreate.reviews.models import HelpfulVote, Review, UGCItem

    return sum(
        session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Idea, StatusChange, Review, HelpfulVote, UGCItem)
    )


def replay(session: Session, progress: Callable[[int], None] = lambda n: None) -> None:
    """Credit history in time order per kind; the caller commits."""
    from cocreate.ideas.models import Idea, StatusChange, Vote
    from cocreate.reviews.models import HelpfulVote, Review, UGCItem

    milestones = rules.settings().milestones
    for idea in session.scalars(
        select(Idea).where(Idea.moderation_state.in_(VISIBLE_STATES)).order_by(Idea.id)
    ):
        rules.idea_published(session, idea, at=idea.created_at)
        if milestones and idea.vote_count >= milestones[0]:
            times = session.scalars(
                select(Vote.created_at)
                .where(Vote.idea_id == idea.id, Vote.user_id != idea.author_id)
                .order_by(Vote.created_at, Vote.id)
                .limit(milestones[-1])
            ).all()
            for reached in milestones:
                if len(times) >= reached:
                    rules.milestone(session, idea, reached, at=times[reached - 1])
        progress(1)
    for change in session.scalars(select(StatusChange).order_by(StatusChange.created_at, StatusChange.id)):
        idea = session.get(Idea, change.idea_id)
        if idea is not None and idea.moderation_state in VISIBLE_STATES:
            rules.status_reward(session, idea, change.new_status, at=change.created_at)
        progress(1)
    for review in session.scalars(select(Review).order_by(Review.id)):
        if review.moderation_state in VISIBLE_STATES:
            rules.review_published(session, review, at=review.created_at)
        progress(1)
    helpful = session.execute(
        select(HelpfulVote.review_id, Review.author_id, HelpfulVote.user_id, HelpfulVote.created_at)
        .join(Review, Review.id == HelpfulVote.review_id)
        .where(HelpfulVote.helpful.is_(True), Review.moderation_state.in_(VISIBLE_STATES))
        .order_by(HelpfulVote.created_at, HelpfulVote.id)
    ).all()
    for review_id, author_id, voter_id, at in helpful:
        rules.review_helpful(session, review_id, author_id, voter_id, at=at)
        progress(1)
    for item in session.scalars(select(UGCItem).order_by(UGCItem.id)):
        if item.moderation_state in VISIBLE_STATES:
            rules.ugc_approved(session, item.id, item.author_id, at=item.created_at)
        if item.moderation_state == "featured":
            rules.ugc_featured(session, item.id, item.author_id, at=item.featured_at or item.created_at)
        progress(1)
