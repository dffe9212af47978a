"""Reads for the home page: a few of each, on what this person may see.

Every statement is built once with bound parameters (cocreate/prepared.py) and returns plain values, so a
page that only reads (@read_only) keeps them while the database stays the same, like the board page's.
The home page shows the same to everyone who may see the same boards, so its rows are filtered here, in
Python, by the boards this person may not see (private boards are few).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.beta.models import BetaProgram, ProgramState
from cocreate.ideas.access import can_view_private
from cocreate.ideas.models import CLOSED_STATUSES, Board, Idea, StatusChange, role_set
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.prepared import Prepared
from cocreate.reviews.models import Campaign, Product

_ideas, _boards, _users = Idea.__table__.c, Board.__table__.c, User.__table__.c
_changes = StatusChange.__table__.c
_campaigns, _products, _programs = Campaign.__table__.c, Product.__table__.c, BetaProgram.__table__.c
# Rows read to find a few on boards this person may see: private boards' rows are skipped in Python.
_READ_AHEAD = 40


class BoardCard(NamedTuple):
    id: int
    slug: str
    name: str
    description: str
    is_private: bool
    allowed_roles: str
    idea_count: int


class TrendingIdea(NamedTuple):
    id: int
    title: str
    vote_count: int
    status: str
    board_id: int
    board_name: str


class ShippedIdea(NamedTuple):
    idea_id: int
    title: str
    board_id: int
    proposed_by: str
    shipped_at: datetime
    note: str


class CampaignCard(NamedTuple):
    slug: str
    title: str
    ends_on: date
    product_name: str | None


class ProgramCard(NamedTuple):
    slug: str
    name: str
    capacity: int
    seats_taken: int
    closes_at: datetime

    @property
    def is_full(self) -> bool:
        return self.seats_taken >= self.capacity


_VISIBLE = or_(*[_ideas.moderation_state == state for state in sorted(VISIBLE_STATES)])
_BOARDS = Prepared(
    select(
        _boards.id,
        _boards.slug,
        _boards.name,
        _boards.description,
        _boards.is_private,
        _boards.allowed_roles,
        _boards.idea_count,
    ).order_by(_boards.name, _boards.id)
)
_TRENDING = Prepared(
    select(_ideas.id, _ideas.title, _ideas.vote_count, _ideas.status, _ideas.board_id, _boards.name)
    .join_from(Idea.__table__, Board.__table__, _boards.id == _ideas.board_id)
    .where(
        *[_ideas.status != s.value for s in CLOSED_STATUSES],  # no IN lists in prepared statements
        _VISIBLE,
        _ideas.merged_into_id.is_(None),
    )
    .order_by(_ideas.trend_score.desc(), _ideas.vote_count.desc(), _ideas.id.desc())  # ix_ideas_trending
    .limit(bindparam("limit"))
)
_SHIPPED = Prepared(
    select(_ideas.id, _ideas.title, _ideas.board_id, _users.display_name, _changes.created_at, _changes.note)
    .join_from(StatusChange.__table__, Idea.__table__, _ideas.id == _changes.idea_id)
    .join(User.__table__, _users.id == _ideas.author_id)
    .where(
        _changes.new_status == "shipped",
        _ideas.status == "shipped",
        _VISIBLE,
    )
    .order_by(_changes.created_at.desc(), _changes.id.desc())  # ix_idea_status_changes_new_created
    .limit(bindparam("limit"))
)
_CAMPAIGNS = Prepared(
    select(_campaigns.slug, _campaigns.title, _campaigns.ends_on, _products.name)
    .select_from(Campaign.__table__.outerjoin(Product.__table__, _products.id == _campaigns.product_id))
    .where(_campaigns.starts_on <= bindparam("started_by"), _campaigns.ends_on >= bindparam("ends_from"))
    .order_by(_campaigns.ends_on, _campaigns.id)
    .limit(bindparam("limit"))
)
_PROGRAMS = Prepared(
    select(_programs.slug, _programs.name, _programs.capacity, _programs.seats_taken, _programs.closes_at)
    .where(_programs.state == ProgramState.OPEN.value)
    .order_by(_programs.closes_at, _programs.id)
    .limit(bindparam("limit"))
)


def visible_cards(session: Session, viewer: User | None) -> tuple[BoardCard, ...]:
    """The boards this person may see, by name."""
    cards = _BOARDS.built(session, {}, lambda rows: tuple(BoardCard(*r) for r in rows), ("home-boards",))
    return tuple(b for b in cards if not b.is_private or can_view_private(role_set(b.allowed_roles), viewer))


def trending_ideas(session: Session, shown: frozenset[int], limit: int = 6) -> tuple[TrendingIdea, ...]:
    """Ideas gathering votes now (the board page's "trending": votes with a 7-day half-life), still open to
    votes, on the boards in `shown`."""
    rows = _TRENDING.built(
        session,
        {"limit": _READ_AHEAD},
        lambda rows: tuple(TrendingIdea(*r) for r in rows),
        ("home-trending",),
    )
    return tuple(i for i in rows if i.board_id in shown)[:limit]


def recently_shipped(session: Session, shown: frozenset[int], limit: int = 4) -> tuple[ShippedIdea, ...]:
    """What shipped last on the boards in `shown`, with who proposed it and the team's note."""
    rows = _SHIPPED.built(
        session,
        {"limit": _READ_AHEAD},
        lambda rows: tuple(ShippedIdea(*r) for r in rows),
        ("home-shipped",),
    )
    return tuple(s for s in rows if s.board_id in shown)[:limit]


def running_campaigns(session: Session, today: date, limit: int = 3) -> tuple[CampaignCard, ...]:
    """Campaigns taking stories now, the soonest to end first."""
    return _CAMPAIGNS.built(
        session,
        {"started_by": today, "ends_from": today, "limit": limit},
        lambda rows: tuple(CampaignCard(*r) for r in rows),
        ("home-campaigns",),
    )


def open_programs(session: Session, limit: int = 3) -> tuple[ProgramCard, ...]:
    """Beta programs taking sign-ups, the soonest to close first."""
    return _PROGRAMS.built(
        session, {"limit": limit}, lambda rows: tuple(ProgramCard(*r) for r in rows), ("home-programs",)
    )
