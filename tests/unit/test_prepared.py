"""Prepared statements (cocreate/prepared.py) against the suite's database: the same values as
Session.execute, statements visible to listeners, errors as SQLAlchemy's, and instances as if loaded."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import bindparam, event, func, insert, select
from sqlalchemy.exc import IntegrityError

from cocreate.accounts.models import User
from cocreate.driver import _CURSOR, driver_sql
from cocreate.events import EventRecord
from cocreate.extensions import db
from cocreate.ideas.models import Board, Idea
from cocreate.prepared import Prepared, persistent
from tests.factories import BoardFactory, IdeaFactory, UserFactory

_EVENTS = EventRecord.__table__
_WRITE = Prepared(
    insert(_EVENTS).values({k: bindparam(k) for k in ("name", "actor_id", "payload", "created_at")})
)
_READ = Prepared(
    select(_EVENTS.c.name, _EVENTS.c.payload, _EVENTS.c.created_at, _EVENTS.c.actor_id).where(
        _EVENTS.c.name == bindparam("name")
    )
)
_BOARD = Prepared(
    select(Board.__table__.c.is_private, Board.__table__.c.slug).where(Board.id == bindparam("id"))
)


def test_values_go_in_and_come_out_through_the_column_types(session):
    when = datetime(2026, 12, 6, 10, 30, 15, 123456, tzinfo=UTC)
    payload = {"idea_id": 7, "tags": ["maps", "offline"], "note": "Ünïcode ✓"}
    assert _WRITE.execute(
        session, {"name": "x.test", "actor_id": None, "payload": payload, "created_at": when}
    )
    row = _READ.first(session, {"name": "x.test"})
    assert tuple(row) == ("x.test", payload, when, None)
    assert row[2].tzinfo is not None  # UTCDateTime: aware, as through the ORM
    orm = session.execute(select(EventRecord).where(EventRecord.name == "x.test")).scalar_one()
    assert (orm.payload, orm.created_at) == (row[1], row[2])
    board = BoardFactory(is_private=True)
    assert _BOARD.first(session, {"id": board.id}) == (True, board.slug)  # a boolean, not 1
    assert _READ.first(session, {"name": "nothing"}) is None and _READ.rows(session, {"name": "no"}) == []


@contextmanager
def _cursor_executions(app) -> Iterator[list[tuple[object, str]]]:
    """(cursor, statement) of each statement sent to the database while the block runs."""
    seen: list[tuple[object, str]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((cursor, statement))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_listeners_see_each_statement_and_driver_errors_become_sqlalchemys(session, app):
    with _cursor_executions(app) as executions:
        _READ.rows(session, {"name": "nothing"})
        driver_sql(session.connection(), "SELECT 1")
    seen = [statement for _, statement in executions]
    assert seen[-2].startswith("SELECT event_log.name") and seen[-1] == "SELECT 1"
    user = UserFactory()
    duplicate = Prepared(
        insert(User.__table__).values(
            {k: bindparam(k) for k in ("email", "username", "display_name", "password_hash", "role")}
        )
    )
    values = {
        "email": user.email,
        "username": "other",
        "display_name": "O",
        "password_hash": "x",
        "role": "member",
    }
    with pytest.raises(IntegrityError):
        duplicate.execute(session, values)
    session.rollback()


def test_statements_share_one_cursor_per_connection_and_a_failed_one_is_replaced(session, app):
    """Prepared statements run on one DB-API cursor per connection, made once; a statement that fails
    takes its cursor with it, and the next statement runs on a new one."""
    board = BoardFactory()
    session.flush()
    params, row = {"id": board.id}, (False, board.slug)  # the ORM reads nothing while listened to
    with _cursor_executions(app) as executions:
        assert _BOARD.first(session, params) == row
        assert _READ.rows(session, {"name": "nothing"}) == []
        assert _BOARD.scalar(session, params) is False
        cursors = [cursor for cursor, _ in executions]
        assert len(cursors) == 3 and cursors[0] is cursors[1] is cursors[2]
        session.commit()
        with pytest.raises(IntegrityError):
            _WRITE.execute(session, {"name": None, "actor_id": None, "payload": {}, "created_at": None})
        session.rollback()
        assert _BOARD.first(session, params) == row
        kept = session.connection().connection.info[_CURSOR]
    failed = [cursor for cursor, sql in executions if sql.startswith("INSERT INTO event_log")]
    reads = [cursor for cursor, sql in executions if sql.startswith("SELECT boards")]
    assert len(failed) == 1 and len(reads) == 3
    assert reads[2] is kept and kept is not failed[0]  # the failed one went with its failure


def test_statements_it_cannot_prepare_are_refused(session):
    with pytest.raises(ValueError, match="expanding"):
        Prepared(select(Idea.id).where(Idea.id.in_(bindparam("ids", expanding=True)))).rows(
            session, {"ids": [1]}
        )
    with pytest.raises(KeyError):
        _READ.rows(session, {})  # a parameter the statement needs is missing


def test_loaded_instances_are_the_sessions_own_and_write_nothing_back(session, app, count_queries):
    idea = IdeaFactory(title="Offline maps", body="A **long** text")
    idea_id, board_id = idea.id, idea.board_id
    session.commit()
    session.expunge_all()
    ideas = Idea.__table__
    short = Prepared(
        select(*[c for c in ideas.columns if c.key != "body"], *Board.__table__.columns)
        .join_from(ideas, Board.__table__, Board.__table__.c.id == ideas.c.board_id)
        .where(ideas.c.id == bindparam("id"))
    )
    with count_queries() as statements:
        found_idea, found_board = short.load(session, {"id": idea_id}, Idea, Board)
        assert (found_idea.title, found_board.id) == ("Offline maps", board_id)
        assert session.get(Idea, idea_id) is found_idea and session.get(Board, board_id) is found_board
        session.flush()  # nothing changed: nothing is written
    assert len(statements) == 1
    assert found_idea.body == "A **long** text"  # left out of the row: loads when first read
    # Held already: the same instance, whatever the row says.
    assert persistent(session, Idea, {"id": idea_id, "title": "Other"}) is found_idea
    assert persistent(session, Idea, {"id": None}) is None
    found_idea.title = "Offline maps, downloadable"
    session.commit()
    session.expunge_all()
    assert session.scalar(select(Idea.title).where(Idea.id == idea_id)) == "Offline maps, downloadable"
    assert session.scalar(select(func.count()).select_from(Idea)) == 1


def test_a_row_just_written_joins_the_session_as_stored(session, count_queries):
    """attach_as_stored(): an instance built with its constructor for a row a prepared INSERT wrote is
    persistent and clean (a flush writes nothing), a column it was not given loads when read, its
    relationships load when read, and a change to it is flushed; an instance already attached is refused."""
    from cocreate.ideas.models import Vote
    from cocreate.prepared import attach_as_stored

    idea, voter = IdeaFactory(), UserFactory()
    session.commit()
    idea_id, voter_id = idea.id, voter.id
    session.expunge_all()
    values = {"idea_id": idea_id, "user_id": voter_id, "importance": "nice", "weight": 1.0}
    vote_id = session.execute(insert(Vote).values(**values, channel="web").returning(Vote.id)).scalar_one()
    with count_queries() as statements:
        vote = attach_as_stored(session, Vote(id=vote_id, **values))
        assert session.get(Vote, vote_id) is vote and vote in session and not session.dirty
        session.flush()
    assert statements == []
    assert vote.channel == "web"  # not given: read from the row
    assert vote.idea.id == idea_id  # a relationship loads when read
    vote.importance = "critical"
    session.commit()
    session.expunge_all()
    assert session.scalar(select(Vote.importance).where(Vote.id == vote_id)) == "critical"
    with pytest.raises(ValueError, match="new instance"):
        attach_as_stored(session, session.get(Vote, vote_id))


def test_a_fresh_process_can_load_before_anything_configured_the_mappers(database_url, session, tmp_path):
    """A worker's first request may load its person through a prepared statement before any query or
    constructor has configured the ORM's mappers (found by the benchmark's first signed-in page)."""
    import os
    import subprocess
    import sys

    user = UserFactory()
    session.commit()
    script = (
        "import sys\n"
        "from cocreate import create_app\n"
        "from cocreate.extensions import db\n"
        "app = create_app({'SQLALCHEMY_DATABASE_URI': sys.argv[1]})\n"
        "from cocreate.accounts.session import _load_user\n"
        "with app.app_context():\n"
        "    print(_load_user(sys.argv[2]).username)\n"
    )
    env = {**os.environ, "COCREATE_INSTANCE_PATH": str(tmp_path)}
    done = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", script, database_url, user.get_id()], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == user.username


def _in_a_read_unit(app, work):
    """work(session) between begin_reading() and end_reading(), as a @read_only page runs."""
    from cocreate.kept_reads import begin_reading, end_reading

    with app.app_context():
        begin_reading()
        try:
            return work(db.session)
        finally:
            end_reading()
            db.session.remove()


def test_a_read_unit_keeps_what_it_read_until_another_connection_commits(
    app, session, monkeypatch, count_queries
):
    """A read unit's results are kept while the database's version stays (SQLite's PRAGMA data_version,
    PostgreSQL's snapshot); any commit by another connection (here the test's session) forgets them.
    Values of mutable types (JSON) are never kept, and built values are kept with their rows."""
    monkeypatch.setitem(app.config, "MEMO_CHECK", False)
    board = BoardFactory(slug="kept", is_private=False)
    when = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    _WRITE.execute(session, {"name": "x.kept", "actor_id": None, "payload": {"n": 1}, "created_at": when})
    session.commit()
    builds = []

    def read(s):
        return (
            _BOARD.first(s, {"id": board.id}),
            _READ.rows(s, {"name": "x.kept"}),
            _BOARD.built(s, {"id": board.id}, lambda rows: builds.append(1) or rows[0][1], ("slug",)),
        )

    with count_queries() as first:
        assert _in_a_read_unit(app, read) == ((False, "kept"), [("x.kept", {"n": 1}, when, None)], "kept")
    with count_queries() as second:
        again = _in_a_read_unit(app, read)
    assert again[0] == (False, "kept") and again[1][0][1] == {"n": 1} and again[2] == "kept"
    assert (len(first), len(second), len(builds)) == (3, 1, 1)  # the JSON row is read each time
    again[1][0][1]["n"] = 99  # a caller changing what it got changes nothing kept
    session.execute(Board.__table__.update().where(Board.id == board.id).values(is_private=True))
    session.commit()
    with count_queries() as third:
        assert _in_a_read_unit(app, read)[:2] == ((True, "kept"), [("x.kept", {"n": 1}, when, None)])
    assert (len(third), len(builds)) == (3, 2)


def test_kept_readers_are_outside_the_pool_one_per_thread(app, session):
    """A kept reader is never checked out of the pool (so threads cannot exhaust it), each thread has its
    own connection, and a thread's reader is the same from one read unit to the next."""
    import threading

    from cocreate.kept_reads import reading

    with app.app_context():
        pool = db.engine.pool
    before = pool.checkedout()

    def dbapi_connection():
        return _in_a_read_unit(app, lambda s: id(reading(s).connection.connection.dbapi_connection))

    mine = [dbapi_connection(), dbapi_connection()]
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(dbapi_connection()))
    thread.start()
    thread.join()
    assert pool.checkedout() == before
    assert mine[0] == mine[1] and theirs[0] != mine[0]


