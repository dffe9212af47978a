"""How our Whoosh segments are written (search/whoosh_codec.py) must not change what is found: the content
field's terms are the StemmingAnalyzer's, segments written by Whoosh's own codec still read beside ours,
and a rebuild that spills its postings to disk gives the same index as one that does not."""

import random
from collections import Counter

import pytest
from whoosh import index
from whoosh.analysis import StemmingAnalyzer
from whoosh.codec.whoosh3 import W3Codec

from cocreate.search.backend import SearchQuery
from cocreate.search.highlight import ANALYZER
from cocreate.search.whoosh_backend import WhooshBackend, _fields, schema
from cocreate.search.whoosh_codec import Codec

from .test_whoosh_fast import QUERIES, _doc

TEXTS = [
    "",
    "   ",
    "Testing is testing and TESTING",
    "A larger size-range, please: 2.5 kg, v1.2.3 and e-mail!",
    "İstanbul ÇAĞRI straße façade naïve ﬁnance",
    "stars * and ** and a*b and wild*",
    "日本語のテキスト と English mixed",
    "emoji only 🎉🎉 ✨",
    "a an the of to I x y z",
    "tent\ntent\ttent  tents tenting",
    "dots... between.words and.more. end.",
    "x" * 300,
]


@pytest.mark.parametrize("text", TEXTS)
def test_content_terms_are_the_stemming_analyzers(text):
    theirs = [t.text for t in StemmingAnalyzer()(text, mode="index")]
    assert ANALYZER.terms(text) == theirs
    assert [t.text for t in ANALYZER(text, mode="query")] == [
        t.text for t in StemmingAnalyzer()(text, mode="query")
    ]


def test_the_content_field_indexes_what_whoosh_would():
    ours, plain = schema()["content"], type(schema()["content"])(analyzer=StemmingAnalyzer(), phrase=False)
    rng = random.Random(5)
    for n in range(50):
        text = _fields(_doc(n, rng))["content"] + " " + rng.choice(TEXTS)
        assert sorted(ours.index(text)) == sorted(plain.index(text))
    assert Counter(t for t, *_ in ours.index("tent tents stove")) == {b"tent": 1, b"stove": 1}


def _search_all(backend, ordered=True):
    """Each query's total and results. Two multi-process rebuilds number documents differently, and equal
    scores are ordered by document number, so between those only the set of results can be compared."""
    return {
        text: (found.total, [h.key for h in found.hits] if ordered else sorted(h.key for h in found.hits))
        for text in QUERIES
        for found in [backend.search(SearchQuery(text=text, per_page=5000))]
    }


def test_segments_written_by_whoosh_and_by_us_read_together(tmp_path):
    rng = random.Random(11)
    docs = [_doc(n, rng) for n in range(900)]
    mixed = WhooshBackend(tmp_path / "mixed")
    mixed.clear()
    ix = index.open_dir(str(mixed.directory))
    with ix.writer(codec=W3Codec()) as writer:  # Whoosh's own blocks: 128 postings, zlib
        for doc in docs[:450]:
            writer.add_document(**_fields(doc))
    mixed.reset()
    mixed.index(docs[450:])  # ours
    codecs = {type(seg.codec()) for seg in index.open_dir(str(mixed.directory))._segments()}
    assert codecs == {W3Codec, Codec}

    ours = WhooshBackend(tmp_path / "ours")
    ours.clear()
    ours.index(docs)
    assert _search_all(mixed) == _search_all(ours)
    assert _search_all(ours)["tent"][0] > 100


def test_a_rebuild_that_spills_to_disk_finds_the_same(tmp_path):
    rng = random.Random(13)
    docs = [_doc(n, rng) for n in range(3000)]
    roomy, tight = WhooshBackend(tmp_path / "roomy"), WhooshBackend(tmp_path / "tight", rebuild_mb=2)
    for backend in (roomy, tight):
        backend.rebuild([docs[i : i + 500] for i in range(0, 3000, 500)], lambda n: None)
    assert _search_all(roomy, ordered=False) == _search_all(tight, ordered=False)
