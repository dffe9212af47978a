"""Engine behaviour: SQLite gets WAL, foreign keys, a busy timeout and IMMEDIATE write transactions.

Python's sqlite3 module starts transactions lazily and as DEFERRED, so two writers can both read and then
fail to upgrade their lock ("database is locked"). We take transaction control away from the driver and
emit BEGIN ourselves: BEGIN IMMEDIATE when the unit of work intends to write (a POST request, a CLI
command, a test that writes), plain BEGIN for reads so page views never queue behind writers.

The writers' turn: tests/unit/test_platform.py::test_sqlite_writers_take_turns_and_let_go_at_commit.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlalchemy import DateTime, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm.util import identity_key
from sqlalchemy.pool import Pool
from sqlalchemy.types import TypeDecorator

from cocreate import speed
from cocreate.driver import driver_sql

BUSY_TIMEOUT_MS = 30_000
_write_intent: ContextVar[bool] = ContextVar("cocreate_write_intent", default=False)


def set_write_intent(value: bool = True) -> None:
    """Mark the current unit of work as a writer, so its SQLite transaction begins IMMEDIATE."""
    _write_intent.set(value)


_reads_first: ContextVar[bool] = ContextVar("cocreate_reads_first", default=False)


def reads_first(view):
    """Mark a view whose request reads before it writes (on SQLite its reads then run without the write
    lock); its service calls begin_writing() before the first write. Only for views that write nothing
    before that call."""
    view.cocreate_reads_first = True
    return view


def read_only(view):
    """Mark a view that writes nothing (a page): its prepared statements run on a connection of their own,
    outside the ORM session's transaction machinery (cocreate/kept_reads.py's begin_reading)."""
    view.cocreate_read_only = True
    return view


def set_reads_first(value: bool) -> None:
    """This request (a reads_first view) begins as a reader; begin_writing() makes it a writer."""
    _reads_first.set(value)


def begin_writing(session) -> None:
    """The unit of work writes from here on. For a reads_first request on SQLite, whose reads ran outside
    a transaction (each SELECT on its own snapshot, see _sqlite_on_begin): a writer's transaction begins,
    after this writer's turn; everywhere else (PostgreSQL, requests that began as writers, CLI, tests)
    there is nothing to do. Rows read before keep the values they had then; what must hold at the write is
    checked by the write itself (unique keys, conditional UPDATEs) or read after this call, as on
    PostgreSQL."""
    if not _reads_first.get():
        return
    _reads_first.set(False)
    _write_intent.set(True)
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return
    _take_turn(conn.connection.info)
    driver_sql(conn, "BEGIN IMMEDIATE")


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
        cursor.execute(f"PRAGMA wal_autocheckpoint = {BACKSTOP_CHECKPOINT_PAGES}")
    cursor.close()
    _open_turns(dbapi_connection, _record.info)


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(conn) -> None:
    if conn.dialect.name != "sqlite":
        return
    if _write_intent.get():
        _take_turn(conn.connection.info)
        driver_sql(conn, "BEGIN IMMEDIATE")
    elif not _reads_first.get():
        driver_sql(conn, "BEGIN")
    # A reads_first request reads without a transaction until begin_writing(): the few reads before its
    # writes need no common snapshot, and a BEGIN and a ROLLBACK fewer is a tenth of its statements.


# --- writers take turns --------------------------------------------------------------------------------
# SQLite lets one writer in at a time. A writer that finds the lock taken sleeps in SQLite's busy handler
# for 1, 2, 5, 10 … 100 ms before it looks again, so under steady writes from several gunicorn workers most
# of the time went to sleeping while the lock was free. Writers to a database file therefore queue on an
# flock of a file beside it ("<database>-writers") before BEGIN IMMEDIATE and let go right after their
# COMMIT or ROLLBACK (or when their connection goes back to the pool, whichever is first): the next one is
# let in within a fraction of a millisecond. A process that dies loses its flock with it. Should the turn
# not come within the busy timeout, BEGIN IMMEDIATE goes ahead and SQLite's own waiting decides, as before.

_TURN_FD, _HOLDS_TURN = "cocreate_writers_fd", "cocreate_holds_turn"
# A writer that finds the turn taken first looks again and again for this long, giving up the CPU between
# looks (sched_yield), then sleeps between looks. A vote holds the turn for a few hundred µs, and a sleep
# of 200 µs lasted about 260 µs: under the vote load the waiter overslept, and the machine sat 8-10 % idle
# with both workers waiting (against 2-3 % under the bare route's load). Yielding in place of it left 1.5 %
# idle and served 3.6 % more votes (bench/RESULTS.md, 2026-12-06, closing session).
SPIN_SECONDS = 0.002


def _open_turns(dbapi_connection: sqlite3.Connection, info: dict) -> None:
    """The file writers queue on, for a database on disk (an in-memory database has one writer)."""
    row = dbapi_connection.execute("PRAGMA database_list").fetchone()
    if row and row[2]:
        info[_TURN_FD] = os.open(row[2] + "-writers", os.O_RDWR | os.O_CREAT, 0o600)


def _take_turn(info: dict) -> None:
    fd = info.get(_TURN_FD)
    if fd is None or info.get(_HOLDS_TURN) or not speed.on("writers_turn"):
        return
    began = time.monotonic()
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waited = time.monotonic() - began
            if waited > BUSY_TIMEOUT_MS / 1000:
                return
            if waited < SPIN_SECONDS:
                os.sched_yield()  # the other worker's vote is about to let go: look again at once
            else:
                # A long writer (a re-score, a restore) is waited for less and less eagerly.
                time.sleep(0.0002 if waited < 0.1 else 0.005)
        else:
            info[_HOLDS_TURN] = True
            return


def _end_turn(_dbapi_connection, record) -> None:
    info = record.info
    if info.pop(_HOLDS_TURN, False):
        fcntl.flock(info[_TURN_FD], fcntl.LOCK_UN)


def _close_turns(_dbapi_connection, record) -> None:
    _end_turn(None, record)
    fd = record.info.pop(_TURN_FD, None)
    if fd is not None:
        os.close(fd)


def _finish_then_end_turn(conn, finish: str) -> None:
    """COMMIT or ROLLBACK now, then let the next writer in (SQLAlchemy's own call after this finds no
    transaction open and does nothing). Letting go first would wake the next writer into a lock still
    held, and into SQLite's sleeps."""
    if conn.dialect.name != "sqlite":
        return
    fairy = conn.connection
    if not fairy.info.get(_HOLDS_TURN):
        return
    try:
        getattr(fairy.dbapi_connection, finish)()
    finally:
        _end_turn(None, fairy)
    if finish == "commit":
        _checkpoint_now_and_then(fairy)


