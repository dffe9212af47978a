"""A board as its page shows it (name, rules, tags: board_reads.BoardView) kept per worker, and checked on
every page against the version the database keeps for it.

Every board page needs its board and tags, which change a few times a year, while the page's own statement
runs anyway. The database raises `boards.version` itself (the triggers below, installed by the migration
that added the column) whenever a shown column of the board or any of its tags changes, however the change
is made. A new board starts at a random version: a board deleted and made again under its slug, even with
the same id (SQLite reuses the highest one), is not mistaken for the kept one.

The page's statement returns the version it read (board_reads.board_ideas); a page whose version is not the
kept board's reads the board again, checks access again and reads its page again. So a kept board is never
shown once it changed, and never decides access on its own: a kept board that would refuse the visitor is
read again before the refusal, and one that would let them in is confirmed by the page's version before
anything of the page is shown.

Never stale: tests/web/ideas/test_board_versions.py (every way a board or its tags change).
"""

from __future__ import annotations

import threading

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from cocreate import speed
from cocreate.errors import InvalidInput
from cocreate.ideas.access import can_view_board
from cocreate.ideas.board_reads import BoardPage, BoardView, board_for_page, board_ideas

# Columns of a board that its page shows or that decide who sees it (BoardView).
SHOWN = ("slug", "name", "description", "is_private", "allowed_roles", "vote_budget")
MAX_KEPT = 1_000
# A new board's version: random, below 2^50 (room to grow, exact in a float too).
FIRST_VERSION_SQLITE = "abs(random()) % 1125899906842624"
FIRST_VERSION_POSTGRESQL = "floor(random() * 1125899906842624)::bigint"
_kept: dict[str, BoardView] = {}
_lock = threading.Lock()


def board_with_page(session: Session, slug: str, viewer, **page_args) -> tuple[BoardView | None, BoardPage]:
    """The board this viewer may see (None: no such board, or not for them) and one page of it
    (board_reads.board_ideas' arguments), the board as current as the page."""
    board = _kept.get(slug) if speed.on("kept_boards") else None
    if board is None or not can_view_board(board, viewer):
        board = _fresh(session, slug)
        if board is None or not can_view_board(board, viewer):
            return None, BoardPage(ideas=[], next_cursor=None)
        return board, board_ideas(session, board, viewer=viewer, **page_args)
    try:
        page = board_ideas(session, board, viewer=viewer, **page_args)
    except InvalidInput:  # a tag filter this (older) board does not know yet: ask the database
        page = None
    if page is not None and page.board_version == board.version:
        return board, page
    fresh = _fresh(session, slug)
    if fresh is None or not can_view_board(fresh, viewer):
        return None, BoardPage(ideas=[], next_cursor=None)
    if page is None or fresh.id != board.id or fresh.version != board.version:
        page = board_ideas(session, fresh, viewer=viewer, **page_args)
    return fresh, page


def _fresh(session: Session, slug: str) -> BoardView | None:
    board = board_for_page(session, slug)
    with _lock:
        if board is None:
            _kept.pop(slug, None)
        else:
            if len(_kept) >= MAX_KEPT:
                _kept.clear()
            _kept[slug] = board
    return board


def kept(slug: str) -> BoardView | None:
    """The board this worker keeps under this slug, if any."""
    return _kept.get(slug)


def forget() -> None:
    """Forget every kept board (tests)."""
    with _lock:
        _kept.clear()


def install(connection: Connection) -> None:
    """The triggers that raise a board's version when it or one of its tags changes."""
    shown = ", ".join(SHOWN)
    raise_version = "UPDATE boards SET version = version + 1 WHERE id"
    if connection.dialect.name == "postgresql":
        statements = [
            "CREATE OR REPLACE FUNCTION boards_first_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.version := {FIRST_VERSION_POSTGRESQL}; RETURN NEW; END $$",
            "CREATE TRIGGER boards_version_on_insert BEFORE INSERT ON boards "
            "FOR EACH ROW EXECUTE FUNCTION boards_first_version()",
            "CREATE OR REPLACE FUNCTION boards_next_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN NEW.version := OLD.version + 1; RETURN NEW; END $$",
            f"CREATE TRIGGER boards_version_on_change BEFORE UPDATE OF {shown} ON boards "
            "FOR EACH ROW EXECUTE FUNCTION boards_next_version()",
            "CREATE OR REPLACE FUNCTION tags_raise_board_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN "
            f"IF TG_OP <> 'INSERT' THEN {raise_version} = OLD.board_id; END IF; "
            f"IF TG_OP <> 'DELETE' THEN {raise_version} = NEW.board_id; END IF; "
            "RETURN NULL; END $$",
            "CREATE TRIGGER tags_raise_board_version AFTER INSERT OR UPDATE OR DELETE ON tags "
            "FOR EACH ROW EXECUTE FUNCTION tags_raise_board_version()",
        ]
    else:
        raise_for = f"BEGIN {raise_version} IN ({{}}); END"
        statements = [
            "CREATE TRIGGER boards_version_on_insert AFTER INSERT ON boards "  # noqa: S608 - our constants
            f"BEGIN UPDATE boards SET version = {FIRST_VERSION_SQLITE} WHERE id = NEW.id; END",
            f"CREATE TRIGGER boards_version_on_change AFTER UPDATE OF {shown} ON boards "
            + raise_for.format("NEW.id"),
            "CREATE TRIGGER tags_version_on_insert AFTER INSERT ON tags " + raise_for.format("NEW.board_id"),
            "CREATE TRIGGER tags_version_on_update AFTER UPDATE ON tags "
            + raise_for.format("OLD.board_id, NEW.board_id"),
            "CREATE TRIGGER tags_version_on_delete AFTER DELETE ON tags " + raise_for.format("OLD.board_id"),
        ]
    for statement in statements:
        connection.execute(text(statement))


def remove(connection: Connection) -> None:
    """The triggers and functions install() made, gone (the migration's downgrade)."""
    if connection.dialect.name == "postgresql":
        statements = [
            "DROP TRIGGER IF EXISTS boards_version_on_insert ON boards",
            "DROP TRIGGER IF EXISTS boards_version_on_change ON boards",
            "DROP TRIGGER IF EXISTS tags_raise_board_version ON tags",
            "DROP FUNCTION IF EXISTS boards_first_version()",
            "DROP FUNCTION IF EXISTS boards_next_version()",
            "DROP FUNCTION IF EXISTS tags_raise_board_version()",
        ]
    else:
        names = (
            "boards_version_on_insert",
            "boards_version_on_change",
            "tags_version_on_insert",
            "tags_version_on_update",
            "tags_version_on_delete",
        )
        statements = [f"DROP TRIGGER IF EXISTS {name}" for name in names]
    for statement in statements:
        connection.execute(text(statement))