def test_thread_kept_connections_are_made_once_and_again_only_when_unfit_or_inherited(app, monkeypatch):
    """ThreadKept (readers and votes' writers): one connection per thread and engine, made once (so is a
    None: nothing kept); made again when alive() finds it unfit, the unfit one retired; and after a fork
    the child makes its own, leaving the parent's connection open for the parent."""
    import os

    from cocreate import kept_reads
    from cocreate.kept_reads import ThreadKept, outside_pool

    with app.app_context():
        engine = db.engine
    made = []
    kept = ThreadKept(lambda e: made.append(outside_pool(e)) or made[-1], lambda c: c)
    first = kept.get(engine)
    assert kept.get(engine) is first and len(made) == 1
    first.invalidate()  # unfit: alive() says so
    second = kept.get(engine)
    assert second is not first and len(made) == 2 and not second.invalidated
    parent = os.getpid()
    monkeypatch.setattr(kept_reads.os, "getpid", lambda: parent + 1)  # as in a forked child
    third = kept.get(engine)
    assert third is not second and len(made) == 3 and not second.closed  # the parent's is left alone
    for connection in (second, third):
        connection.close()
    nothing, asked = ThreadKept(lambda e: asked.append(e), lambda c: c), []
    assert nothing.get(engine) is None and nothing.get(engine) is None and asked == [engine]


