"""Which events earn points, for whom, under which idempotency key; and which take them back.

Each handler runs inside the transaction that emitted the event. Keys name the event, not the delivery, so
the same event handled twice credits once. Nobody earns points from their own activity on their own
content: milestones count other people's votes, helpful votes on one's own review are impossible anyway,
and an author is never an early supporter of their own idea.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.events import (
    ContentApproved,
    ContentHidden,
    ContentRejected,
    HelpfulVoteCast,
    IdeaCreated,
    ReviewPublished,
    StatusChanged,
    UGCApproved,
    UGCFeatured,
    VoteCast,
    subscribe,
)
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.rewards import services
from cocreate.rewards.catalog import HELPFUL_STREAK_DAYS
from cocreate.rewards.settings import settings


def _idea(session: Session, idea_id: int):
    from cocreate.ideas.models import Idea

    return session.get(Idea, idea_id)


def _idea_published(session: Session, idea) -> None:
    entry = services.credit(
        session,
        user_id=idea.author_id,
        rule="idea_proposed",
        key=f"idea_proposed:idea:{idea.id}",
        source=("idea", idea.id),
        board_id=idea.board_id,
    )
    if entry is not None:
        services.award(session, idea.author_id, "first_idea", idea.title)


@subscribe(IdeaCreated)
def on_idea_created(session: Session, event: IdeaCreated) -> None:
    idea = _idea(session, event.idea_id)
    if idea is not None and idea.moderation_state in VISIBLE_STATES:
        _idea_published(session, idea)


def _review_published(session: Session, review) -> None:
    services.credit(
        session,
        user_id=review.author_id,
        rule="review_published",
        key=f"review_published:review:{review.id}",
        source=("review", review.id),
    )


@subscribe(ReviewPublished)
def on_review_published(session: Session, event: ReviewPublished) -> None:
    from cocreate.reviews.models import Review

    review = session.get(Review, event.review_id)
    if review is not None and review.moderation_state in VISIBLE_STATES:
        _review_published(session, review)


@subscribe(ContentApproved)
def on_content_approved(session: Session, event: ContentApproved) -> None:
    if event.kind == "idea":
        idea = _idea(session, event.object_id)
        if idea is not None:
            _idea_published(session, idea)
    elif event.kind == "review":
        from cocreate.reviews.models import Review

        review = session.get(Review, event.object_id)
        if review is not None:
            _review_published(session, review)


@subscribe(UGCApproved)
def on_ugc_approved(session: Session, event: UGCApproved) -> None:
    services.credit(
        session,
        user_id=event.author_id,
        rule="ugc_approved",
        key=f"ugc_approved:ugc:{event.item_id}",
        source=("ugc", event.item_id),
    )


@subscribe(UGCFeatured)
def on_ugc_featured(session: Session, event: UGCFeatured) -> None:
    entry = services.credit(
        session,
        user_id=event.author_id,
        rule="ugc_featured",
        key=f"ugc_featured:ugc:{event.item_id}",
        source=("ugc", event.item_id),
    )
    if entry is not None:
        services.award(session, event.author_id, "featured_creator")


@subscribe(HelpfulVoteCast)
def on_helpful_vote(session: Session, event: HelpfulVoteCast) -> None:
    if not event.helpful or event.actor_id == event.review_author_id:
        return
    entry = services.credit(
        session,
        user_id=event.review_author_id,
        rule="review_helpful",
        key=f"review_helpful:review:{event.review_id}:by:{event.actor_id}",
        source=("review", event.review_id),
    )
    if entry is not None and entry.amount:
        services.check_helpful_streak(session, event.review_author_id, HELPFUL_STREAK_DAYS)


@subscribe(VoteCast)
def on_vote(session: Session, event: VoteCast) -> None:
    idea = _idea(session, event.idea_id)
    if idea is None or event.actor_id == idea.author_id:
        return
    session.refresh(idea, ["vote_count"])  # the counter as of this vote (an atomic UPDATE moved it)
    for milestone in settings().milestones:
        if idea.vote_count >= milestone:
            services.credit(
                session,
                user_id=idea.author_id,
                rule="idea_milestone",
                key=f"idea_milestone:idea:{idea.id}:{milestone}",
                source=("idea", idea.id),
                board_id=idea.board_id,
            )


@subscribe(StatusChanged)
def on_status_changed(session: Session, event: StatusChanged) -> None:
    idea = _idea(session, event.idea_id)
    if idea is None:
        return
    if event.new_status == "planned":
        services.credit(
            session,
            user_id=idea.author_id,
            rule="idea_planned",
            key=f"idea_planned:idea:{idea.id}",
            source=("idea", idea.id),
            board_id=idea.board_id,
        )
    elif event.new_status == "shipped":
        entry = services.credit(
            session,
            user_id=idea.author_id,
            rule="idea_shipped",
            key=f"idea_shipped:idea:{idea.id}",
            source=("idea", idea.id),
            board_id=idea.board_id,
        )
        if entry is not None:
            services.award(session, idea.author_id, "first_shipped", idea.title)
        for voter_id in early_supporters(session, idea, settings().early_supporters):
            services.credit(
                session,
                user_id=voter_id,
                rule="early_supporter",
                key=f"early_supporter:idea:{idea.id}:user:{voter_id}",
                source=("idea", idea.id),
                board_id=idea.board_id,
            )


def early_supporters(session: Session, idea, n: int) -> list[int]:
    """The first `n` people other than the author who voted for the idea (and still do)."""
    from cocreate.ideas.models import Vote

    return list(
        session.scalars(
            select(Vote.user_id)
            .where(Vote.idea_id == idea.id, Vote.user_id != idea.author_id)
            .order_by(Vote.created_at, Vote.id)
            .limit(n)
        )
    )


@subscribe(ContentRejected)
def on_rejected(session: Session, event: ContentRejected) -> None:
    services.reverse_for(
        session,
        user_id=event.author_id,
        source=(event.kind, event.object_id),
        why="Reversed: the moderators rejected this contribution.",
    )


@subscribe(ContentHidden)
def on_hidden(session: Session, event: ContentHidden) -> None:
    services.reverse_for(
        session,
        user_id=event.author_id,
        source=(event.kind, event.object_id),
        why="Reversed: the community's flags hid this contribution until a moderator decides.",
    )
