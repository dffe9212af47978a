"""Staged support (LEGO Ideas style): each board may set supporter milestones, e.g. 10 / 50 / 100 / 500.

Reaching a milestone tells the author and starts a new window; reaching the last one moves an open idea to
"under review" and tells the product team. On a board with expiry_days, an open idea that reaches no new
milestone within that many days of its last one (or of being proposed) expires: its author is told
NOTICE_DAYS before, and an idea never expires less than NOTICE_DAYS after that notice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import Role, User
from cocreate.db import utcnow
from cocreate.events import IdeaMerged, IdeaMilestoneReached, VoteCast, emit, subscribe
from cocreate.ideas.models import Board, Idea, Status
from cocreate.ideas.services.statuses import apply_status
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.notifications.services import notify, notify_many
from cocreate.outbox.services import enqueue_email

NOTICE_DAYS = 7


def notify_product_team(session: Session, kind: str, message: str, url: str) -> int:
    """An in-app notification for every product person and admin."""
    people = session.scalars(select(User.id).where(User.role.in_([Role.PRODUCT.value, Role.ADMIN.value])))
    return notify_many(session, list(people), kind, message, url)


@subscribe(VoteCast)
def on_vote(session: Session, event: VoteCast) -> None:
    reach_milestones(session, event.idea_id)


@subscribe(IdeaMerged)
def on_merged(session: Session, event: IdeaMerged) -> None:
    reach_milestones(session, event.target_id)  # the moved votes count on the kept idea


def reach_milestones(session: Session, idea_id: int) -> None:
    """Record the highest milestone an idea's supporters have passed, once, with its consequences."""
    idea = session.get(Idea, idea_id)
    steps = idea.board.milestones if idea is not None else ()
    if not steps or idea.vote_count < steps[0]:
        return
    reached = max(n for n in steps if idea.vote_count >= n)
    if idea.milestone >= reached:
        return  # milestones only go up: what the idea was read with is reached already, in the table too
    now = utcnow()
    # The vote's counter update holds the idea's row; this conditional update makes each milestone count once.
    moved = session.execute(
        update(Idea)
        .where(Idea.id == idea.id, Idea.milestone < reached)
        .values(milestone=reached, milestone_at=now, expiry_warned_at=None)
    ).rowcount
    if not moved:
        return
    session.expire(idea, ["milestone", "milestone_at", "expiry_warned_at"])
    final = reached == steps[-1]
    link = f"/i/{idea.id}"
    if final:
        notify(
            session,
            idea.author_id,
            "idea.milestone",
            f"“{idea.title}” reached {reached:,} supporters, the last milestone: the product team will "
            "review it.",
            link,
        )
        if idea.status == Status.OPEN.value:
            apply_status(session, idea, Status.UNDER_REVIEW, note=f"Reached {reached:,} supporters.")
        notify_product_team(
            session,
            "idea.review",
            f"“{idea.title}” reached {reached:,} supporters on {idea.board.name} and is "
            "waiting for your review.",
            link,
        )
    else:
        following = steps[steps.index(reached) + 1]
        notify(
            session,
            idea.author_id,
            "idea.milestone",
            f"“{idea.title}” reached {reached:,} supporters. Next milestone: {following:,}.",
            link,
        )
    emit(
        session,
        IdeaMilestoneReached(
            actor_id=None, idea_id=idea.id, board_id=idea.board_id, supporters=reached, final=final
        ),
    )


def deadline(idea: Idea, board: Board) -> datetime | None:
    """When an open idea expires unless it reaches its next milestone (None: it does not expire)."""
    if board.expiry_days is None or not board.milestones or idea.milestone >= board.milestones[-1]:
        return None
    if idea.status != Status.OPEN.value:
        return None
    due = (idea.milestone_at or idea.created_at) + timedelta(days=board.expiry_days)
    if idea.expiry_warned_at is not None:
        due = max(due, idea.expiry_warned_at + timedelta(days=NOTICE_DAYS))
    return due


def _candidates(session: Session, board: Board, before: datetime) -> list[Idea]:
    started = func.coalesce(Idea.milestone_at, Idea.created_at)
    return list(
        session.scalars(
            select(Idea)
            .where(
                Idea.board_id == board.id,
                Idea.status == Status.OPEN.value,
                Idea.moderation_state.in_(VISIBLE_STATES),
                Idea.merged_into_id.is_(None),
                started <= before,
            )
            .order_by(Idea.id)
        )
    )


def expire_ideas(session: Session, now: datetime | None = None) -> tuple[int, int]:
    """Warn the authors of ideas about to expire, expire those whose time is up; (warned, expired)."""
    now = now or utcnow()
    warned = expired = 0
    for board in session.scalars(select(Board).where(Board.expiry_days.is_not(None))):
        if not board.milestones:
            continue
        horizon = now - timedelta(days=board.expiry_days) + timedelta(days=NOTICE_DAYS)
        for idea in _candidates(session, board, horizon):
            due = deadline(idea, board)
            if due is None:
                continue
            if idea.expiry_warned_at is None:
                _warn(session, idea, board, max(due, now + timedelta(days=NOTICE_DAYS)))
                warned += 1
            elif due <= now:
                following = next(n for n in board.milestones if n > idea.milestone)
                apply_status(
                    session,
                    idea,
                    Status.EXPIRED,
                    note=f"Did not reach {following:,} supporters within {board.expiry_days} days.",
                )
                notify(
                    session,
                    idea.author_id,
                    "idea.expired",
                    f"“{idea.title}” expired: it did not reach {following:,} supporters in time. You can "
                    "propose it again with more detail.",
                    f"/i/{idea.id}",
                )
                expired += 1
    return warned, expired


def _warn(session: Session, idea: Idea, board: Board, due: datetime) -> None:
    idea.expiry_warned_at = utcnow()
    following = next(n for n in board.milestones if n > idea.milestone)
    when = due.strftime("%-d %B %Y")
    message = (
        f"“{idea.title}” needs {following:,} supporters by {when} or it expires. "
        f"It has {idea.vote_count:,}: share it with people who want it too."
    )
    notify(session, idea.author_id, "idea.expiring", message, f"/i/{idea.id}")
    author = session.get(User, idea.author_id)
    if author is not None and author.email:
        enqueue_email(
            session,
            to=author.email,
            subject=f"Your idea “{idea.title[:100]}” expires on {when}",
            text=message + "\n\nSee it here:",
            link=f"/i/{idea.id}",
            key=f"idea-expiring:{idea.id}:{idea.expiry_warned_at.isoformat()}",
        )
