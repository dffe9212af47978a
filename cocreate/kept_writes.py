"""A vote's session on a connection its thread keeps (a SQLite database file, PostgreSQL).

Each request's session takes a connection from the pool and hands it back at its end. For a vote, which
writes a few rows, that machinery cost more than its statements: on every request a connection object
built, the pool checked out of and into, the driver's connection rolled back on its return (bench/RESULTS.md,
2026-12-06). A request marked @reads_first (the votes) therefore runs its session on a connection its
thread keeps, outside the pool, as page reads already do (cocreate/kept_reads.py).

The session begins and ends its transactions on that connection as on a pooled one: BEGIN IMMEDIATE after
the writer's turn (cocreate/db.py), COMMIT or ROLLBACK, then the turn goes to the next writer. A connection
is handed to a request only outside a transaction (one left open by anything is rolled back first), so each
request's session begins, commits and ends its own transaction. An in-memory SQLite database keeps using
the pool.

On PostgreSQL the pool would also have pinged the server first ("SELECT 1", a round trip: 14 % of a vote's
time under load, bench/RESULTS.md, 2026-12-06, last session). A kept connection is looked at instead, without
a round trip, as kept readers are (kept_reads.alive()), and replaced when it is no longer fit.

Proof: tests/web/ideas/test_voting_web.py (votes on a kept connection; one the server ended is
replaced) and tests/unit/test_prepared.py.
"""

from __future__ import annotations

import os
import weakref
from contextvars import ContextVar

from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy.engine import Connection, Engine

from cocreate.kept_reads import ThreadKept, keeps_connections, outside_pool

_writer: ContextVar[Connection | None] = ContextVar("cocreate_kept_writer", default=None)


def begin_kept_writing(engine: Engine) -> None:
    """This request's session works on its thread's kept connection to `engine` (where one is kept)."""
    _writer.set(_kept_writer(engine))


def end_kept_writing() -> None:
    _writer.set(None)


class KeptSession(FlaskSession):
    """Flask-SQLAlchemy's session, bound to the request's kept connection when it has one."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        if bind is None:
            kept = _writer.get()
            if kept is not None:
                return kept
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


def _kept_writer(engine: Engine) -> Connection | None:
    """This thread's connection to the engine's database, outside any transaction; None where none is
    kept (an in-memory SQLite database, another driver than psycopg). What each engine keeps is worked out
    once per thread."""
    connection = _writers.get(engine)
    if connection is not None and connection.in_transaction():
        connection.rollback()
    return connection


def _keeps_writer(engine: Engine) -> bool:
    """A SQLite file; PostgreSQL through psycopg, whose connection's state and socket alive() reads in
    place of a ping (another driver's connections stay in the pool, pinged before each use)."""
    dialect = engine.dialect
    return keeps_connections(engine) and (dialect.name == "sqlite" or dialect.driver == "psycopg")


def _connect(engine: Engine) -> Connection:
    from cocreate.db import _TURN_FD, _open_turns

    connection = outside_pool(engine)
    if engine.dialect.name != "sqlite":
        return connection
    fairy = connection.connection
    _open_turns(fairy.dbapi_connection, fairy.info)  # the pool's record closed its own turn file
    fd = fairy.info.get(_TURN_FD)
    if fd is not None:  # a thread that ends lets its connection go: its turn file goes with it
        weakref.finalize(connection, os.close, fd)
    return connection


_writers = ThreadKept(lambda engine: _connect(engine) if _keeps_writer(engine) else None, lambda kept: kept)
