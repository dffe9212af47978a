"""Units of work that only read (a page marked @read_only, between begin_reading() and end_reading()): their
prepared statements (cocreate/prepared.py) run on a connection of their own, without the ORM session's
transaction machinery (taking the session's connection and handing it back cost 40 µs, more than the
page's statements). Instances they load with every column stay out of the session, detached with their
identity (nothing of a page is flushed, and a page that reads only this way never makes a session at all);
others join it as usual. On an in-memory SQLite database that connection is taken from the pool at the
unit's first statement and returned at its end.

On a SQLite database file and on PostgreSQL each thread keeps one reading connection instead, outside the
pool, and keeps what its statements returned while the database stays the same. One statement per read
unit, at its first, tells whether it did; if not, every kept result is forgotten:
- SQLite: `PRAGMA data_version` changes whenever any other connection (another worker, this worker's
  writing session, a CLI command, a restore) has committed a change; the reading connection never writes.
- PostgreSQL: the reading connection is in autocommit (it never holds a transaction or a lock, and each
  statement sees what was committed when it began), and `pg_current_snapshot()` is the version. A snapshot
  is the transactions in progress (xip) below the first one not yet seen to end (xmax): every transaction
  that ends changes it, as its id leaves the list or moves xmax past it. Two equal snapshots therefore see
  the same rows. (The WAL position is no such test: a commit's record is written before it is visible.)
A kept connection (a reader here, a vote's writer in cocreate/kept_writes.py) is looked at before each use
without a round trip (alive()): it is replaced when it was closed or invalidated, and on PostgreSQL (psycopg)
when it is broken, in the middle of a statement (what psycopg can be left in when the server ended it), or
has something to read on its socket while it is idle. An idle connection's server sends nothing unasked
unless it is ending the connection (a restart, pg_terminate_backend, idle timeouts all send an error and
close), so that finds what the pool's ping would, at the cost of a poll(). A server that vanished without a
word (a cable pulled) fails the first statement instead, where a ping would have failed: a reader's version
query is then retried once on a new connection (_reader_for), a vote fails and its connection is replaced
before the next.

A kept result is served only for the same statement with the same parameters, and only if its values are
immutable (strings, numbers, times). A statement read this way must be a function of the rows and its
parameters (no time or random function in its SQL), as every prepared statement is. The results were read
after the version they are kept under was asked, and any change seen since then changes the version the
next unit asks, so they are never served once older than the database. With MEMO_CHECK set (the test
suite), every kept result served is read again and must be the same.

Never stale: tests/unit/test_prepared.py (a commit from another connection, another worker or a
restore is seen by the next read unit) and MEMO_CHECK over the whole suite.
"""

from __future__ import annotations

import os
import select
import threading
import weakref
from collections.abc import Callable, Hashable, Mapping
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from cocreate.bounded_cache import ByteBoundedLRU
from cocreate.driver import driver_sql

# False: statements run on the session's connection. None or an Engine (not connected yet) or a _Reader: a
# unit of work that only reads.
_reader: ContextVar[_Reader | Engine | None | bool] = ContextVar("cocreate_reader", default=False)
KEPT_BYTES = 8 * 1024 * 1024  # per thread: results of a database that does not change, oldest out first
_IMMUTABLE = (str, int, float, bool, type(None), datetime, date, time, Decimal, bytes)


@dataclass(eq=False)
class _Reader:
    """A read unit's connection; `kept`: this thread's own (a SQLite file, PostgreSQL), with the results it
    keeps."""

    connection: Connection
    kept: bool
    version: int | str | None = None
    results: ByteBoundedLRU = field(default_factory=lambda: ByteBoundedLRU(KEPT_BYTES))

    def __contains__(self, key: Hashable) -> bool:
        return key in self.results


def begin_reading(engine: Engine | None = None) -> None:
    """From here on this unit of work only reads: prepared statements run on a connection of its own, to
    `engine` (by default the session's bind, which makes the session: a page that reads only through
    prepared statements then never makes one)."""
    _reader.set(engine)


def end_reading() -> None:
    """The unit of work that only read is over: a pooled connection goes back (which rolls back); a kept
    one stays with its thread."""
    reader = _reader.get()
    _reader.set(False)
    if isinstance(reader, _Reader) and not reader.kept:
        reader.connection.close()


def in_read_unit() -> bool:
    return _reader.get() is not False


def reading(session: Session) -> _Reader | None:
    """The read unit's reader (connected now if it was not yet), or None outside a read unit."""
    reader = _reader.get()
    if reader is False:
        return None
    if not isinstance(reader, _Reader):
        reader = _reader_for(reader if reader is not None else session.get_bind())
        _reader.set(reader)
    return reader


def key_for(statement: Hashable, params: Mapping[str, Any]) -> tuple | None:
    """The key a statement's result is kept under; None when a parameter's value cannot be one (then it is
    not kept)."""
    key = (statement, tuple(sorted(params.items())))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def through(reader: _Reader, key: tuple, compute: Callable[[], Any], keep_if: Callable[[Any], bool]):
    """The value kept under `key`, else compute() (kept when keep_if(value) says it may be). With
    MEMO_CHECK every kept value is computed again and must be the same, unless the database changed since
    this read unit asked its version (another thread's commit in between: the kept value is then what the
    unit would have served, as of its start)."""
    kept = reader.results.get(key)
    checking = has_app_context() and current_app.config.get("MEMO_CHECK")
    if kept is not None and not checking:
        return kept
    value = compute()
    if kept is not None and value != kept:
        if _data_version(reader.connection) != reader.version:
            return kept
        raise AssertionError(f"a kept result differs from the one read now: {key!r:.300}")
    if keep_if(value):
        reader.results.put(key, value)
    return value


