"""Database triggers that make a table append-only (UPDATE and DELETE raise): the moderation log and the
points ledger.

Installed by the migration that creates each table. Wiping a whole database (demo --reset, the test suite's
cleanup) lifts them inside its own transaction and puts them back before committing.
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

TABLES = ("moderation_log", "points_ledger")


def install(connection: Connection, table: str = "moderation_log") -> None:
    message = f"{table} is append-only"
    if connection.dialect.name == "postgresql":
        connection.execute(
            text(
                f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$"
            )
        )
        connection.execute(
            text(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
            )
        )
        return
    for event in ("UPDATE", "DELETE"):
        connection.execute(
            text(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
        )


def remove(connection: Connection, table: str = "moderation_log") -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"))
        return
    for event in ("update", "delete"):
        connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_{event}"))


@contextmanager
def lifted(connection: Connection):
    """Allow deleting rows of every append-only table inside the current transaction only (for wiping the
    whole database)."""
    present = [t for t in TABLES if inspect(connection).has_table(t)]
    for table in present:
        remove(connection, table)
    yield
    for table in present:
        install(connection, table)