def test_a_read_unit_loads_complete_instances_detached_and_makes_no_session(app, session):
    """In a read unit an instance with every column stays out of the session (the board page then never
    makes one); one that misses a column joins the session as before, so the column can still load."""
    from sqlalchemy import inspect

    from cocreate.accounts.session import _by_id
    from cocreate.kept_reads import begin_reading, end_reading

    person = UserFactory(username="reader")
    session.commit()
    partial_person = Prepared(select(User.id, User.username).where(User.id == bindparam("id")))
    with app.app_context():
        engine = db.engine
        db.session.remove()
        begin_reading(engine)
        try:
            whole = _by_id().load(db.session, {"user_id": person.id}, User)[0]
            made_a_session = db.session.registry.has()
            part = partial_person.load(db.session, {"id": person.id}, User)[0]
            part_joined, part_email = inspect(part).persistent, part.email  # the email loads on first read
        finally:
            end_reading()
            db.session.remove()
    assert inspect(whole).detached and whole.username == "reader" and whole.email == person.email
    assert not made_a_session
    assert part_joined and part_email == person.email


def test_a_kept_reader_on_postgresql_holds_no_transaction(app, session, is_postgres):
    """PostgreSQL's kept reader is in autocommit: between pages it is idle, never "idle in transaction"
    (which would hold back vacuum and wait out DDL), and each statement sees what was committed when it
    began."""
    from sqlalchemy import text

    from cocreate.kept_reads import reading

    if not is_postgres:
        pytest.skip("PostgreSQL's transactions")
    board = BoardFactory(slug="idle")
    session.commit()

    def read(s):
        assert _BOARD.first(s, {"id": board.id}) == (False, "idle")
        return reading(s).connection.connection.dbapi_connection.info.backend_pid

    pid = _in_a_read_unit(app, read)
    query = text("SELECT state, backend_xid, backend_xmin FROM pg_stat_activity WHERE pid = :pid")
    assert session.execute(query, {"pid": pid}).one() == ("idle", None, None)


