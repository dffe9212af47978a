"""Configuration, SQLite settings, migrations in step with the models, the Markdown cleaner."""

import re
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from cocreate.config import Config, ConfigError
from cocreate.extensions import db
from cocreate.markup import render_markdown
from cocreate.search.pg_backend import include_object


def test_production_refuses_to_start_without_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("COCREATE_ENV", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        Config.load(str(tmp_path))


def test_development_generates_and_keeps_a_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("COCREATE_ENV", "development")
    first = Config.load(str(tmp_path))["SECRET_KEY"]
    assert len(first) >= 64
    assert Config.load(str(tmp_path))["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_defaults_to_instance_sqlite_and_accepts_postgres_urls(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert Config.load(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/cocreate.db"
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db/x")
    assert Config.load(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/x"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert Config.load(str(tmp_path))["REDIS_URL"] == "redis://127.0.0.1:6379/0"


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(app, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite settings")
    with app.app_context(), db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_write_intent_begins_immediate(app, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite transaction modes")
    from sqlalchemy import event

    from cocreate.db import write_intent

    seen = []
    with app.app_context():
        engine = db.engine
        listener = lambda conn, cur, stmt, *a: seen.append(stmt)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
                conn.rollback()
                with write_intent():
                    conn.exec_driver_sql("SELECT 1")
                conn.rollback()
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert [s for s in seen if s.startswith("BEGIN")] == ["BEGIN", "BEGIN IMMEDIATE"]


def _turn_is_free(path: str) -> bool:
    import fcntl
    import os

    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing lets go of a lock taken here
    return True


def test_sqlite_writers_take_turns_and_let_go_at_commit(app, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite transaction modes")
    import threading

    from cocreate.db import write_intent

    with app.app_context():
        engine = db.engine
        path = engine.url.database + "-writers"
    order: list[str] = []

    def second_writer(ready: threading.Event) -> None:
        with write_intent(), engine.connect() as conn:
            ready.set()
            conn.exec_driver_sql("SELECT 1")  # BEGIN IMMEDIATE: waits for the first writer's turn
            order.append("second began")
            conn.commit()

    with write_intent(), engine.connect() as first:
        first.exec_driver_sql("SELECT 1")
        assert not _turn_is_free(path)
        ready = threading.Event()
        thread = threading.Thread(target=second_writer, args=(ready,))
        thread.start()
        ready.wait(5)
        thread.join(0.3)  # it is still waiting: the turn is the first writer's
        assert order == []
        order.append("first committed")
        first.commit()
        thread.join(10)
        # Let go at COMMIT, not when the connection went back to the pool (it is still checked out here).
        assert order == ["first committed", "second began"]
        with write_intent():
            first.exec_driver_sql("SELECT 1")
        first.rollback()
        assert _turn_is_free(path)  # a ROLLBACK lets go too
    with engine.connect() as reader:
        reader.exec_driver_sql("SELECT 1")  # plain BEGIN: readers never queue
        assert _turn_is_free(path)
        reader.rollback()


def test_sqlite_writers_checkpoint_the_wal_after_letting_the_next_writer_in(app, database_url, monkeypatch):
    """Every CHECKPOINT_EVERY commits a connection copies the WAL back into the database file, once its turn
    is over (cocreate/db.py): the file changes then, and not before; the turn is free meanwhile."""
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite checkpoints")
    import os
    import sqlite3

    from cocreate import db as engine_behaviour
    from cocreate.db import write_intent

    with app.app_context():
        engine = db.engine
        path = engine.url.database
    monkeypatch.setattr(engine_behaviour, "CHECKPOINT_EVERY", 3)
    turn_free_then = []
    original = engine_behaviour._checkpoint_now_and_then

    def watched(fairy):
        turn_free_then.append(_turn_is_free(path + "-writers"))
        original(fairy)

    monkeypatch.setattr(engine_behaviour, "_checkpoint_now_and_then", watched)

    def file_digest() -> tuple:
        # Never open() the database file here: closing any descriptor of it drops every POSIX lock this
        # process holds on it, SQLite's included (then another process may reset the WAL under us).
        stat = os.stat(path)
        return stat.st_mtime_ns, stat.st_size

    other = sqlite3.connect(path)  # start from a database file that holds everything so far
    other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    other.close()
    with engine.connect() as conn:
        conn.rollback()
        commits = conn.connection.info.get("cocreate_commits", 0)
        changed = []
        for n in range(3 - commits % 3):
            with write_intent():
                conn.exec_driver_sql(
                    "INSERT INTO event_log (name, payload, created_at) VALUES (?, ?, ?)",
                    (f"test.{n}", "{}", "2026-12-06 00:00:00"),
                )
            before = file_digest()
            conn.commit()
            changed.append(file_digest() != before)
    assert changed[-1] and not any(changed[:-1]), changed  # only the commit that reached the count copied
    assert turn_free_then and all(turn_free_then)


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as conn:
        options = {"compare_type": True, "render_as_batch": True, "include_object": include_object}
        context = MigrationContext.configure(conn, opts=options)
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models changed without a migration: {diff}"


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="x" onclick="alert(1)">x</a>',
        "<svg/onload=alert(1)>",
        "<iframe src=//evil></iframe>",
        '[x](https://ok.example "t" onmouseover=alert(1))',
        "<style>body{display:none}</style>",
    ],
)
def test_markdown_never_emits_active_content(payload):
    tags = " ".join(re.findall(r"<[^>]*>", render_markdown(payload).lower()))
    for bad in ("<script", "<img", "<svg", "<iframe", "<style", "javascript:", "data:", " on"):
        assert bad not in tags, (payload, tags)


def test_markdown_mentions_only_link_known_people_and_not_inside_code_or_links():
    html = render_markdown("hi @mia, `@mia` and [@mia](https://x.example) and @bob", {"mia"})
    assert html.count('href="/u/mia"') == 1
    assert "/u/bob" not in html
    assert "<h1" not in render_markdown("# Title")