# --- checkpoints after the turn ------------------------------------------------------------------------
# Commits append to the WAL, and SQLite copies it back into the database file (a checkpoint, with an fsync)
# when it passes wal_autocheckpoint pages, inside the COMMIT that crossed the line: while that writer still
# held the turn, so every other writer waited for the copy. Each connection instead checkpoints PASSIVE
# (it never waits for readers or writers, copying what no reader still needs) every CHECKPOINT_EVERY of its
# commits, after letting the next writer in; SQLite's own checkpoint stays as a backstop at a larger size.
# Measured in-process (bench data, a vote per request): the commit took 128 µs on average with SQLite's
# checkpoints at 1,000 pages, 79 µs with them at 10,000; with ours, a checkpoint cost a vote 55 µs on
# average every 200 commits and 36 µs every 1,000 (the same pages change again and again: each is copied
# once per checkpoint).

CHECKPOINT_EVERY = 1_000  # commits of one connection; a vote writes about 15 pages (a WAL of ~60 MB)
BACKSTOP_CHECKPOINT_PAGES = 40_000  # about 160 MB of WAL


def _checkpoint_now_and_then(fairy) -> None:
    info = fairy.info
    info["cocreate_commits"] = done = info.get("cocreate_commits", 0) + 1
    if done % CHECKPOINT_EVERY == 0:
        fairy.dbapi_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


event.listen(Engine, "commit", lambda conn: _finish_then_end_turn(conn, "commit"))
event.listen(Engine, "rollback", lambda conn: _finish_then_end_turn(conn, "rollback"))
event.listen(Pool, "reset", lambda dbapi_connection, record, reset_state: _end_turn(None, record))
event.listen(Pool, "checkin", _end_turn)
event.listen(Pool, "close", _close_turns)
event.listen(Pool, "detach", _close_turns)  # a connection taken out of the pool (a kept reader) never writes


def expire_loaded(session, model, pk: int, *attributes: str) -> None:
    """After a Core UPDATE of `model`'s row `pk`: the copy this session holds (if any) reads it again."""
    held = session.identity_map.get(identity_key(model, pk))
    if held is not None:
        session.expire(held, list(attributes))


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
