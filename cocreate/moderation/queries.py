"""Reads for the moderation queue, the audit log and an author's held contributions."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.errors import InvalidInput
from cocreate.moderation.access import board_allows
from cocreate.moderation.kinds import hidden_boards, kinds, load_many
from cocreate.moderation.models import (
    FLAG_REASONS,
    QUEUE_REASONS,
    VISIBLE_STATES,
    AuditEntry,
    Flag,
    ModerationCase,
    State,
    WatchedWord,
)
from cocreate.sentiment import LABELS, Mix
from cocreate.web.pagination import after_cursor, decode_cursor, encode_cursor

AGES = {
    "day": ("Last 24 hours", timedelta(days=1)),
    "week": ("Last 7 days", timedelta(days=7)),
    "older": (
        "Older than 7 days",
        timedelta(days=7),
    ),
}
QUEUE_PAGE = 25
LOG_PAGE = 50


def _on_hidden_boards(session: Session, viewer: User | None):
    """A condition true for the cases of contributions on private boards this person may not see, or None
    when there are none (the usual case: no private board, or an admin)."""
    hidden = sorted(hidden_boards(session, viewer))
    if not hidden:
        return None
    return or_(
        *(
            and_(ModerationCase.kind == kind.name, ModerationCase.object_id.in_(kind.on_boards(hidden)))
            for kind in kinds().values()
            if kind.on_boards is not None
        )
    )


@dataclass
class QueueRow:
    case: ModerationCase
    obj: object | None
    flags: Counter = field(default_factory=Counter)  # unresolved flag reasons
    notes: list[str] = field(default_factory=list)


@dataclass
class QueuePage:
    rows: list[QueueRow]
    next_cursor: str | None
    total_open: int


def check_filters(
    kind: str | None, reason: str | None, age: str | None, sentiment: str | None = None
) -> None:
    if kind and kind not in kinds():
        raise InvalidInput(f"Unknown type. Use one of: {', '.join(kinds())}.")
    if reason and reason not in QUEUE_REASONS and reason not in FLAG_REASONS:
        raise InvalidInput("Unknown reason filter.")
    if age and age not in AGES:
        raise InvalidInput(f"Unknown age. Use one of: {', '.join(AGES)}.")
    if sentiment and sentiment not in LABELS:
        raise InvalidInput(f"Unknown sentiment. Use one of: {', '.join(LABELS)}.")


def _open_cases(
    session: Session,
    viewer: User | None,
    kind: str | None,
    reason: str | None,
    age: str | None,
    sentiment: str | None,
):
    """The statement of the open cases with these filters that the viewer may see."""
    check_filters(kind, reason, age, sentiment)
    stmt = select(ModerationCase).where(ModerationCase.is_open.is_(True))
    hidden = _on_hidden_boards(session, viewer)
    if hidden is not None:
        stmt = stmt.where(~hidden)
    if kind:
        stmt = stmt.where(ModerationCase.kind == kind)
    if reason in QUEUE_REASONS:
        stmt = stmt.where(ModerationCase.reason == reason)
    elif reason:  # a flag reason: cases with at least one such unresolved flag
        stmt = stmt.where(
            select(Flag.id)
            .where(
                Flag.kind == ModerationCase.kind,
                Flag.object_id == ModerationCase.object_id,
                Flag.reason == reason,
                Flag.resolved.is_(False),
            )
            .exists()
        )
    if sentiment:
        stmt = stmt.where(ModerationCase.sentiment == sentiment)
    if age:
        edge = utcnow() - AGES[age][1]
        stmt = stmt.where(
            ModerationCase.opened_at < edge if age == "older" else ModerationCase.opened_at >= edge
        )
    return stmt


def open_count(session: Session, *, viewer: User | None = None, **filters) -> int:
    """How many open cases the queue shows with these filters."""
    stmt = _open_cases(session, viewer, *(filters.get(k) for k in ("kind", "reason", "age", "sentiment")))
    return session.scalar(select(func.count()).select_from(stmt.subquery()))


def queue(
    session: Session,
    *,
    kind: str | None = None,
    reason: str | None = None,
    age: str | None = None,
    sentiment: str | None = None,
    cursor: str | None = None,
    limit: int = QUEUE_PAGE,
    viewer: User | None = None,
) -> QueuePage:
    """Open cases, oldest first, with their objects, authors and flag reasons (a fixed number of queries);
    none of a private board the viewer may not see."""
    stmt = _open_cases(session, viewer, kind, reason, age, sentiment)
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    if cursor:
        opened, case_id = decode_cursor(cursor, ModerationCase.opened_at.type.python_type)
        stmt = stmt.where(
            or_(
                ModerationCase.opened_at > opened,
                and_(ModerationCase.opened_at == opened, ModerationCase.id > case_id),
            )
        )
    cases = list(
        session.scalars(
            stmt.options(selectinload(ModerationCase.author))
            .order_by(ModerationCase.opened_at, ModerationCase.id)
            .limit(limit + 1)
        )
    )
    next_cursor = (
        encode_cursor(cases[limit - 1].opened_at, cases[limit - 1].id) if len(cases) > limit else None
    )
    cases = cases[:limit]
    return QueuePage(rows=rows_for(session, cases), next_cursor=next_cursor, total_open=total)


def rows_for(session: Session, cases: list[ModerationCase]) -> list[QueueRow]:
    """Attach each case's object and unresolved flags: one query per kind present plus one for flags."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for case in cases:
        by_kind[case.kind].append(case.object_id)
    objects: dict[tuple[str, int], object] = {}
    for kind, ids in by_kind.items():
        for obj in session.scalars(load_many(kinds()[kind], ids)):
            objects[(kind, obj.id)] = obj
    rows = [QueueRow(case, objects.get((case.kind, case.object_id))) for case in cases]
    if cases:
        index = {(r.case.kind, r.case.object_id): r for r in rows}
        conditions = [and_(Flag.kind == k, Flag.object_id.in_(ids)) for k, ids in by_kind.items()]
        for flag_kind, object_id, flag_reason, note in session.execute(
            select(Flag.kind, Flag.object_id, Flag.reason, Flag.note).where(
                Flag.resolved.is_(False), or_(*conditions)
            )
        ):
            row = index[(flag_kind, object_id)]
            row.flags[flag_reason] += 1
            if note:
                row.notes.append(note)
    return rows


