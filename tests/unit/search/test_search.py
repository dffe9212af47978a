"""Both search backends pass the same tests: indexing after commit only, visibility, filters, highlighting,
"did you mean", similar ideas, hostile query syntax, rebuilds and a corrupt Whoosh index."""

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cocreate.db import utcnow
from cocreate.extensions import db
from cocreate.ideas.services import do_create_idea
from cocreate.moderation.services import do_flag, do_moderate
from cocreate.reviews.services import do_submit_ugc, do_write_review
from cocreate.search import service
from cocreate.search.backend import SearchQuery
from cocreate.search.models import SearchBacklog
from cocreate.search.whoosh_backend import WhooshBackend
from tests.factories import BoardFactory, ProductFactory, UserFactory

OLD = utcnow() - timedelta(days=30)
HOSTILE = [
    '"',
    '"unclosed phrase',
    "title:tent",
    "status:open AND",
    "*",
    "te*",
    "((",
    "a:b:c",
    "-",
    "OR",
    "~2",
    "NOT",
    "\\",
    "^",
    "[x TO y]",
    "'; DROP TABLE ideas; --",
    "\u2205",
    "é ü 日本",
]


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request, app, tmp_path):
    """Each backend in turn as the app's backend (PostgreSQL only on the PostgreSQL pass)."""
    if request.param == "postgresql":
        with app.app_context():
            if db.engine.dialect.name != "postgresql":
                pytest.skip("the PostgreSQL backend needs PostgreSQL")
            from cocreate.search.pg_backend import PostgresBackend

            chosen = PostgresBackend(db.engine)
    else:
        chosen = WhooshBackend(tmp_path / "whoosh")
    previous = app.extensions.get("cocreate.search")
    app.extensions["cocreate.search"] = chosen
    chosen.clear()
    yield chosen
    chosen.clear()
    if previous is None:
        app.extensions.pop("cocreate.search", None)
    else:
        app.extensions["cocreate.search"] = previous


def _world(session, tmp_path):
    member = UserFactory(created_at=OLD)
    app_board = BoardFactory(slug="app", name="Mobile app")
    secret = BoardFactory(slug="secret", name="Secret lab", is_private=True, allowed_roles="product")
    tent = ProductFactory(slug="tent", name="Ridge tent")
    ideas = {
        "maps": do_create_idea(
            session,
            actor=member,
            board=app_board,
            title="Offline maps for hiking",
            body="Download trail maps before the trip",
        ),
        "dark": do_create_idea(
            session, actor=member, board=app_board, title="Dark mode", body="Easier on the eyes at night"
        ),
        "secret": do_create_idea(
            session,
            actor=UserFactory(role="admin"),
            board=secret,
            title="Secret offline prototype",
            body="maps",
        ),
    }
    review = do_write_review(
        session,
        actor=UserFactory(created_at=OLD),
        product=tent,
        rating=5,
        title="Great tent for hiking",
        body="Stayed dry in a storm <script>alert(1)</script>",
    )
    story = do_submit_ugc(
        session,
        actor=member,
        product=tent,
        title="Hiking the ridge",
        story="Our hiking story",
        uploads=tmp_path,
    )
    session.commit()
    return member, app_board, secret, ideas, review, story


def test_search_finds_what_is_public_and_committed(session, search_backend, tmp_path):
    member, app_board, secret, ideas, review, story = _world(session, tmp_path)
    results = service.search(session, None, "hiking")
    keys = {h.key for h in results.hits}
    assert keys == {f"idea:{ideas['maps'].id}", f"review:{review.id}"}  # the story is not approved yet
    assert results.total == 2
    maps_hit = next(h for h in results.hits if h.kind == "idea")
    assert (
        "<mark>" in str(maps_hit.title)
        and maps_hit.place == "Mobile app"
        and maps_hit.board_id == app_board.id
    )
    review_hit = next(h for h in results.hits if h.kind == "review")
    assert "<script>" not in str(review_hit.snippet)  # escaped; only <mark> is HTML
    # Private boards: only those who may see them find their ideas.
    assert not any(h.board_id == secret.id for h in service.search(session, None, "offline").hits)
    staff = UserFactory(role="product")
    session.commit()
    assert any(h.board_id == secret.id for h in service.search(session, staff, "offline").hits)
    # Approving the story makes it findable; hiding an idea by flags removes it (a Core UPDATE).
    do_moderate(session, actor=UserFactory(role="moderator"), obj=story, action="approve")
    session.commit()
    assert f"ugc:{story.id}" in {h.key for h in service.search(session, None, "hiking").hits}
    for person in [UserFactory() for _ in range(3)]:
        do_flag(session, actor=person, obj=ideas["maps"], reason="spam", threshold=3)
    session.commit()
    assert f"idea:{ideas['maps'].id}" not in {h.key for h in service.search(session, None, "hiking").hits}


