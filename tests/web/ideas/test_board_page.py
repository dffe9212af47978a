"""The board page: fixed SQL statement count, htmx fragments, pagination, bad parameters."""

import re

from cocreate.ideas.services import do_vote
from cocreate.kept_reads import VERSION_SQL
from tests.factories import BoardFactory, IdeaFactory, TagFactory, UserFactory


def _board_with_ideas(session, n=60):
    board = BoardFactory(slug="app")
    tags = [TagFactory(board=board, slug=f"t{i}") for i in range(3)]
    voter = UserFactory()
    for i in range(n):
        idea = IdeaFactory(board=board, author=UserFactory())
        idea.tags = tags[: i % 3]
        if i % 2:
            do_vote(session, actor=voter, idea=idea)
    session.commit()
    return board, voter


def test_statement_count_does_not_grow_with_page_size(app, client, session, count_queries):
    _board_with_ideas(session)
    client.get("/b/app")  # this worker keeps the board from now on (ideas/board_versions.py)
    counts = {}
    for size in (5, 50):
        app.config["BOARD_PAGE_SIZE"] = size
        with count_queries() as statements:
            response = client.get("/b/app?sort=top")
        assert response.status_code == 200
        assert len(re.findall(r'class="idea-row"', response.get_data(as_text=True))) == size
        counts[size] = len(statements)
    app.config["BOARD_PAGE_SIZE"] = 20
    assert counts[5] == counts[50] == 2, counts  # the page, with the board's version; the brand


def test_statement_count_signed_in_is_fixed_too(app, client, session, count_queries):
    _, voter = _board_with_ideas(session)
    client.sign_in(voter)
    client.get("/b/app")
    counts = []
    for size in (5, 50):
        app.config["BOARD_PAGE_SIZE"] = size
        with count_queries() as statements:
            html = client.get("/b/app").get_data(as_text=True)
        counts.append(len(statements))
        assert 'class="vote-box voted"' in html
    app.config["BOARD_PAGE_SIZE"] = 20
    assert counts[0] == counts[1] == 3, counts  # the person, the page, the brand


def _recorded_statements(engine):
    """Context manager: the statements sent on `engine`, each as its verb and first table (a PRAGMA or a read
    unit's version question as it is)."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def recording():
        seen = []

        def record(conn, cursor, statement, *_):
            if statement.startswith("PRAGMA") or statement in VERSION_SQL.values():
                seen.append(statement)
            else:
                seen.append(statement.split()[0] + " " + statement.rsplit("\nFROM ", 1)[-1].split()[0])

        event.listen(engine, "before_cursor_execute", record)
        try:
            yield seen
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return recording()


def test_a_signed_in_board_page_is_three_prepared_reads_on_a_connection_of_its_own(
    app, client, session, is_postgres, monkeypatch
):
    """The board, the person with their tier and the bell's count, the page with its tags and votes: read
    through cocreate/prepared.py on a connection the page has for itself (no transaction of the ORM
    session, no BEGIN): the thread's own, outside the pool. What it read is kept until the database changes
    (SQLite's PRAGMA data_version, PostgreSQL's pg_current_snapshot()), so a page nothing changed since is
    that one statement."""
    from cocreate.extensions import db

    monkeypatch.setitem(app.config, "MEMO_CHECK", False)  # as in production: kept results are served
    board, voter = _board_with_ideas(session, n=5)
    client.sign_in(voter)
    with app.app_context():
        engine = db.engine
    before = engine.pool.checkedout()
    pages = []
    with _recorded_statements(engine) as seen:
        for _ in range(2):
            assert client.get("/b/app").status_code == 200
            pages.append(list(seen))
            seen.clear()
    version = "SELECT pg_current_snapshot()::text" if is_postgres else "PRAGMA data_version"
    first = [version, "SELECT boards", "SELECT users", "SELECT ideas", "SELECT site_settings"]
    assert pages == [first, [version]], pages  # the brand is kept with the page's reads
    assert engine.pool.checkedout() == before


def test_a_change_by_any_other_connection_is_on_the_next_page(app, client, session, monkeypatch):
    """Kept results last only while the database is the same: another member's vote, committed by another
    connection, is on the very next page, and so is the signed-in person's own new username."""
    from sqlalchemy import text

    from cocreate.extensions import db

    monkeypatch.setitem(app.config, "MEMO_CHECK", False)
    board = BoardFactory(slug="app")
    idea = IdeaFactory(board=board, title="Offline maps")
    member, other = UserFactory(username="mia"), UserFactory()
    session.commit()
    client.sign_in(member)

    def count_and_menu():
        html = client.get("/b/app").get_data(as_text=True)
        return re.search(r'data-testid="vote-count">(\d+)<', html)[1], "@mia_rossi" in html

    assert count_and_menu() == ("0", False)
    assert count_and_menu() == ("0", False)  # served from what was kept
    do_vote(session, actor=other, idea=idea)
    session.commit()
    assert count_and_menu() == ("1", False)
    with app.app_context():
        engine = db.engine
    with engine.begin() as conn:  # a plain UPDATE on another connection, as a script or the CLI would send
        conn.execute(text("UPDATE users SET username = 'mia_rossi' WHERE id = :id"), {"id": member.id})
    assert count_and_menu() == ("1", True)


def test_a_row_names_its_tags_even_one_of_another_board(client, session, count_queries):
    """Rows name their tags from the board's own, which come with the board; a tag of another board (the
    forms never give one, a script might) is read from the table, in one more statement for the page."""
    board, elsewhere = BoardFactory(slug="app"), BoardFactory(slug="shop")
    maps, stray = TagFactory(board=board, name="Maps"), TagFactory(board=elsewhere, name="Checkout")
    IdeaFactory(board=board, title="Own tag only").tags = [maps]
    IdeaFactory(board=board, title="With a stray tag").tags = [maps, stray]
    session.commit()
    client.get("/b/app")  # the board is kept from now on
    with count_queries() as statements:
        html = client.get("/b/app?sort=new").get_data(as_text=True)
    chunks = html.split('<li class="idea-row">')[1:]
    rows = {re.search(r'class="idea-title"><a href="[^"]+">([^<]+)</a>', c)[1]: c for c in chunks}
    assert set(rows) == {"Own tag only", "With a stray tag"}, rows
    assert "Maps" in rows["Own tag only"] and "Checkout" not in rows["Own tag only"]
    assert "Maps" in rows["With a stray tag"] and "Checkout" in rows["With a stray tag"]
    assert len(statements) == 3  # the page, then the stray tag's name; the brand


def test_htmx_filter_returns_the_list_fragment_and_more_returns_rows(client, session):
    _board_with_ideas(session)
    html = client.get("/b/app?sort=new", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert html.lstrip().startswith('<section id="idea-list"') and "<html" not in html
    cursor = re.search(r"cursor=([A-Za-z0-9_-]+)", html).group(1)
    more = client.get(f"/b/app?sort=new&cursor={cursor}", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert more.lstrip().startswith('<li class="idea-row"')
    full = client.get(f"/b/app?sort=new&cursor={cursor}").get_data(as_text=True)
    assert "<html" in full
    restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/b/app?sort=new", headers=restore).get_data(as_text=True)


def test_bad_board_parameters_are_400_not_500(client, session):
    _board_with_ideas(session, n=3)
    for query in ("sort=sideways", "status=done", "tag=nope", "cursor=!!!", "cursor=" + "A" * 500):
        response = client.get(f"/b/app?{query}")
        assert response.status_code == 400, query
    assert client.get("/b/missing").status_code == 404
