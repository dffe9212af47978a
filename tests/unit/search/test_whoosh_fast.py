"""The fast path for "all of these words" must rank and count exactly as Whoosh's own matcher does: same
documents in the same order, same total, with filters, private boards, deletions and several segments."""

import random

import pytest

from cocreate.db import utcnow
from cocreate.search import whoosh_fast
from cocreate.search.backend import SearchQuery
from cocreate.search.documents import Document
from cocreate.search.whoosh_backend import WhooshBackend

WORDS = ["tent", "stove", "lantern", "light", "warm", "quiet", "strap", "pocket", "zip", "waterproof"]
FILLER = ["the", "a", "really", "would", "love", "better", "with", "for", "our", "trip", "camp", "night"]


def _doc(n: int, rng: random.Random) -> Document:
    title = " ".join(rng.sample(WORDS, 2))
    body = " ".join(rng.choice(WORDS + FILLER * 2) for _ in range(rng.randint(3, 40)))
    kind = rng.choice(["idea", "idea", "review", "ugc"])
    return Document(
        key=f"{kind}:{n}",
        kind=kind,
        object_id=n,
        title=title,
        body=body,
        tags=rng.choice(["", "outdoor", "winter outdoor"]),
        place="Place",
        board_id=rng.randint(1, 4) if kind == "idea" else None,
        product_id=rng.randint(1, 3) if kind != "idea" else None,
        status=rng.choice(["open", "planned", "shipped"]) if kind == "idea" else "",
        sentiment=rng.choice(["positive", "neutral", "negative"]),
        created_at=utcnow(),
    )


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """An index of 1,500 documents in three segments, with some deleted and some replaced."""
    rng = random.Random(7)
    found = WhooshBackend(tmp_path_factory.mktemp("fast") / "whoosh")
    found.clear()
    for start in range(0, 1500, 500):
        found.index(_doc(n, rng) for n in range(start, start + 500))
    found.delete([f"{k}:{n}" for n in range(0, 1500, 7) for k in ("idea", "review", "ugc")])
    found.index(_doc(n, rng) for n in range(3, 1500, 11))  # new versions in a fourth segment
    assert len(found._reader().leaf_searchers()) > 1
    return found


QUERIES = [
    "tent",
    "tent stove",
    "stove tent",
    "lantern warm quiet",
    "waterproof zip pocket strap",
    "light light",
    "camping tents",  # stemmed
    "outdoor tent",  # a tag
    "nothingmatches",
    "tent nothingmatches",
]
FILTERS = [
    {},
    {"kinds": ("idea",)},
    {"kinds": ("review", "ugc")},
    {"kinds": ("idea",), "board_id": 2, "status": "open"},
    {"product_id": 1},
    {"sentiment": "negative"},
    {"hidden_board_ids": frozenset({1, 3})},
    {"kinds": ("idea",), "hidden_board_ids": frozenset({2})},
]


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "none")
def test_same_documents_order_and_total_as_whoosh(backend, text, filters):
    query = SearchQuery(text=text, page=2, per_page=15, **filters)
    searcher = backend._reader()
    parsed = backend._parse(text)
    assert whoosh_fast.content_terms(parsed) is not None
    fast = backend._fast(searcher, parsed, query, 30)
    slow = backend._whoosh(searcher, parsed, query, 30)
    assert fast is not None
    assert fast[1] == slow[1]
    assert fast[0] == slow[0]
    if text == "tent" and not filters:
        assert fast[1] > 100  # the comparison covers real result lists


def test_scores_match_whoosh(backend):
    searcher = backend._reader()
    parsed = backend._parse("tent stove")
    mine = whoosh_fast.search(searcher, backend._postings, ["tent", "stove"], [], [], 10)[0]
    theirs = searcher.search(parsed, limit=10, optimize=False)
    assert [round(m.score, 9) for m in mine] == [round(h.score, 9) for h in theirs]


OTHER_SHAPES = ['"tent stove"', "tent OR stove", "tent NOT stove", "(tent OR lantern) stove"]


@pytest.mark.parametrize("text", OTHER_SHAPES)
def test_other_query_shapes_go_the_ordinary_way(backend, text):
    assert whoosh_fast.content_terms(backend._parse(text)) is None
    results = backend.search(SearchQuery(text=text))
    assert results.total >= 0  # answered (by Whoosh's matcher), no exception


def test_cache_is_bounded_and_follows_the_index(tmp_path):
    rng = random.Random(3)
    found = WhooshBackend(tmp_path / "whoosh")
    found.clear()
    found._postings = whoosh_fast.PostingCache(budget=300)
    found.index(_doc(n, rng) for n in range(400))
    for word in WORDS:
        found.search(SearchQuery(text=word))
        assert found._postings.held <= 300 or len(found._postings._entries) == 1
    before = found.search(SearchQuery(text="tent")).total
    found.delete([f"{k}:{n}" for n in range(400) for k in ("idea", "review", "ugc")])
    assert found.search(SearchQuery(text="tent")).total == 0 < before
    found.index(_doc(n, rng) for n in range(400, 420))
    assert (
        found.search(SearchQuery(text="tent")).total
        == found._whoosh(found._reader(), found._parse("tent"), SearchQuery(text="tent"), 20)[1]
    )