def test_each_role_finds_ideas_on_exactly_the_boards_it_may_see(session, search_backend):
    """The PostgreSQL backend checks board access inside its statement: it must agree with
    ideas.access.can_view_board (which the Whoosh backend is given the answer of) for every role."""
    from cocreate.ideas.access import can_view_board

    author = UserFactory(role="admin", created_at=OLD)
    boards = [
        BoardFactory(slug="open", name="Open"),
        BoardFactory(slug="prod", name="Prod", is_private=True, allowed_roles="product"),
        BoardFactory(slug="staff", name="Staff", is_private=True, allowed_roles="moderator,product"),
        BoardFactory(slug="members", name="Members", is_private=True, allowed_roles="member"),
        BoardFactory(slug="nearly", name="Nearly", is_private=True, allowed_roles="membership,moderators"),
        BoardFactory(slug="admins", name="Admins", is_private=True, allowed_roles=""),
    ]
    for board in boards:
        do_create_idea(session, actor=author, board=board, title=f"Lantern idea on {board.name}")
    viewers = [None] + [UserFactory(role=role) for role in ("member", "moderator", "product", "admin")]
    session.commit()
    for viewer in viewers:
        found = {h.board_id for h in service.search(session, viewer, "lantern").hits}
        assert found == {b.id for b in boards if can_view_board(b, viewer)}, viewer and viewer.role


def test_uncommitted_and_rolled_back_writes_are_never_indexed(session, search_backend):
    member, board = UserFactory(created_at=OLD), BoardFactory()
    session.commit()
    do_create_idea(session, actor=member, board=board, title="Solar charger support")
    assert service.search(session, None, "solar").total == 0  # flushed, not committed
    session.rollback()
    assert service.search(session, None, "solar").total == 0
    do_create_idea(session, actor=member, board=board, title="Solar charger support")
    session.commit()
    assert service.search(session, None, "solar").total == 1


def test_filters_pages_and_suggestions(session, search_backend, tmp_path):
    member, app_board, secret, ideas, review, story = _world(session, tmp_path)
    for n in range(12):
        do_create_idea(
            session, actor=member, board=app_board, title=f"Trail feature number {n}", body="trail"
        )
    session.commit()
    first = service.search(session, None, "trail", kinds=("idea",))
    second = service.search(session, None, "trail", kinds=("idea",), page=2)
    assert first.total == second.total == 13 and len(first.hits) == 10 and len(second.hits) == 3
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}
    assert service.search(session, None, "trail", page=99).hits == []
    assert {h.kind for h in service.search(session, None, "hiking", kinds=("review",)).hits} == {"review"}
    assert service.search(session, None, "hiking", board_id=app_board.id).total == 1
    assert service.search(session, None, "trail", status="shipped").total == 0
    assert {h.sentiment for h in service.search(session, None, "tent", sentiment="positive").hits} == {
        "positive"
    }
    assert service.search(session, None, "", kinds=("review",)).total == 1  # filters alone list everything
    assert service.search(session, None, '"offline maps"').total >= 1  # a phrase (all its words, on Whoosh)
    typo = service.search(session, None, "hikin tnet")
    assert typo.suggestion and "tent" in typo.suggestion


def test_hostile_query_syntax_never_raises(session, search_backend, tmp_path):
    _world(session, tmp_path)
    for text in HOSTILE:
        results = service.search(session, None, text)
        assert results.total >= 0
    assert service.search(session, None, "x" * 5_000).total == 0  # bounded, not an error


