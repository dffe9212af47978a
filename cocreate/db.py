"""Engine behaviour: SQLite gets WAL, foreign keys, a busy timeout and IMMEDIATE write transactions.

Python's sqlite3 module starts transactions lazily and as DEFERRED, so two writers can both read and then
fail to upgrade their lock ("database is locked"). We take transaction control away from the driver and
emit BEGIN ourselves: BEGIN IMMEDIATE when the unit of work intends to write (a POST request, a CLI
command, a test that writes), plain BEGIN for reads so page views never queue behind writers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlalchemy import DateTime, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

BUSY_TIMEOUT_MS = 30_000
_write_intent: ContextVar[bool] = ContextVar("cocreate_write_intent", default=False)


def set_write_intent(value: bool = True) -> None:
    """Mark the current unit of work as a writer, so its SQLite transaction begins IMMEDIATE."""
    _write_intent.set(value)


@contextmanager
def write_intent() -> Iterator[None]:
    """Within the block, new SQLite transactions begin IMMEDIATE."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, _record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see _sqlite_on_begin
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(conn) -> None:
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


def dialect_insert(session):
    """The INSERT construct of the session's database, which has ON CONFLICT (PostgreSQL or SQLite)."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


MAX_ID = 2**31 - 1  # INTEGER primary keys on SQLite and PostgreSQL: an id beyond it names nothing


def refresh_statistics(session) -> None:
    """After bulk writes (a demo load, a full re-score): PostgreSQL plans queries from table statistics that
    autovacuum refreshes only later, or never where it is turned off. Without them, a board page at 100k ideas
    was planned for one row and took 3 s instead of milliseconds. ANALYZE samples each table, in seconds.
    SQLite plans from its indexes without statistics."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE"))
        session.commit()


def utcnow() -> datetime:
    """Aware UTC now: the default for every timestamp."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timestamps stored in UTC and always returned timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type:
        return datetime

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use cocreate.db.utcnow()")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