def case_for(session: Session, kind: str, object_id: int) -> ModerationCase | None:
    return session.scalar(
        select(ModerationCase).where(ModerationCase.kind == kind, ModerationCase.object_id == object_id)
    )


def held_for_author(session: Session, user: User, viewer: User | None = None) -> list[QueueRow]:
    """The person's contributions that are not public right now (pending, hidden, returned), newest first;
    none on a private board the viewer (by default the person) may not see."""
    cases = list(
        session.scalars(
            select(ModerationCase)
            .where(ModerationCase.author_id == user.id)
            .options(selectinload(ModerationCase.author))
            .order_by(ModerationCase.opened_at.desc(), ModerationCase.id.desc())
            .limit(100)
        )
    )
    viewer = viewer or user
    return [
        r
        for r in rows_for(session, cases)
        if r.obj is not None
        and r.obj.moderation_state not in (*VISIBLE_STATES, State.REMOVED.value)
        and board_allows(r.obj, viewer)
    ]


@dataclass
class LogPage:
    entries: list[AuditEntry]
    next_cursor: str | None


def audit_log(session: Session, *, cursor: str | None = None, limit: int = LOG_PAGE) -> LogPage:
    """Moderation decisions, newest first."""
    stmt = select(AuditEntry).options(selectinload(AuditEntry.actor))
    if cursor:
        stmt = stmt.where(after_cursor(AuditEntry.created_at, AuditEntry.id, cursor))
    entries = list(
        session.scalars(stmt.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit + 1))
    )
    next_cursor = None
    if len(entries) > limit:
        next_cursor = encode_cursor(entries[limit - 1].created_at, entries[limit - 1].id)
    return LogPage(entries[:limit], next_cursor)


def watched_words(session: Session) -> list[WatchedWord]:
    return list(session.scalars(select(WatchedWord).order_by(WatchedWord.word)))


def sentiment_mix(session: Session, model, *conditions) -> Mix:
    """How many visible contributions of `model` matching the conditions carry each label."""
    rows = session.execute(
        select(model.sentiment, func.count())
        .where(model.moderation_state.in_(VISIBLE_STATES), *conditions)
        .group_by(model.sentiment)
    ).all()
    counts = {label: n for label, n in rows if label in LABELS}
    return Mix(**counts)
