"""Search for the app: which backend, keeping it fed after commit, rebuilding, and permission-aware queries.

Index updates are collected when contributions are flushed, turned into documents at the end of that flush
(from the database, so Core UPDATEs count too), and written to the backend only after the transaction
commits: uncommitted data is never indexed, a rollback indexes nothing, and a failed index write is logged
and kept in search_backlog for a retry instead of failing the request that saved the contribution.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from flask import Flask, current_app, has_app_context
from sqlalchemy import delete, event, insert, inspect, select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.extensions import db
from cocreate.ideas.queries import hidden_board_ids
from cocreate.reindex import TOUCHED
from cocreate.search.backend import KINDS, Results, SearchBackend, SearchQuery, clean_query
from cocreate.search.documents import all_documents, kind_of
from cocreate.search.models import SearchBacklog
from cocreate.search.pending import documents_for as _documents

log = logging.getLogger(__name__)
_rebuild_lock = threading.Lock()
_backend_lock = threading.Lock()
BACKLOG_EVERY = 30.0  # seconds between backlog retries per process
_last_backlog_check = 0.0


def backend(app: Flask | None = None) -> SearchBackend:
    """The app's backend: PostgreSQL full-text on PostgreSQL (shared by every server), else Whoosh."""
    app = app or current_app
    found = app.extensions.get("cocreate.search")
    if found is None:
        with _backend_lock:  # two first requests at once must share one backend (one lock, one searcher)
            return _make_backend(app)
    return found


def _make_backend(app: Flask) -> SearchBackend:
    found = app.extensions.get("cocreate.search")
    if found is None:
        choice = app.config.get("SEARCH_BACKEND", "auto")
        with app.app_context():
            dialect = db.engine.dialect.name
            if choice == "postgresql" or (choice == "auto" and dialect == "postgresql"):
                from cocreate.search.pg_backend import PostgresBackend

                found = PostgresBackend(db.engine)
            else:
                from cocreate.search.whoosh_backend import WhooshBackend

                found = WhooshBackend(
                    Path(app.instance_path) / "search" / "whoosh", rebuild_mb=app.config["SEARCH_REBUILD_MB"]
                )
        app.extensions["cocreate.search"] = found
    return found


def rebuild(progress: Callable[[int], None] = lambda n: None) -> int:
    """Re-index everything from the database (its own session: it lets go of rows as it goes)."""
    with _rebuild_lock, Session(db.engine) as session:
        count = backend().rebuild(all_documents(session), progress)
        session.execute(delete(SearchBacklog))
        session.commit()
        return count


def ensure_ready() -> None:
    """Rebuild a missing or corrupt index before answering; retry failed writes now and then."""
    if not backend().ready():
        log.warning("search index missing or unreadable: rebuilding it from the database")
        rebuild()
    _retry_backlog()


def _retry_backlog() -> None:
    global _last_backlog_check
    now = time.monotonic()
    if now - _last_backlog_check < BACKLOG_EVERY:
        return
    _last_backlog_check = now
    with Session(db.engine) as session:
        rows = session.execute(select(SearchBacklog.id, SearchBacklog.key).limit(500)).all()
        if not rows:
            return
        docs = _documents(session, {key for _, key in rows})
        _apply(docs)
        session.execute(delete(SearchBacklog).where(SearchBacklog.id.in_([i for i, _ in rows])))
        session.commit()


def search(
    session: Session,
    viewer: User | None,
    text: str,
    *,
    kinds: tuple[str, ...] = (),
    board_id: int | None = None,
    status: str | None = None,
    sentiment: str | None = None,
    page: int = 1,
) -> Results:
    """Search what this person may see. Bad filters are dropped by the view; odd syntax never raises."""
    ensure_ready()
    engine = backend()
    signed_in = viewer is not None and viewer.is_authenticated
    query = SearchQuery(
        text=clean_query(text),
        kinds=tuple(k for k in kinds if k in KINDS),
        board_id=board_id,
        status=status,
        sentiment=sentiment,
        hidden_board_ids=frozenset() if engine.checks_board_access else hidden_board_ids(session, viewer),
        viewer_role=viewer.role if signed_in else None,
        page=max(1, min(page, 1_000)),
    )
    try:
        results = engine.search(query, connection=session.connection())
    except Exception:  # noqa: BLE001 - a damaged index file: rebuild once and answer from the new index
        if engine.name != "whoosh":
            raise
        log.exception("search index unreadable while searching: rebuilding it")
        engine.damaged()
        rebuild()
        results = engine.search(query)
    if results.suggestion:
        results.suggestion = _seen_suggestion(session, engine, query, results.suggestion)
    return results


def _seen_suggestion(session: Session, engine, query: SearchQuery, suggestion: str) -> str | None:
    """A "did you mean" only when it finds something this person may see: the index's words come from every
    document, those of private boards too, and a suggestion must not spell out a word only they hold."""
    again = replace(query, text=clean_query(suggestion), page=1)
    found = engine.search(again, connection=session.connection())
    return suggestion if found.total else None


def similar_ideas(text: str, board_id: int, limit: int = 5):
    """Published ideas on a board like a draft title (the caller checked that the person sees the board)."""
    if len(clean_query(text)) < 4:
        return []
    ensure_ready()
    return backend().similar(clean_query(text), board_id=board_id, limit=limit)


# --- keeping the index current ---------------------------------------------------------------------------


def _apply(docs: dict) -> None:
    engine = backend()
    engine.index([d for d in docs.values() if d is not None])
    engine.delete([k for k, d in docs.items() if d is None])


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context) -> None:
    pending = session.info.setdefault("search_pending", set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        kind = kind_of(obj)
        if kind and obj.id is not None:
            pending.add(f"{kind}:{obj.id}")


@event.listens_for(Session, "after_flush_postexec")
def _snapshot(session: Session, _context) -> None:
    pending = session.info.pop("search_pending", None)
    if pending and has_app_context() and current_app.config.get("SEARCH_ENABLED", True):
        session.info.setdefault("search_docs", {}).update(_documents(session, pending))


@event.listens_for(Session, "before_commit")
def _read_touched(session: Session) -> None:
    """What services touched (cocreate/reindex.py), read as it stands at the commit."""
    if session.in_nested_transaction():
        return
    touched = session.info.pop(TOUCHED, None)
    if not touched or not has_app_context() or not current_app.config.get("SEARCH_ENABLED", True):
        return
    keys = {
        f"{kind}:{identity[0]}"  # the key it was loaded under: reading .id could load a row deleted since
        for obj in touched
        if (kind := kind_of(obj)) and (identity := inspect(obj).identity)
    }
    session.flush()  # what the ORM still holds goes in first (its documents come through after_flush)
    session.info.setdefault("search_docs", {}).update(_documents(session, keys))


@event.listens_for(Session, "after_commit")
def _write_after_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a SAVEPOINT was released: the real commit is still to come
        return
    docs = session.info.pop("search_docs", None)
    if not docs or not has_app_context():
        return
    try:
        _apply(docs)
    except Exception:  # noqa: BLE001 - the contribution is committed; the index catches up later
        log.exception("search index update failed; %d keys queued for retry", len(docs))
        try:
            with db.engine.begin() as connection:
                connection.execute(insert(SearchBacklog), [{"key": key} for key in docs])
        except Exception:  # noqa: BLE001
            log.exception("could not queue the keys either; `flask search reindex` will catch up")


@event.listens_for(Session, "after_transaction_end")
def _forget_on_rollback(session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended (after_commit already took its docs)
        session.info.pop("search_docs", None)
        session.info.pop("search_pending", None)
        session.info.pop(TOUCHED, None)