def test_memo_check_tells_a_stale_kept_result_from_a_commit_made_during_the_read_unit(app, session):
    """MEMO_CHECK (the suite's setting) reads every kept result again. A difference fails, unless another
    connection committed after this read unit asked the database's version: then the kept result is the
    one the unit serves, as of its start (a thread's page while another thread writes must not fail)."""
    from cocreate.kept_reads import reading

    board = BoardFactory(slug="during", is_private=False)
    session.commit()
    assert _in_a_read_unit(app, lambda s: _BOARD.first(s, {"id": board.id})) == (False, "during")

    def change_meanwhile(s):
        reading(s)  # the unit asks the version here, as a page's first statement does
        session.execute(Board.__table__.update().where(Board.id == board.id).values(is_private=True))
        session.commit()
        return _BOARD.first(s, {"id": board.id})

    assert _in_a_read_unit(app, change_meanwhile) == (False, "during")  # as of the unit's start
    assert _in_a_read_unit(app, lambda s: _BOARD.first(s, {"id": board.id})) == (True, "during")

    def forget_the_version(s):
        reader = reading(s)
        reader.results.put(reader.results.key_list()[0], [(False, "stale")])  # kept, but not what is stored
        return _BOARD.first(s, {"id": board.id})

    with pytest.raises(AssertionError, match="a kept result differs"):
        _in_a_read_unit(app, forget_the_version)


