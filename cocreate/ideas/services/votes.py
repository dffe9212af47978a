"""Voting: one vote per person per idea, counters changed atomically, optional per-board budget."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Float, bindparam, case, delete, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from cocreate.accounts import perks
from cocreate.accounts.models import User
from cocreate.channels import WEB, Origin
from cocreate.db import begin_writing, dialect_insert, utcnow
from cocreate.errors import Conflict, InvalidInput
from cocreate.events import VoteCast, VoteImportanceChanged, VoteWithdrawn, emit
from cocreate.ideas import hooks
from cocreate.ideas.access import check_member, check_view_idea
from cocreate.ideas.models import CLOSED_STATUSES, Idea, Importance, Status, Vote
from cocreate.ideas.scoring import hot_score, trend_weight
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.prepared import Prepared, persistent


def check_importance(value: str) -> Importance:
    """A known importance level."""
    try:
        return Importance(value)
    except ValueError:
        raise InvalidInput("Importance is one of: nice, important, critical.", field="importance") from None


def _holding(user_id: int, board_id: int):
    """The conditions of the votes a person holds on a board's budget: on ideas still open to votes and in
    public view (a vote on an idea the person cannot see, hidden by flags, say, is not theirs to withdraw)."""
    return (
        Vote.user_id == user_id,
        Idea.board_id == board_id,
        Idea.status.not_in([s.value for s in CLOSED_STATUSES]),
        Idea.moderation_state.in_(VISIBLE_STATES),
    )


def open_votes_on_board(session: Session, user_id: int, board_id: int) -> int:
    """Votes this person holds on ideas of the board that are not shipped, declined or expired."""
    return session.scalar(
        select(func.count(Vote.id)).join(Idea, Idea.id == Vote.idea_id).where(*_holding(user_id, board_id))
    )


def ideas_holding_votes(session: Session, user_id: int, board_id: int, limit: int = 5) -> list[str]:
    """Titles of the open ideas that hold this person's votes on the board, most recent vote first."""
    return list(
        session.scalars(
            select(Idea.title)
            .join(Vote, Vote.idea_id == Idea.id)
            .where(*_holding(user_id, board_id))
            .order_by(Vote.created_at.desc(), Vote.id.desc())
            .limit(limit)
        )
    )


def vote_budget(session: Session, board, user: User | None) -> int | None:
    """Open votes this person may hold on the board: the board's budget plus their tier's bonus."""
    if board.vote_budget is None:
        return None
    return board.vote_budget + (
        perks.vote_bonus(session, user.id) if user is not None and user.is_authenticated else 0
    )


_ideas = Idea.__table__.c
# The vote's hot path, built once with bound parameters (building them per vote cost more than running them).
# One UPDATE changes the counters (the vote count, trending, and the product team's priority by the vote's
# weight) and, when the count it finds is the one the vote read before it took the write lock (nearly
# always), also sets the hot score of the new count; otherwise _HOT sets it afterwards. In SET, column names
# stand for the row's values before this UPDATE (SQLite and PostgreSQL alike).
_BUMP = Prepared(
    update(Idea.__table__)
    .where(_ideas.id == bindparam("idea_id"))
    .values(
        vote_count=_ideas.vote_count + bindparam("delta"),
        trend_score=_ideas.trend_score + bindparam("trend"),
        priority=_ideas.priority + bindparam("weight", type_=Float),
        priority_votes=_ideas.priority_votes + bindparam("weight", type_=Float),
        hot_score=case(
            (_ideas.vote_count == bindparam("expected"), bindparam("hot", type_=Float)),
            else_=_ideas.hot_score,
        ),
    )
    .returning(_ideas.vote_count, _ideas.trend_score, _ideas.priority, _ideas.priority_votes)
)
_HOT = Prepared(
    update(Idea.__table__).where(_ideas.id == bindparam("idea_id")).values(hot_score=bindparam("hot"))
)
_VOTE_COLUMNS = (
    "idea_id",
    "user_id",
    "importance",
    "weight",
    "created_at",
    "channel",
    "via",
    "recorded_by_id",
)


