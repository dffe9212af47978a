"""Statements on a connection's DB-API cursor, below SQLAlchemy's execution machinery: the one cursor per
DB-API connection that prepared statements run on, and plain statements without parameters (BEGIN, a
PRAGMA). Both cocreate/prepared.py and cocreate/kept_reads.py run through here (neither imports the other
for it)."""

from __future__ import annotations

_CURSOR = "cocreate_prepared_cursor"


def _cursor(fairy):
    """The DB-API cursor prepared statements run on, one per DB-API connection, made once: making and
    closing one for each statement cost a vote some 3 % of its time under load (bench/RESULTS.md,
    2026-12-06, late). Every statement is read to its end (fetchall) before the next runs, which leaves the
    cursor reset; one that failed is closed and a new one made."""
    info, dbapi_connection = fairy.info, fairy.dbapi_connection
    cursor = info.get(_CURSOR)
    if cursor is None or cursor.connection is not dbapi_connection:  # none yet, or the connection's new
        cursor = info[_CURSOR] = dbapi_connection.cursor()
    return cursor


def driver_sql(connection, sql: str, *, fetch: bool = False) -> list | None:
    """A statement without parameters (BEGIN, ROLLBACK, a PRAGMA) on the connection's DB-API connection,
    seen by `before_cursor_execute` listeners like any other, and its rows if `fetch`:
    Connection.exec_driver_sql's machinery cost ten times the statement on every request."""
    cursor = _cursor(connection.connection)  # the prepared statements' own
    if connection.dispatch.before_cursor_execute:
        connection.dispatch.before_cursor_execute(connection, cursor, sql, (), None, False)
    try:
        cursor.execute(sql)
        return cursor.fetchall() if fetch else None
    except connection.dialect.loaded_dbapi.Error as exc:
        connection.connection.info.pop(_CURSOR, None)
        cursor.close()
        connection._handle_dbapi_exception(exc, sql, (), cursor, None)  # raises SQLAlchemy's
