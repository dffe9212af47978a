"""Voting over HTTP and htmx: in-place fragments, sign-in redirects, CSRF, 404/409 with messages."""

from sqlalchemy import func, select

from cocreate.ideas.models import Vote
from tests.factories import IdeaFactory, UserFactory


def _setup(session):
    idea, user = IdeaFactory(), UserFactory()
    session.commit()
    return idea, user


def _three_ideas_and_a_voter(session, client) -> tuple[list[int], object]:
    """Three ideas' ids, and a person signed in on `client`."""
    ideas, user = [IdeaFactory() for _ in range(3)], UserFactory()
    session.commit()
    client.sign_in(user)
    return [i.id for i in ideas], user


def test_htmx_vote_returns_the_vote_box_with_the_new_count(client, session):
    idea, user = _setup(session)
    client.sign_in(user)
    response = client.post_form(f"/i/{idea.id}/vote", htmx=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith(f'<div class="vote-box voted" id="vote-{idea.id}">')
    assert '<span class="vote-count" data-testid="vote-count">1</span>' in html
    assert "<html" not in html
    response = client.post_form(f"/i/{idea.id}/unvote", htmx=True)
    assert '<span class="vote-count" data-testid="vote-count">0</span>' in response.get_data(as_text=True)


def test_vote_from_idea_page_also_updates_the_importance_panel(client, session):
    idea, user = _setup(session)
    client.sign_in(user)
    html = client.post_form(f"/i/{idea.id}/vote", {"panel": "1"}, htmx=True).get_data(as_text=True)
    assert 'id="vote-panel"' in html and 'hx-swap-oob="true"' in html and "How important" in html
    html = client.post_form(f"/i/{idea.id}/importance", {"importance": "critical", "panel": "1"}, htmx=True)
    assert "Critical: 1" in html.get_data(as_text=True)


def test_plain_form_vote_redirects_back(client, session):
    idea, user = _setup(session)
    client.sign_in(user)
    response = client.post_form(f"/i/{idea.id}/vote", {"next": f"/b/{idea.board.slug}?sort=top"})
    assert response.status_code == 302 and response.headers["Location"] == f"/b/{idea.board.slug}?sort=top"
    response = client.post_form(f"/i/{idea.id}/unvote", {"next": "https://evil.example/"})
    assert response.headers["Location"] == f"/i/{idea.id}"


def test_signed_out_htmx_vote_gets_hx_redirect_to_sign_in(client, session):
    idea, _ = _setup(session)
    response = client.post_form(
        f"/i/{idea.id}/vote", htmx=True, headers={"HX-Current-URL": f"http://localhost/b/{idea.board.slug}"}
    )
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/login?next=")
    assert f"/b/{idea.board.slug}" in response.headers["HX-Redirect"].replace("%2F", "/")
    response = client.post_form(f"/i/{idea.id}/vote")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_vote_twice_is_409_with_a_message_and_one_row(client, session):
    idea, user = _setup(session)
    client.sign_in(user)
    client.post_form(f"/i/{idea.id}/vote", htmx=True)
    response = client.post_form(f"/i/{idea.id}/vote", htmx=True)
    assert response.status_code == 409
    assert "already voted" in response.get_data(as_text=True)
    session.commit()
    assert session.scalar(select(func.count(Vote.id))) == 1


def test_vote_on_missing_idea_is_404_and_bad_importance_400(client, session):
    idea, user = _setup(session)
    client.sign_in(user)
    assert client.post_form("/i/999999/vote", htmx=True).status_code == 404
    response = client.post_form(f"/i/{idea.id}/vote", {"importance": "extreme"}, htmx=True)
    assert response.status_code == 400 and "Importance" in response.get_data(as_text=True)


def test_vote_without_csrf_token_changes_nothing(client, session):
    idea, user = _setup(session)
    client.sign_in(user)
    response = client.post(f"/i/{idea.id}/vote", headers={"HX-Request": "true"})
    assert response.status_code == 400
    response = client.post(f"/i/{idea.id}/vote", headers={"HX-Request": "true", "X-CSRFToken": "forged"})
    assert response.status_code == 400
    session.commit()
    assert session.scalar(select(func.count(Vote.id))) == 0


def test_htmx_fragments_load_only_what_they_show(client, session, count_queries):
    from tests.factories import UserFactory as Users

    idea, user = _setup(session)
    product = Users(role="product")
    session.commit()
    client.sign_in(user)
    with count_queries() as statements:
        client.post_form(f"/i/{idea.id}/vote", {"panel": "1"}, htmx=True)
    assert not [s for s in statements if "FROM comments" in s or "FROM idea_status_changes" in s]
    with count_queries() as statements:
        client.post_form(f"/i/{idea.id}/comments", {"body": "Useful"}, htmx=True)
    assert not [s for s in statements if "FROM idea_status_changes" in s or "GROUP BY votes.importance" in s]
    client.post_form("/logout")
    client.sign_in(product)
    with count_queries() as statements:
        client.post_form(f"/i/{idea.id}/status", {"status": "planned"}, htmx=True)
    rendering = [s for s in statements if "notification_preferences" not in s]  # not the followers to notify
    assert not [s for s in rendering if "FROM comments" in s or "GROUP BY votes.importance" in s]


def test_a_web_vote_is_five_statements(client, session, count_queries):
    """The vote's hot path: the person with their tier, the idea with its board and the board's ranking
    weights, then the vote (weighed as it is written), the idea's counters and priority in one UPDATE,
    and the event. Nothing is read again to answer."""
    idea, user = _setup(session)
    idea_id = idea.id
    client.sign_in(user)
    token = client.csrf_token()
    with count_queries() as statements:
        response = client.post(f"/i/{idea_id}/vote", headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 200
    statements = [s for s in statements if not s.startswith(("ROLLBACK", "COMMIT"))]  # SQLite's turn
    shapes = [
        " ".join(s.split()[:2]) + (" …reward_accounts" if "reward_accounts" in s else "") for s in statements
    ]
    assert shapes == [
        "SELECT users.id, …reward_accounts",
        "SELECT ideas.id,",
        "INSERT INTO",
        "UPDATE ideas",
        "INSERT INTO",
    ], statements
    assert "ranking_weights" in statements[1] and "boards" in statements[1]
    assert "votes" in statements[2] and "priority" in statements[3] and "event_log" in statements[4]
    session.commit()
    stored = session.scalars(select(Vote).where(Vote.idea_id == idea_id)).one()
    assert stored.weight > 0
    assert session.get(type(idea), idea_id).priority == stored.weight


def test_a_web_vote_reads_before_it_takes_sqlites_write_lock(app, client, session, database_url):
    """The vote's reads (person, tier, idea) run outside any transaction; the writer's turn and BEGIN
    IMMEDIATE come right before the first write, and a withdrawal does the same."""
    import pytest
    from sqlalchemy import event

    from cocreate.extensions import db

    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite transaction modes")
    idea, user = _setup(session)
    idea_id = idea.id
    client.sign_in(user)
    token = client.csrf_token()
    headers = {"HX-Request": "true", "X-CSRFToken": token}
    for action in ("vote", "unvote"):
        seen: list[str] = []
        engine = db.engine

        def record(conn, cursor, statement, *_, seen=seen):
            seen.append(statement.split()[0] + (" IMMEDIATE" if "IMMEDIATE" in statement else ""))

        event.listen(engine, "before_cursor_execute", record)
        try:
            assert client.post(f"/i/{idea_id}/{action}", headers=headers).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", record)
        upgrade = seen.index("BEGIN IMMEDIATE")
        assert set(seen[:upgrade]) == {"SELECT"}, seen  # no BEGIN (and no ROLLBACK) before the writer's
        first_write = "INSERT" if action == "vote" else "DELETE"
        assert first_write not in seen[:upgrade] and first_write in seen[upgrade:]
    session.rollback()
    assert session.scalar(select(func.count(Vote.id))) == 0


def _vote_connections(app, client, idea_ids, action="vote"):
    """Each web vote's DB-API connection (the one its INSERT or DELETE ran on), and the pool's count of
    connections checked out while it ran."""
    from sqlalchemy import event

    from cocreate.extensions import db

    with app.app_context():
        engine = db.engine
    seen, out = [], []

    def record(conn, cursor, statement, *_):
        if statement.startswith(("INSERT INTO votes", "DELETE FROM votes")):
            seen.append((conn.connection.dbapi_connection, engine.pool.checkedout()))

    headers = {"HX-Request": "true", "X-CSRFToken": client.csrf_token()}
    event.listen(engine, "before_cursor_execute", record)
    try:
        for idea_id in idea_ids:
            answer = client.post(f"/i/{idea_id}/{action}", headers=headers)
            assert answer.status_code == 200, answer.get_data(as_text=True)
            out.append(seen.pop())
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return out


def test_votes_run_on_a_connection_their_thread_keeps(app, client, session, database_url):
    """A vote's session works on its thread's kept connection (a SQLite file, PostgreSQL), outside the
    pool (no connection checked out while it writes), the same from one vote to the next; another thread
    has its own."""
    import threading

    from cocreate.extensions import db

    ids, user = _three_ideas_and_a_voter(session, client)
    with app.app_context():
        checked_out = db.engine.pool.checkedout()
    mine = _vote_connections(app, client, ids[:2])
    theirs = []
    thread = threading.Thread(target=lambda: theirs.extend(_vote_connections(app, client, ids[2:])))
    thread.start()
    thread.join()
    assert mine[0][0] is mine[1][0] and theirs[0][0] is not mine[0][0]
    assert {n for _, n in mine + theirs} == {checked_out}
    session.rollback()  # the test's own snapshot began before the votes
    assert session.scalar(select(func.count(Vote.id)).where(Vote.user_id == user.id)) == 3


def test_a_kept_connection_left_in_a_transaction_is_rolled_back_before_the_next_vote(
    app, client, session, database_url
):
    """Whatever left the thread's kept connection inside a transaction (here a row written and never
    committed), the next vote begins, commits and ends its own: the vote is stored, the stray row is not;
    and a refused vote (409) leaves no transaction open behind it."""
    from sqlalchemy import text

    from cocreate.extensions import db
    from cocreate.kept_writes import _kept_writer

    idea, user = _setup(session)
    idea_id = idea.id
    client.sign_in(user)
    with app.app_context():
        kept = _kept_writer(db.engine)
    kept.begin()
    kept.execute(text("UPDATE ideas SET title = 'never committed' WHERE id = :id"), {"id": idea_id})
    assert kept.in_transaction()
    _vote_connections(app, client, [idea_id])
    assert not kept.in_transaction()
    session.rollback()
    assert session.get(type(idea), idea_id).title != "never committed"
    assert session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea_id)) == 1
    refused = client.post_form(f"/i/{idea_id}/vote", htmx=True)
    assert refused.status_code == 409 and not kept.in_transaction()
    _vote_connections(app, client, [idea_id], action="unvote")
    session.rollback()
    assert session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea_id)) == 0