@lru_cache(maxsize=2)
def _insert_vote(insert) -> Prepared:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id with this database's insert(): a second vote inserts
    nothing. Built once per database."""
    return Prepared(
        insert(Vote.__table__)
        .values({name: bindparam(name) for name in _VOTE_COLUMNS})
        .on_conflict_do_nothing(index_elements=["idea_id", "user_id"])
        .returning(Vote.__table__.c.id)
    )


def _bump_counters(session: Session, idea: Idea, delta: int, trend: float, weight: float) -> None:
    """Change vote_count with one UPDATE and store the hot score of the count that UPDATE left; `trend` and
    `weight` are what the vote adds to (or, withdrawn, takes from) trending and the idea's priority.

    The UPDATE holds the row lock (PostgreSQL) or the write lock (SQLite IMMEDIATE) until commit, so the
    count it returns is the one the hot score must be based on. The vote read the idea before it took the
    lock: the UPDATE sets the hot score for that count + delta itself, and only when someone else's vote
    came in between is it set again from the count returned. The idea in the session takes the values as
    stored (subscribers and the vote box read them without asking again).
    """
    expected = idea.vote_count
    guess = hot_score(expected + delta, idea.created_at)
    params = {
        "idea_id": idea.id,
        "delta": delta,
        "trend": trend,
        "weight": weight,
        "expected": expected,
        "hot": guess,
    }
    new_count, new_trend, priority, priority_votes = _BUMP.first(session, params)
    hot = guess
    if new_count != expected + delta:
        hot = hot_score(new_count, idea.created_at)
        _HOT.execute(session, {"idea_id": idea.id, "hot": hot})
    stored = {
        "vote_count": new_count,
        "trend_score": new_trend,
        "hot_score": hot,
        "priority": priority,
        "priority_votes": priority_votes,
    }
    for name, value in stored.items():
        set_committed_value(idea, name, value)


def do_vote(
    session: Session,
    *,
    actor: User | None,
    idea: Idea,
    importance: str = Importance.NICE.value,
    origin: Origin = WEB,
) -> Vote:
    """Cast a vote. Twice is a Conflict; so is a closed idea or an exhausted board budget."""
    check_member(actor, "vote")
    check_view_idea(idea, actor)
    level = check_importance(importance)
    if idea.moderation_state not in VISIBLE_STATES:
        raise Conflict("This idea is with the moderators; voting opens once it is published.")
    if Status(idea.status) in CLOSED_STATUSES:
        raise Conflict(f"Voting is closed: this idea is {Status(idea.status).label.lower()}.")
    now = utcnow()
    # Weighed for the product team's ranking as it is cast: the voter's tier and value now, the board's
    # weights as loaded with the idea. Worked out before the write lock, which is held for the writes only.
    tier = perks.tier_name(session, actor)
    weight = hooks.vote_weight(idea.board, level.value, tier, actor.customer_value, now)
    values = dict(idea_id=idea.id, user_id=actor.id, importance=level.value, created_at=now, weight=weight)
    values.update(origin.columns())
    begin_writing(session)
    budget = vote_budget(session, idea.board, actor)
    if budget is not None:
        # Serialise this person's votes so two concurrent ones cannot both fit the last slot.
        session.execute(select(User.id).where(User.id == actor.id).with_for_update())
        if open_votes_on_board(session, actor.id, idea.board_id) >= budget:
            held = ideas_holding_votes(session, actor.id, idea.board_id)
            listed = "; ".join(f"“{title}”" for title in held)
            raise Conflict(
                f"You have used all {budget} votes on this board, on {listed}"
                f"{' and more' if budget > len(held) else ''}. Withdraw one of them, or wait until one ships "
                "or is declined: its vote comes back to you."
            )
    vote_id = _insert_vote(dialect_insert(session)).scalar(session, values)
    if vote_id is None:  # the unique (idea, person) pair: this person's vote is already there
        raise Conflict("You have already voted for this idea.")
    # The row as just written, in the session without another statement (nor the constructor's events).
    vote = persistent(session, Vote, dict(values, id=vote_id))
    _bump_counters(session, idea, +1, trend_weight(now), weight)
    emit(
        session,
        VoteCast(
            actor_id=actor.id, idea_id=idea.id, vote_id=vote_id, importance=level.value, channel=vote.channel
        ),
    )
    return vote


def do_withdraw_vote(session: Session, *, actor: User | None, idea: Idea) -> None:
    """Take one's vote back; withdrawing a vote one does not have is a Conflict."""
    check_member(actor, "vote")
    check_view_idea(idea, actor)
    begin_writing(session)
    removed = session.execute(
        delete(Vote)
        .where(Vote.idea_id == idea.id, Vote.user_id == actor.id)
        .returning(Vote.created_at, Vote.weight)
    ).first()
    if removed is None:
        raise Conflict("You have not voted for this idea.")
    _bump_counters(session, idea, -1, -trend_weight(removed[0]), -removed[1])
    emit(session, VoteWithdrawn(actor_id=actor.id, idea_id=idea.id, weight=removed[1]))


def do_change_importance(session: Session, *, actor: User | None, idea: Idea, importance: str) -> Vote:
    """Change how much one's existing vote matters to one."""
    check_member(actor, "vote")
    check_view_idea(idea, actor)
    level = check_importance(importance)
    vote = session.scalar(select(Vote).where(Vote.idea_id == idea.id, Vote.user_id == actor.id))
    if vote is None:
        raise Conflict("Vote for this idea first.")
    vote.importance = level.value
    session.flush()
    emit(
        session,
        VoteImportanceChanged(actor_id=actor.id, idea_id=idea.id, vote_id=vote.id, importance=level.value),
    )
    return vote
