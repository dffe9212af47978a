"""Units of work that only read (a page marked @read_only, between begin_reading() and end_reading()): their
prepared statements (cocreate/prepared.py) run on a connection of their own, without the ORM session's
transaction machinery (taking the session's connection and handing it back cost 40 µs, more than the
page's statements). Instances they load with every column stay out of the session, detached with their
identity (nothing of a page is flushed, and a page that reads only this way never makes a session at all);
others join it as usual. On PostgreSQL (and an in-memory SQLite database) that connection is taken from the
pool at the unit's first statement and returned at its end.

On a SQLite database file each thread keeps one reading connection instead, outside the pool, and keeps
what its statements returned while the database stays the same. `PRAGMA data_version` tells: its value
changes whenever any other connection (another worker, this worker's writing session, a CLI command, a
restore) has committed a change, and the reading connection itself never writes. A read unit asks it once,
at its first statement; if it moved, every kept result is forgotten. A kept result is served only for the
same statement with the same parameters, and only if its values are immutable (strings, numbers, times).
A statement read this way must be a function of the rows and its parameters (no time or random function
in its SQL), as every prepared statement is. The results were read after the version they are kept under
was asked, so they are never older than it. With MEMO_CHECK set (the test suite), every kept result served
is read again and must be the same.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Hashable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

# False: statements run on the session's connection. None or an Engine (not connected yet) or a _Reader: a
# unit of work that only reads.
_reader: ContextVar[_Reader | Engine | None | bool] = ContextVar("cocreate_reader", default=False)
_held = threading.local()  # .readers: each engine's kept reader of this thread; .last: the one used last
MAX_KEPT_RESULTS = 2_000
_IMMUTABLE = (str, int, float, bool, type(None), datetime, date, time, Decimal, bytes)


@dataclass(eq=False)
class _Reader:
    """A read unit's connection; `kept`: this thread's own (a SQLite file), with the results it keeps."""

    connection: Connection
    kept: bool
    pid: int = 0
    version: int | None = None
    results: dict = field(default_factory=dict)

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
    MEMO_CHECK every kept value is computed again and must be the same."""
    kept = reader.results.get(key)
    checking = has_app_context() and current_app.config.get("MEMO_CHECK")
    if kept is not None and not checking:
        return kept
    value = compute()
    if kept is not None and value != kept:
        raise AssertionError(f"a kept result differs from the one read now: {key!r:.300}")
    if keep_if(value):
        if len(reader.results) >= MAX_KEPT_RESULTS:
            reader.results.clear()
        reader.results[key] = value
    return value


def immutable_rows(rows: list) -> bool:
    """Rows that may be kept: tuples of immutable values."""
    return all(type(row) is tuple and all(isinstance(v, _IMMUTABLE) for v in row) for row in rows)


def _keeps_readers(engine: Engine) -> bool:
    url = engine.url
    database = url.database or ""
    return (
        engine.dialect.name == "sqlite"
        and database not in ("", ":memory:")
        and not database.startswith("file::memory:")
        and url.query.get("mode") != "memory"
    )


def _usable(reader: _Reader | None) -> bool:
    """Made in this process (not inherited through a fork) and still connected."""
    return (
        reader is not None
        and reader.pid == os.getpid()
        and not reader.connection.closed
        and not reader.connection.invalidated
    )


def _reader_for(engine: Engine) -> _Reader:
    reader = getattr(_held, "last", None)  # nearly always the one engine of the app
    if not _usable(reader) or reader.connection.engine is not engine:
        if not _keeps_readers(engine):
            return _Reader(engine.connect(), kept=False)
        reader = _held.last = _kept_reader(engine)
    version = _data_version(reader.connection)
    if version != reader.version:
        reader.results.clear()
        reader.version = version
    return reader


def _kept_reader(engine: Engine) -> _Reader:
    """This thread's reading connection to the engine's database, made the first time."""
    readers = getattr(_held, "readers", None)
    if readers is None:
        readers = _held.readers = weakref.WeakKeyDictionary()
    reader = readers.get(engine)
    if not _usable(reader):
        # Outside the pool: it is never checked in (and rolled back) or counted against its size.
        fairy = engine.raw_connection()
        fairy.detach()
        fairy.info.clear()  # what the pool's record knew (a writer's turn) is not this reader's
        reader = readers[engine] = _Reader(Connection(engine, connection=fairy), kept=True, pid=os.getpid())
    return reader


def _data_version(connection: Connection) -> int:
    from cocreate.prepared import driver_sql  # prepared.py runs its statements through this module

    return driver_sql(connection, "PRAGMA data_version", fetch=True)[0][0]
