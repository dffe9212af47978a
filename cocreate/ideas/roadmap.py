"""Reads for the public roadmap (planned / in progress / shipped) and the changelog of shipped ideas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from cocreate.accounts.models import User
from cocreate.ideas.access import can_view_board
from cocreate.ideas.models import Board, Idea, StatusChange
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.web.pagination import after_cursor, encode_cursor

COLUMNS = ("planned", "in_progress", "shipped")
PER_COLUMN = 20
MAX_PAGE = 100
CHANGELOG_PAGE = 20


def _boards(session: Session, viewer: User | None, board: Board | None) -> list[int]:
    if board is not None:
        return [board.id] if can_view_board(board, viewer) else []
    return [b.id for b in session.scalars(select(Board)) if can_view_board(b, viewer)]


@dataclass
class Column:
    status: str
    ideas: list[Idea]
    total: int  # every idea in this column, not only those shown
    next_page: int | None


def _shown(board_ids: list[int]):
    return (
        Idea.board_id.in_(board_ids),
        Idea.moderation_state.in_(VISIBLE_STATES),
        Idea.merged_into_id.is_(None),
    )


def roadmap(
    session: Session,
    viewer: User | None,
    board: Board | None = None,
    *,
    only: str | None = None,
    page: int = 1,
) -> dict[str, Column]:
    """Each column's most supported ideas (shipped: the latest) on boards this person may see, a page at a
    time, with how many there are in all; `only`: that one column, at `page` (the others at their first)."""
    board_ids = _boards(session, viewer, board)
    totals = dict(
        session.execute(
            select(Idea.status, func.count())
            .where(Idea.status.in_(COLUMNS), *_shown(board_ids))
            .group_by(Idea.status)
        ).all()
    )
    columns: dict[str, Column] = {}
    for status in COLUMNS:
        page_here = max(1, min(page, MAX_PAGE)) if status == only else 1
        order = (
            (Idea.updated_at.desc(), Idea.id.desc())
            if status == "shipped"
            else (Idea.vote_count.desc(), Idea.id)
        )
        ideas = list(
            session.scalars(
                select(Idea)
                .where(Idea.status == status, *_shown(board_ids))
                .options(selectinload(Idea.board))
                .order_by(*order)
                .offset((page_here - 1) * PER_COLUMN)
                .limit(PER_COLUMN)
            )
        )
        total = totals.get(status, 0)
        more = page_here * PER_COLUMN < total and page_here < MAX_PAGE
        columns[status] = Column(status, ideas, total, page_here + 1 if more else None)
    return columns


@dataclass
class Shipped:
    idea: Idea
    shipped_at: datetime
    note: str


@dataclass
class ChangelogPage:
    entries: list[Shipped]
    next_cursor: str | None


def changelog(
    session: Session, viewer: User | None, cursor: str | None = None, limit: int = CHANGELOG_PAGE
) -> ChangelogPage:
    """Ideas as they shipped, newest first, with who proposed them and the team's note."""
    board_ids = _boards(session, viewer, None)
    query = (
        select(StatusChange, Idea)
        .join(Idea, Idea.id == StatusChange.idea_id)
        .where(
            StatusChange.new_status == "shipped",
            Idea.status == "shipped",
            Idea.board_id.in_(board_ids),
            Idea.moderation_state.in_(VISIBLE_STATES),
        )
        .options(selectinload(Idea.author), selectinload(Idea.board))
        .order_by(StatusChange.created_at.desc(), StatusChange.id.desc())
        .limit(limit + 1)
    )
    if cursor:
        query = query.where(after_cursor(StatusChange.created_at, StatusChange.id, cursor))
    rows = session.execute(query).all()
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1][0] if rows else None
    return ChangelogPage(
        entries=[Shipped(idea=i, shipped_at=c.created_at, note=c.note) for c, i in rows],
        next_cursor=encode_cursor(last.created_at, last.id) if more and last else None,
    )