def test_a_kept_postgresql_connection_that_the_server_ended_is_replaced_before_the_next_vote(
    app, client, session, database_url
):
    """No ping before a vote on PostgreSQL: a kept connection whose server ended it (a restart, an
    administrator) has its farewell waiting on its socket, so the next vote takes a new connection and is
    stored, with no error for the person. One left in the middle of a statement (psycopg's state when it
    found the socket closed first) is replaced as well."""
    import pytest
    from psycopg.pq import TransactionStatus
    from sqlalchemy import text

    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's server ends connections")
    ids, user = _three_ideas_and_a_voter(session, client)
    ((first, _),) = _vote_connections(app, client, ids[:1])
    pid = first.info.backend_pid
    # Waits (up to 5 s) until the backend has gone, so its farewell is on the socket.
    assert session.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid}).scalar()
    session.commit()
    ((second, _),) = _vote_connections(app, client, ids[1:2])
    assert second is not first and second.info.backend_pid != pid and first.closed

    # A statement sent whose answer was never read: nothing more can be sent on that connection.
    second.pgconn.send_query(b"SELECT 1")
    assert second.pgconn.transaction_status == TransactionStatus.ACTIVE
    ((third, _),) = _vote_connections(app, client, ids[2:])
    assert third is not second and second.closed
    session.rollback()
    assert session.scalar(select(func.count(Vote.id)).where(Vote.user_id == user.id)) == 3


