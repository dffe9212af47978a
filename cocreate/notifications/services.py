"""Telling people what happened to them. Written in the transaction of what happened."""

from __future__ import annotations

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from cocreate.db import utcnow
from cocreate.notifications.models import Notification
from cocreate.prepared import Prepared

PAGE = 50


def notify(session: Session, user_id: int, kind: str, message: str, url: str = "") -> Notification:
    """Add an unread notification for one person."""
    note = Notification(user_id=user_id, kind=kind, message=message[:2000], url=url[:300])
    session.add(note)
    return note


def notify_many(session: Session, user_ids, kind: str, message: str, url: str = "") -> int:
    """The same unread notification for many people, in one statement (fan-outs: followers, the team)."""
    now = utcnow()
    rows = [
        {"user_id": uid, "kind": kind, "message": message[:2000], "url": url[:300], "created_at": now}
        for uid in user_ids
    ]
    if rows:
        session.execute(insert(Notification), rows)
    return len(rows)


_notes = Notification.__table__.c
# Every signed-in page asks this (the menu's bell): a prepared statement (cocreate/prepared.py).
_UNREAD = Prepared(
    select(func.count(_notes.id)).where(_notes.user_id == bindparam("user_id"), _notes.read_at.is_(None))
)


def unread_of(user_id_column):
    """The person's unread count as a column of another statement (the signed-in person's loader)."""
    return (
        select(func.count(_notes.id))
        .where(_notes.user_id == user_id_column, _notes.read_at.is_(None))
        .scalar_subquery()
    )


def unread_count(session: Session, user_id: int) -> int:
    return _UNREAD.scalar(session, {"user_id": user_id})


def recent(session: Session, user_id: int, limit: int = PAGE) -> list[Notification]:
    return list(
        session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def do_mark_all_read(session: Session, user_id: int) -> int:
    """Mark this person's notifications read; returns how many changed."""
    return session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    ).rowcount
