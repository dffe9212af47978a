"""The search page over HTTP and htmx, and "similar ideas" for a draft title."""

import multiprocessing
from datetime import timedelta

from cocreate.db import utcnow
from cocreate.ideas.services import do_create_idea
from cocreate.reviews.services import do_write_review
from cocreate.search.whoosh_backend import WhooshBackend
from tests.factories import BoardFactory, ProductFactory, UserFactory

OLD = utcnow() - timedelta(days=30)


def _content(session):
    member = UserFactory(created_at=OLD)
    board = BoardFactory(slug="app", name="Mobile app")
    secret = BoardFactory(slug="lab", name="Lab", is_private=True, allowed_roles="product")
    idea = do_create_idea(
        session, actor=member, board=board, title="Offline maps for hiking", body="Trail <b>maps</b>"
    )
    hidden = do_create_idea(
        session, actor=UserFactory(role="admin"), board=secret, title="Offline secret maps"
    )
    review = do_write_review(
        session, actor=member, product=ProductFactory(slug="tent"), rating=4, title="Good for hiking"
    )
    session.commit()
    return idea, hidden, review


def test_search_page_full_and_fragment(client, session):
    idea, hidden, review = _content(session)
    page = client.get("/search")
    assert page.status_code == 200 and 'role="search"' in page.get_data(as_text=True)
    html = client.get("/search?q=hiking").get_data(as_text=True)
    assert "2 results" in html and f"/i/{idea.id}" in html and f"/p/tent#review-{review.id}" in html
    assert "<mark>hiking</mark>" in html.lower() or "<mark>Hiking</mark>" in html
    assert "<b>maps</b>" not in html  # user text is escaped inside snippets
    fragment = client.get("/search?q=offline", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert (
        fragment.lstrip().startswith('<section id="search-results"') and "Offline secret maps" not in fragment
    )
    staff = UserFactory(role="product")
    session.commit()
    client.sign_in(staff)
    assert f"/i/{hidden.id}" in client.get("/search?q=offline").get_data(as_text=True)
    only_reviews = client.get("/search?q=hiking&kind=review").get_data(as_text=True)
    assert "1 result " in only_reviews or "1 result for" in only_reviews
    # Unknown filters are ignored, odd syntax and huge input never fail.
    for query in (
        "q=hiking&kind=poll",
        "q=hiking&board=nope&status=zz&sentiment=angry",
        'q="unclosed',
        "q=*:*",
        "q=" + "x" * 3000,
        "q=hiking&page=abc",
        "q=hiking&page=-4",
        "q=%01%1f",
    ):
        assert client.get(f"/search?{query}").status_code == 200, query
    assert client.get("/search?q=%00%01").status_code == 400  # no NUL in any query string
    typo = client.get("/search?q=hikng").get_data(as_text=True)
    assert "Did you mean" in typo and "hiking" in typo


def test_similar_ideas_for_a_draft(client, session):
    idea, hidden, review = _content(session)
    fragment = client.get("/b/app/similar?title=offline%20maps", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert "Similar ideas" in fragment and f"/i/{idea.id}" in fragment and "secret" not in fragment
    assert "Similar ideas" not in client.get("/b/app/similar?title=zz").get_data(as_text=True)
    assert client.get("/b/lab/similar?title=offline").status_code == 404  # a private board stays hidden
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    form = client.get("/b/app/new").get_data(as_text=True)
    assert 'hx-get="/b/app/similar"' in form and 'id="similar-ideas"' in form


def _writer(directory, start, count, barrier):
    from cocreate.search.documents import Document

    backend = WhooshBackend(directory)
    barrier.wait()
    for n in range(start, start + count):
        backend.index(
            [
                Document(
                    key=f"idea:{n}",
                    kind="idea",
                    object_id=n,
                    title=f"Concurrent idea {n}",
                    body="two workers",
                    tags="",
                    place="Board",
                    board_id=1,
                    product_id=None,
                    status="open",
                    sentiment="neutral",
                    created_at=utcnow(),
                )
            ]
        )


def test_two_processes_write_the_whoosh_index_without_corrupting_it(tmp_path):
    """Two gunicorn workers saving at the same time: Whoosh's file lock serialises them, nothing is lost."""
    directory = tmp_path / "shared"
    WhooshBackend(directory).clear()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [context.Process(target=_writer, args=(directory, start, 40, barrier)) for start in (0, 1000)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0, 0]
    reader = WhooshBackend(directory)
    assert reader.ready()
    from cocreate.search.backend import SearchQuery

    assert reader.search(SearchQuery(text="concurrent", per_page=100)).total == 80