def test_a_thread_that_voted_leaves_no_file_open_behind_it(app, client, session, database_url):
    """A thread's kept connection holds the writers' turn file open; when the thread ends, the file is
    closed with it."""
    import contextlib
    import gc
    import os
    import threading

    import pytest

    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's writers' turn file")
    ids, user = _three_ideas_and_a_voter(session, client)
    _vote_connections(app, client, ids[:1])  # this thread's own, made before counting

    def open_files() -> int:
        """Descriptors of the turn file. (SQLite itself keeps a closed connection's descriptor of the
        database file for reuse while another connection of the process holds a lock on it.)"""
        gc.collect()
        gc.collect()  # connections of earlier tests' threads may take two passes
        names = []
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(FileNotFoundError):  # listdir's own descriptor, closed by now
                names.append(os.readlink(f"/proc/self/fd/{fd}"))
        return sum(name.endswith("-writers") for name in names)

    before = open_files()
    for idea_id in ids[1:]:
        thread = threading.Thread(target=_vote_connections, args=(app, client, [idea_id]))
        thread.start()
        thread.join()
    assert open_files() <= before  # (earlier tests' threads may let theirs go meanwhile)


def test_a_budgeted_board_says_how_many_votes_are_left_and_which_ideas_hold_them(client, session):
    from tests.factories import BoardFactory, IdeaFactory, UserFactory

    board = BoardFactory(slug="kit", vote_budget=2)
    ideas = [IdeaFactory(board=board, title=f"Kit idea {n}") for n in range(3)]
    hidden = IdeaFactory(board=board, title="Flagged away", moderation_state="hidden")
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    assert "<strong>2 of 2</strong> votes left on this board" in client.get("/b/kit").get_data(as_text=True)
    first = client.post_form(f"/i/{ideas[0].id}/vote", htmx=True).get_data(as_text=True)
    assert 'id="votes-left" hx-swap-oob="true"><strong>1 of 2</strong> votes left' in first
    client.post_form(f"/i/{ideas[1].id}/vote", htmx=True)
    refused = client.post_form(f"/i/{ideas[2].id}/vote", htmx=True)
    message = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "“Kit idea 1”; “Kit idea 0”" in message
    assert "<strong>0 of 2</strong>" in client.get("/b/kit").get_data(as_text=True)
    withdrawn = client.post_form(f"/i/{ideas[0].id}/unvote", htmx=True).get_data(as_text=True)
    assert "<strong>1 of 2</strong> votes left" in withdrawn
    assert client.post_form(f"/i/{ideas[2].id}/vote", htmx=True).status_code == 200
    assert hidden.id  # a vote held on a hidden idea would not count: see open_votes_on_board
