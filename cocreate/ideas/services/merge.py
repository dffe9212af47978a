"""Merging duplicates: the duplicate's votes move to the idea it repeats (each person counts once there),
its voters are told, and its page redirects to the kept idea."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.errors import Conflict, InvalidInput, NotAllowed, NotFound
from cocreate.events import IdeaMerged, emit
from cocreate.ideas.access import can_change_status
from cocreate.ideas.models import Board, Idea, Vote
from cocreate.ideas.scoring import hot_score, trend_weight
from cocreate.moderation.models import VISIBLE_STATES, AuditEntry
from cocreate.notifications.services import notify_many
from cocreate.reindex import touch


def do_merge(session: Session, *, actor: User | None, source: Idea | None, target: Idea | None) -> int:
    """Merge `source` into `target` on the same board; returns how many votes moved."""
    if not can_change_status(actor):
        raise NotAllowed("Only moderators, product people and admins merge ideas.")
    if source is None or target is None:
        raise NotFound("No such idea.")
    if source.id == target.id:
        raise InvalidInput("An idea cannot be merged into itself.", field="target")
    if source.board_id != target.board_id:
        raise InvalidInput("Merge ideas on the same board.", field="target")
    # Both rows locked in id order: two moderators merging crosswise cannot deadlock or half-merge.
    session.execute(
        select(Idea.id).where(Idea.id.in_([source.id, target.id])).order_by(Idea.id).with_for_update()
    )
    session.refresh(source, ["merged_into_id", "moderation_state"])
    session.refresh(target, ["merged_into_id", "moderation_state"])
    if source.merged_into_id is not None:
        raise Conflict("That idea was already merged.")
    if target.merged_into_id is not None:
        raise Conflict("Merge into the idea it was merged into instead.", field="target")
    if target.moderation_state not in VISIBLE_STATES:
        raise InvalidInput("Merge into a published idea.", field="target")
    votes = session.scalars(select(Vote).where(Vote.idea_id == source.id)).all()
    already = set(session.scalars(select(Vote.user_id).where(Vote.idea_id == target.id)))
    moving = [v for v in votes if v.user_id not in already]
    voters = [v.user_id for v in votes]
    if moving:
        session.execute(update(Vote).where(Vote.id.in_([v.id for v in moving])).values(idea_id=target.id))
    session.execute(delete(Vote).where(Vote.idea_id == source.id))  # people who had voted for both
    weight = sum(trend_weight(v.created_at) for v in moving)
    count = session.execute(
        update(Idea)
        .where(Idea.id == target.id)
        .values(vote_count=Idea.vote_count + len(moving), trend_score=Idea.trend_score + weight)
        .returning(Idea.vote_count)
    ).scalar_one()
    session.execute(
        update(Idea).where(Idea.id == target.id).values(hot_score=hot_score(count, target.created_at))
    )
    session.execute(
        update(Idea)
        .where(Idea.id == source.id)
        .values(merged_into_id=target.id, vote_count=0, trend_score=0.0, hot_score=0.0)
    )
    if source.moderation_state in VISIBLE_STATES:
        session.execute(
            update(Board).where(Board.id == source.board_id).values(idea_count=Board.idea_count - 1)
        )
    session.expire(target, ["vote_count", "trend_score", "hot_score"])
    session.expire(source, ["merged_into_id", "vote_count", "trend_score", "hot_score"])
    touch(session, source)
    touch(session, target)
    session.add(
        AuditEntry(
            actor_id=actor.id,
            action="merge",
            kind="idea",
            object_id=source.id,
            before={"votes": len(votes)},
            after={"merged_into": target.id, "moved": len(moving)},
        )
    )
    notify_many(
        session,
        voters,
        "idea.merged",
        f"“{source.title}” was merged into “{target.title}”: your vote counts there now.",
        f"/i/{target.id}",
    )
    emit(session, IdeaMerged(actor_id=actor.id, source_id=source.id, target_id=target.id, moved=len(moving)))
    return len(moving)
