"""Reads for the home page: a few of each, on what this person may see."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cocreate.accounts.models import User
from cocreate.beta.models import BetaProgram, ProgramState
from cocreate.ideas.models import CLOSED_STATUSES, Idea
from cocreate.ideas.queries import hidden_board_ids
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.reviews.models import Campaign


def trending_ideas(session: Session, viewer: User | None, limit: int = 6) -> list[Idea]:
    """Ideas gathering votes now (the board page's "trending": votes with a 7-day half-life), still open to
    votes, on boards this person may see."""
    hidden = hidden_board_ids(session, viewer)
    return list(
        session.scalars(
            select(Idea)
            .where(
                Idea.status.not_in([s.value for s in CLOSED_STATUSES]),
                Idea.moderation_state.in_(VISIBLE_STATES),
                Idea.merged_into_id.is_(None),
                Idea.board_id.not_in(hidden) if hidden else True,
            )
            .options(selectinload(Idea.board))
            .order_by(Idea.trend_score.desc(), Idea.vote_count.desc(), Idea.id)
            .limit(limit)
        )
    )


def running_campaigns(session: Session, today: date, limit: int = 3) -> list[Campaign]:
    """Campaigns taking stories now, the soonest to end first."""
    return list(
        session.scalars(
            select(Campaign)
            .where(Campaign.starts_on <= today, Campaign.ends_on >= today)
            .options(selectinload(Campaign.product))
            .order_by(Campaign.ends_on, Campaign.id)
            .limit(limit)
        )
    )


def open_programs(session: Session, limit: int = 3) -> list[BetaProgram]:
    """Beta programs taking sign-ups, the soonest to close first."""
    return list(
        session.scalars(
            select(BetaProgram)
            .where(BetaProgram.state == ProgramState.OPEN.value)
            .order_by(BetaProgram.closes_at, BetaProgram.id)
            .limit(limit)
        )
    )