def test_a_kept_reader_whose_server_connection_ended_is_made_again(app, session, is_postgres, monkeypatch):
    """PostgreSQL restarted, or an administrator ended the backend: the server's farewell waits on the
    kept reader's socket, so the next read unit takes a new connection before its first statement, as the
    pool's pre-ping does for pooled connections (without its round trip); no page fails for it, and the
    old connection is closed."""
    from sqlalchemy import text

    from cocreate import kept_reads

    if not is_postgres:
        pytest.skip("a PostgreSQL backend ended from outside")
    board = BoardFactory(slug="again")
    session.commit()

    def read(s):
        return _BOARD.first(s, {"id": board.id}), kept_reads.reading(s).connection.connection.dbapi_connection

    row, old = _in_a_read_unit(app, read)
    pid = old.info.backend_pid
    # Waits (up to 5 s) until the backend has gone, so its farewell is on the socket.
    assert session.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid}).scalar()
    session.commit()
    real, asked = kept_reads._data_version, []
    monkeypatch.setattr(kept_reads, "_data_version", lambda c: asked.append(c) or real(c))
    again, new = _in_a_read_unit(app, read)
    assert again == row == (False, "again") and new.info.backend_pid != pid
    assert old.closed and [c.connection.dbapi_connection for c in asked] == [new]  # none sent on the old one


def test_a_kept_reader_whose_first_statement_fails_any_way_is_replaced(app, session, monkeypatch):
    """The server's end of a connection can reach the driver as an error it does not take for a disconnect
    (psycopg finding the socket closed before the server's farewell; once in a CI run). The kept reader is
    retired all the same and the unit goes on with a new one; the units after it are served too."""
    from sqlalchemy.exc import OperationalError

    from cocreate import kept_reads

    board = BoardFactory(slug="anyway")
    session.commit()

    def read(s):
        return _BOARD.first(s, {"id": board.id}), kept_reads.reading(s)

    row, first = _in_a_read_unit(app, read)
    if not first.kept:
        pytest.skip("an in-memory database keeps no reader")
    real, failures = kept_reads._data_version, []

    def version_failing_once(connection):
        if not failures:
            failures.append(connection)
            raise OperationalError("SELECT version", {}, Exception("connection socket closed"))
        return real(connection)

    monkeypatch.setattr(kept_reads, "_data_version", version_failing_once)
    again, second = _in_a_read_unit(app, read)
    assert failures == [first.connection] and first.connection.invalidated
    assert again == row == (False, "anyway") and second.connection is not first.connection
    third_row, third = _in_a_read_unit(app, read)
    assert third_row == row and third is second  # kept from then on


def test_nothing_listens_to_the_events_attach_as_stored_leaves_out(app):
    """attach_as_stored() attaches as the ORM's loading does, without the attach and expire events of
    make_transient_to_detached() and Session.add(): should anything come to listen to them (or to `load`,
    which a query's loading sends), it would miss the instances attached that way."""
    with app.app_context():
        session = db.session()
        for name in ("before_attach", "after_attach", "detached_to_persistent", "transient_to_pending"):
            assert not getattr(session.dispatch, name), name
        for mapper in db.Model.registry.mappers:
            for name in ("expire", "load", "refresh"):
                assert not getattr(mapper.class_manager.dispatch, name), (mapper, name)