def immutable_rows(rows: list) -> bool:
    """Rows that may be kept: tuples of immutable values."""
    return all(type(row) is tuple and all(isinstance(v, _IMMUTABLE) for v in row) for row in rows)


def keeps_connections(engine: Engine) -> bool:
    """A database whose version a read unit can ask (VERSION_SQL), but not an in-memory SQLite one: each of
    its connections would be a database of its own."""
    if engine.dialect.name not in VERSION_SQL:
        return False
    url, database = engine.url, engine.url.database or ""
    return engine.dialect.name != "sqlite" or (
        database not in ("", ":memory:")
        and not database.startswith("file::memory:")
        and url.query.get("mode") != "memory"
    )


class ThreadKept:
    """Each thread's kept connection to each engine, held in what `make(engine)` returns (a reader with its
    kept results, a vote's writer, or None where nothing is kept) and found in it by `connection_of`. It is
    made again when it was made in another process (inherited through a fork: it is the parent's to use and
    close) or is no longer alive(); one made in this process is retired first. Kept readers and the votes'
    kept writers (cocreate/kept_writes.py) are held this way."""

    def __init__(self, make: Callable[[Engine], Any], connection_of: Callable[[Any], Connection | None]):
        self._make, self._connection_of = make, connection_of
        self._held = threading.local()  # .by_engine: a weak dictionary, engine -> (what make() gave, pid)

    def get(self, engine: Engine) -> Any:
        by_engine = getattr(self._held, "by_engine", None)
        if by_engine is None:
            by_engine = self._held.by_engine = weakref.WeakKeyDictionary()
        kept = by_engine.get(engine)
        if kept is not None and kept[1] == os.getpid():
            connection = self._connection_of(kept[0])
            if connection is None or alive(connection):
                return kept[0]
            retire(connection)
        value = self._make(engine)
        by_engine[engine] = (value, os.getpid())
        return value


def alive(connection: Connection) -> bool:
    """A kept connection fit for its next unit of work, by what can be seen without a round trip (see the
    module's text)."""
    if connection.closed or connection.invalidated:
        return False
    dialect = connection.dialect
    return dialect.name != "postgresql" or dialect.driver != "psycopg" or _server_still_there(connection)


def _server_still_there(connection: Connection) -> bool:
    """A psycopg connection that is sound and between statements, whose server has not said goodbye."""
    import psycopg
    from psycopg.pq import ConnStatus, TransactionStatus

    pgconn = connection.connection.dbapi_connection.pgconn
    # Between statements: outside a transaction, or inside one (a vote's writer rolls it back first).
    # ACTIVE is a statement whose answer was never read: nothing can be sent on that connection again.
    if pgconn.status != ConnStatus.OK or pgconn.transaction_status == TransactionStatus.ACTIVE:
        return False
    try:
        poll = select.poll()
        poll.register(pgconn.socket, select.POLLIN)
        return not poll.poll(0)
    except (OSError, psycopg.OperationalError):  # its socket is gone already
        return False


def _reader_for(engine: Engine) -> _Reader:
    reader = _readers.get(engine)
    if reader is None:  # an in-memory SQLite database: a pooled connection for this unit alone
        return _Reader(engine.connect(), kept=False)
    try:
        version = _data_version(reader.connection)
    except DBAPIError:
        # The server ended the connection (a restart, an administrator): the version is the unit's first
        # statement, so it serves as the pool's pre-ping does, and the unit goes on with a new reader.
        # Whether the driver takes the error for a disconnect depends on timing (psycopg can find the socket
        # closed before it reads the server's farewell, and then keeps a connection that answers every
        # later statement "another command is already in progress"), so any error here retires the kept
        # reader; a new one that fails as well raises.
        retire(reader.connection)
        reader = _readers.get(engine)
        version = _data_version(reader.connection)
    if version != reader.version:
        reader.results.clear()
        reader.version = version
    return reader


def _new_reader(engine: Engine) -> _Reader | None:
    """A reading connection to the engine's database for this thread to keep; None where none is kept."""
    if not keeps_connections(engine):
        return None
    connection = outside_pool(engine)
    if engine.dialect.name == "postgresql":
        dbapi_connection = connection.connection.dbapi_connection
        dbapi_connection.rollback()  # whatever the pool's first use of it left open
        dbapi_connection.autocommit = True  # never in a transaction: see the module's text
    return _Reader(connection, kept=True)


_readers = ThreadKept(_new_reader, lambda reader: reader and reader.connection)


def outside_pool(engine: Engine) -> Connection:
    """A connection of the engine's for a thread to keep (a kept reader, a vote's kept writer,
    cocreate/kept_writes.py): taken out of the pool, it is never checked in (and rolled back) or counted
    against the pool's size, and what the pool's record knew of it (a writer's turn) stays behind."""
    fairy = engine.raw_connection()
    fairy.detach()
    fairy.info.clear()
    return Connection(engine, connection=fairy)


def retire(connection: Connection) -> None:
    """A kept connection that is broken or gone: marked invalid, and its DB-API connection closed (a
    connection outside the pool has no pool record to close it). What is left of it fails quietly: it
    must not keep the caller from a new one."""
    dbapi_connection = None
    with suppress(Exception):
        dbapi_connection = connection.connection.dbapi_connection  # None once invalidated
        connection.invalidate()
    if dbapi_connection is not None:
        with suppress(Exception):
            dbapi_connection.close()


VERSION_SQL = {"sqlite": "PRAGMA data_version", "postgresql": "SELECT pg_current_snapshot()::text"}


def _data_version(connection: Connection) -> int | str:
    return driver_sql(connection, VERSION_SQL[connection.dialect.name], fetch=True)[0][0]
