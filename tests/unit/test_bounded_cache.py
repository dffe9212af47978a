"""Every per-worker cache is bounded in bytes, not in entries: a worker's memo once grew past 400 MB in five
minutes of ordinary use (whole board pages kept under keys that every vote changes). Each cache is filled
here with far more than its budget, through the code that fills it, and must hold no more than its budget,
as deep_size counts what it keeps."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from cocreate.bounded_cache import ByteBoundedLRU, deep_size
from cocreate.ideas.board_reads import IdeaSummary
from cocreate.web import anonymous_cache, fragments, signatures
from tests.factories import BoardFactory, IdeaFactory, UserFactory


def _held(cache: ByteBoundedLRU) -> int:
    """What the cache holds, counted afresh from its entries."""
    return sum(deep_size(key, cache.get(key)) for key in cache.key_list())


def test_deep_size_counts_what_a_key_holds():
    when = datetime(2026, 12, 7, tzinfo=UTC)
    row = IdeaSummary(1, "A title " * 50, "An excerpt " * 50, "open", 3, 1, when, 1.0, 2.0, "Ana")
    assert deep_size(("board-row", row)) > deep_size("A title " * 50) + deep_size("An excerpt " * 50)
    nested = (row, [row, {"k": row}])
    assert deep_size(nested) < 2 * deep_size(row)  # one object counted once within a call


def test_the_map_keeps_its_budget_drops_the_oldest_and_refuses_what_never_fits():
    cache = ByteBoundedLRU(100_000)
    for i in range(500):
        cache.put(("page", i), "x" * 2_000)
        assert cache.used <= cache.budget
    assert _held(cache) == cache.used <= 100_000
    assert ("page", 499) in cache and ("page", 0) not in cache
    cache.get(("page", len(cache) and cache.key_list()[0][1]))  # the oldest, used again, stays a while
    oldest = cache.key_list()[-1]
    cache.put(("page", 1_000), "y" * 2_000)
    assert oldest in cache
    assert cache.put("huge", "z" * 200_000) is False and "huge" not in cache
    cache.put(("page", 499), "short")  # replaced: its size is counted anew
    assert _held(cache) == cache.used


def test_the_map_holds_its_budget_under_threads():
    cache = ByteBoundedLRU(50_000)

    def fill(n):
        for i in range(400):
            cache.put((n, i), "v" * (100 + i))
            cache.get((n, i - 1))

    threads = [threading.Thread(target=fill, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.used == _held(cache) <= 50_000


def test_memoised_fragments_stay_within_their_budget(app, session, client, monkeypatch):
    """Signed-in board pages for many people and many states of the rows: the whole-page entries, which
    grew without bound, are held to the budget."""
    small = ByteBoundedLRU(400_000)
    monkeypatch.setattr(fragments, "_entries", small)
    board = BoardFactory(slug="gear")
    ideas = [IdeaFactory(board=board) for _ in range(5)]
    people = UserFactory.create_batch(6)
    session.commit()
    for person in people:
        member = app.test_client()
        member.sign_in(person)
        for idea in ideas:
            member.post_form(f"/i/{idea.id}/vote")  # every vote makes new keys for the rows and the page
            for sort in ("hot", "new", "top"):
                assert member.get(f"/b/gear?sort={sort}").status_code == 200
    assert fragments.size("board-page") > 0
    assert small.used == _held(small) <= 400_000
    assert fragments.BUDGET == 32 * 1024 * 1024


def test_the_anonymous_page_cache_stays_within_its_budget(app, session, monkeypatch):
    small = ByteBoundedLRU(300_000)
    monkeypatch.setattr(anonymous_cache, "_entries", small)
    monkeypatch.setitem(app.config, "ANON_CACHE_SECONDS", 60)
    BoardFactory(slug="gear")
    session.commit()
    visitor = app.test_client()
    for n in range(60):  # a page per address: the query string makes each one new
        assert visitor.get(f"/b/gear?page-view={n}").headers["X-Anonymous-Cache"] == "miss"
    assert 0 < len(small) < 60
    assert small.used == _held(small) <= 300_000
    assert anonymous_cache.BUDGET == 16 * 1024 * 1024


def test_remembered_cookies_and_tokens_stay_within_their_budget(app, session, monkeypatch):
    interface = app.session_interface
    small = ByteBoundedLRU(60_000)
    monkeypatch.setattr(interface, "opened", small)
    serializer = interface.get_signing_serializer(app)
    visitor = app.test_client()
    for n in range(120):  # valid cookies, each new and large
        cookie = serializer.dumps({"n": n, "filler": "f" * 1_500})
        visitor.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
        assert visitor.get("/healthz").status_code == 200
    assert 0 < len(small) < 120
    assert small.used == _held(small) <= 60_000
    assert signatures.BUDGET == 4 * 1024 * 1024


def test_kept_read_results_stay_within_their_budget():
    from cocreate.kept_reads import KEPT_BYTES, _Reader, through

    reader = _Reader(connection=None, kept=True)
    reader.results = ByteBoundedLRU(200_000)
    for n in range(300):  # a database that never changes, read with ever new parameters
        rows = [(i, f"title {n} {i}" * 10, 1.5) for i in range(20)]
        assert through(reader, ("page", n), lambda rows=rows: rows, lambda _: True) == rows
    assert reader.results.used == _held(reader.results) <= 200_000
    assert KEPT_BYTES == 8 * 1024 * 1024


def test_stems_are_kept_only_for_short_words_and_only_so_many():
    from cocreate.search import highlight

    highlight._kept_stem.cache_clear()
    for n in range(highlight.STEMS_KEPT + 5_000):
        highlight._stem(f"word{n}")
    highlight._stem("x" * 5_000)
    info = highlight._kept_stem.cache_info()
    assert info.currsize == highlight.STEMS_KEPT
    longest = deep_size("w" * highlight.KEPT_WORD_CHARS) * 2 + 100  # key, stem, the cache's own link
    assert info.currsize * longest < 8 * 1024 * 1024
    highlight._kept_stem.cache_clear()


@pytest.mark.parametrize("budget", [0, 10])
def test_a_cache_too_small_for_anything_keeps_nothing(budget):
    cache = ByteBoundedLRU(budget)
    assert cache.put("k", "v") is False and len(cache) == 0 and cache.used == 0
