"""Database triggers that make the moderation log append-only (UPDATE and DELETE raise).

Installed by the migration that creates the table. Wiping a whole database (demo --reset, the test suite's
cleanup) lifts them inside its own transaction and puts them back before committing.
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection

MESSAGE = "the moderation log is append-only"


def install(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(
            text(
                "CREATE OR REPLACE FUNCTION moderation_log_append_only() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$"
            )
        )
        connection.execute(
            text(
                "CREATE TRIGGER moderation_log_append_only BEFORE UPDATE OR DELETE ON moderation_log "
                "FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only()"
            )
        )
        return
    for event in ("UPDATE", "DELETE"):
        connection.execute(
            text(
                f"CREATE TRIGGER moderation_log_no_{event.lower()} BEFORE {event} ON moderation_log "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
        )


def remove(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP TRIGGER IF EXISTS moderation_log_append_only ON moderation_log"))
        return
    for event in ("update", "delete"):
        connection.execute(text(f"DROP TRIGGER IF EXISTS moderation_log_no_{event}"))


@contextmanager
def lifted(connection: Connection):
    """Allow deleting log rows inside the current transaction only (for wiping the whole database)."""
    remove(connection)
    yield
    install(connection)