def test_similar_ideas_while_typing(session, search_backend, tmp_path):
    member, app_board, secret, ideas, review, story = _world(session, tmp_path)
    hits = service.similar_ideas("Offline maps please", app_board.id)
    assert hits and hits[0].key == f"idea:{ideas['maps'].id}"
    assert all(h.board_id == app_board.id for h in hits)  # not the private board's "offline" idea
    assert service.similar_ideas("the a", app_board.id) == []


def test_reindex_rebuilds_everything(app, session, search_backend, tmp_path):
    _world(session, tmp_path)
    search_backend.clear()
    assert service.search(session, None, "hiking").total == 0
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 4 documents" in result.output  # 3 ideas, 1 review (the story is pending)
    assert service.search(session, None, "hiking").total == 2


def test_a_missing_or_corrupt_whoosh_index_is_rebuilt(app, session, tmp_path):
    backend = WhooshBackend(tmp_path / "ix")
    app.extensions["cocreate.search"] = backend
    try:
        _world(session, tmp_path)
        assert service.search(session, None, "hiking").total == 2
        for path in Path(backend.directory).iterdir():  # damage every file of the index
            path.write_bytes(b"garbage")
        backend.reset()
        assert service.search(session, None, "hiking").total == 2  # rebuilt from the database, no error
        import shutil

        shutil.rmtree(backend.directory)
        backend.reset()
        assert service.search(session, None, "hiking").total == 2
    finally:
        app.extensions.pop("cocreate.search", None)


def test_a_failed_index_write_keeps_the_contribution(app, session, tmp_path):
    class Broken(WhooshBackend):
        def index(self, documents):
            raise OSError("disk full")

    app.extensions["cocreate.search"] = Broken(tmp_path / "broken")
    try:
        member, board = UserFactory(created_at=OLD), BoardFactory()
        session.commit()
        idea = do_create_idea(session, actor=member, board=board, title="Saved even if search is down")
        session.commit()  # no exception reaches the request
        assert idea.id and session.scalar(select(func.count(SearchBacklog.id))) == 1
    finally:
        app.extensions.pop("cocreate.search", None)


def test_query_shape_defaults():
    query = SearchQuery(text="x", page=3, per_page=10)
    assert query.offset == 20


def test_bulk_documents_match_the_per_object_documents(session, tmp_path):
    """The reindex reads plain rows; what it builds must equal what the after-commit path builds."""
    from cocreate.ideas.models import Tag
    from cocreate.search.documents import all_documents, load_documents

    member, app_board, secret, ideas, review, story = _world(session, tmp_path)
    ideas["maps"].tags = [
        Tag(board_id=app_board.id, slug="maps", name="Maps"),
        Tag(board_id=app_board.id, slug="gps", name="GPS"),
    ]
    do_moderate(session, actor=UserFactory(role="moderator"), obj=story, action="approve")
    session.commit()
    bulk = {d.key: d for batch in all_documents(session, batch=2) for d in batch}
    single = {}
    for kind, ids in (("idea", [i.id for i in ideas.values()]), ("review", [review.id]), ("ugc", [story.id])):
        single.update({f"{kind}:{i}": d for i, d in load_documents(session, kind, ids).items()})
    assert bulk == single and bulk[f"idea:{ideas['maps'].id}"].tags == "GPS Maps"


def test_postgresql_searches_are_planned_for_their_words_every_time(session, search_backend, tmp_path):
    """psycopg prepares a statement on its fifth use, and PostgreSQL may then pick a generic plan that ranks
    every match twice as slowly: searches never run as server-side prepared statements, on the request's
    connection (left as it was) or on one of the backend's own."""
    if search_backend.name != "postgresql":
        pytest.skip("a PostgreSQL planning matter")
    _world(session, tmp_path)
    driver = session.connection().connection.driver_connection
    before = driver.prepare_threshold
    for _ in range(8):
        assert service.search(session, None, "hiking").total == 2
        assert search_backend.search(SearchQuery(text="hiking")).total == 2
    assert driver.prepare_threshold == before
    prepared = session.execute(
        select(func.count())
        .select_from(db.text("pg_prepared_statements"))
        .where(db.text("statement LIKE '%ts_rank%'"))
    ).scalar_one()
    assert prepared == 0
