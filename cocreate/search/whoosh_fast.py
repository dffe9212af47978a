"""A faster way through Whoosh for the queries people type most: all of a few words, plus filters.

Whoosh intersects posting lists and scores matches one document at a time, through several Python method
calls per posting; at 100k ideas a two-word query spent most of its ~40 ms there. Here each word's posting
list is read straight from the postings file, block by block, into a dict (document → term frequency) with
C-level calls only (unpickling, un-deltaing with itertools.accumulate, dict.update); the dicts are
intersected as sets, and only the documents that match every word get a BM25F score. The formula, the
statistics, the field lengths and the tie order are Whoosh's, so the ranking and the total are too
(tests/unit/search/test_whoosh_fast.py compares both ways on every query shape).

The cache is per index segment (a segment's postings never change; deletions are kept apart and applied
here), bounded by postings held (CACHE_POSTINGS), and forgets segments that merged away. Query shapes this
module does not handle (OR, NOT, phrases) go the ordinary way.
"""

from __future__ import annotations

import heapq
import pickle  # noqa: S403 - Whoosh's own postings file, written by this app
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from itertools import accumulate, repeat

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, Term
from whoosh.scoring import BM25F
from whoosh.system import _INT_SIZE, unpack_int
from whoosh.util.numeric import byte_to_length

FIELD = "content"
BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]
CACHE_POSTINGS = 1_000_000  # postings kept decoded per process, about 60 MB when full


@dataclass
class Match:
    docnum: int  # global document number in the searcher
    score: float


def content_terms(query) -> list[str] | None:
    """The words of a query that is one word or all of several words on the content field, else None."""
    if isinstance(query, Term) and query.fieldname == FIELD:
        return [query.text]
    if isinstance(query, And) and query.subqueries:
        words = []
        for sub in query.subqueries:
            if not (isinstance(sub, Term) and sub.fieldname == FIELD):
                return None
            words.append(sub.text)
        return words
    return None


class PostingCache:
    """Per segment: each word's term frequency per document, and each filter value's documents. Both are
    facts of the segment, which never changes; scores use the index's current statistics at query time.
    Bounded by the number of postings held, least recently used out first."""

    def __init__(self, budget: int = CACHE_POSTINGS) -> None:
        self.budget = budget
        self.held = 0
        self._entries: OrderedDict[tuple, tuple] = OrderedDict()
        self._lengths: dict[str, object] = {}
        self._lock = threading.Lock()

    def _get(self, key: tuple):
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def _put(self, key: tuple, entry: tuple, size: int) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.held -= old[-1]
            self._entries[key] = (*entry, size)
            self.held += size
            while self.held > self.budget and len(self._entries) > 1:
                _, dropped = self._entries.popitem(last=False)
                self.held -= dropped[-1]

    def documents(self, reader, segment: str, field: str, value: str) -> frozenset[int]:
        """Documents of one segment holding a filter value (kind, board, status...)."""
        key = (segment, field, value)
        found = self._get(key)
        if found is None:
            docs = frozenset(_read_postings(reader, field, value))
            self._put(key, (docs,), len(docs))
            return docs
        return found[0]

    def postings(self, reader, segment: str, word: str) -> dict[int, float]:
        """Document → the word's weight (term frequency) there, for one segment. Scores are computed by the
        caller for the few documents that match every word, with the current statistics."""
        key = (segment, FIELD, word)
        found = self._get(key)
        if found is None:
            weights = _read_postings(reader, FIELD, word)
            self._put(key, (weights,), len(weights))
            return weights
        return found[0]

    def lengths(self, reader, segment: str):
        """The content field's length bytes for every document of a segment (what Whoosh scores with)."""
        found = self._lengths.get(segment)
        if found is None:
            found = reader._perdoc._cached_reader(_lenfield(FIELD), LENGTHS_COLUMN).load()
            with self._lock:
                self._lengths[segment] = found
        return found

    def clear(self) -> None:
        """Forget every word's scores (field lengths stay: they are read once per segment)."""
        with self._lock:
            self._entries.clear()
            self.held = 0

    def forget_except(self, segments: set[str]) -> None:
        """Drop what belongs to segments that merged away."""
        with self._lock:
            for key in [k for k in self._entries if k[0] not in segments]:
                self.held -= self._entries.pop(key)[-1]
            for key in [k for k in self._lengths if k not in segments]:
                del self._lengths[key]


def _read_postings(reader, field: str, text) -> dict[int, float]:
    """Document → weight for one term in one segment, deleted documents included (removed by the caller)."""
    if (field, text) not in reader:
        return {}
    matcher = reader.postings(field, text)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
        out: dict[int, float] = {}
        for ids, weights in _blocks(matcher):
            out.update(zip(accumulate(ids), weights, strict=True))
        return out
    out = {}
    while matcher.is_active():  # short lists are stored inline
        out[matcher.id()] = matcher.weight()
        matcher.next()
    return out


def _blocks(matcher: W3LeafMatcher):
    """(delta-coded ids, weights) of each block of a posting list, read straight from the postings file: the
    same bytes W3LeafMatcher reads, without its per-block method calls and its generator that un-deltas ids
    one at a time (most of a cold query's time)."""
    raw = matcher._postfile.file
    position = matcher._baseoffset
    while True:
        raw.seek(position)
        length = unpack_int(raw.read(_INT_SIZE))[0]
        following = position + _INT_SIZE + abs(length)
        count, _maxid, _maxweight, compressed, _minlength, _maxlength = pickle.load(raw)  # noqa: S301 - our own index file
        data = raw.read(following - raw.tell())
        ids, weights, _values = pickle.loads(zlib.decompress(data) if compressed else data)  # noqa: S301
        if weights is None or isinstance(weights, float):
            weights = repeat(1.0 if weights is None else weights, count)
        yield ids, weights
        if length < 0:  # a negative length marks the last block
            return
        position = following


def search(
    searcher,
    cache: PostingCache,
    words: list[str],
    filters: list[list[tuple[str, str]]],
    exclude: list[tuple[str, str]],
    limit: int,
) -> tuple[list[Match], int] | None:
    """Top `limit` matches of all `words`, restricted by `filters` (each a list of (field, value) of which
    one must match) and without documents matching any of `exclude`; with the exact total. Ties go to the
    lower document number, as in Whoosh."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F or weighting._field_B:
        return None
    avg = searcher.avg_field_length(FIELD) or 1
    k1, b = weighting.K1, weighting.B
    base, per_length = k1 * (1 - b), k1 * b / avg
    factors = [searcher.idf(FIELD, w) * (k1 + 1) for w in words]
    norms = [base + per_length * length for length in BYTE_LENGTHS]  # by a document's length byte
    leaves = searcher.leaf_searchers()
    segments = {sub.reader().segment().segment_id(): (sub.reader(), offset) for sub, offset in leaves}
    cache.forget_except(set(segments))
    top: list[tuple[float, int]] = []
    total = 0
    for segment, (reader, offset) in segments.items():
        weights = [cache.postings(reader, segment, w) for w in words]
        if not all(weights):
            continue
        smallest = min(weights, key=len)
        candidates = set(smallest)
        for other in weights:
            if other is not smallest:
                candidates = candidates & other.keys()  # iterates the smaller side
        for group in filters:
            allowed = frozenset().union(*(cache.documents(reader, segment, f, v) for f, v in group))
            candidates.intersection_update(allowed)
        for field, value in exclude:
            candidates.difference_update(cache.documents(reader, segment, field, value))
        candidates.difference_update(reader.deleted_docs_set)
        total += len(candidates)
        lengths = cache.lengths(reader, segment)
        top = heapq.nlargest(limit, top + _scored(candidates, weights, factors, norms, lengths, offset))
    return [Match(docnum=-d, score=s) for s, d in top], total


def _scored(candidates, weights, factors, norms, lengths, offset) -> list[tuple[float, int]]:
    """(BM25F score, -global document number) of each candidate: Whoosh's formula, unrolled for the usual
    one or two words since this loop runs once per match."""
    if len(weights) == 1:
        (x,), (fx,) = weights, factors
        return [(fx * (t := x[d]) / (t + norms[lengths[d]]), -offset - d) for d in candidates]
    if len(weights) == 2:
        (x, y), (fx, fy) = weights, factors
        return [
            (fx * (t := x[d]) / (t + (n := norms[lengths[d]])) + fy * (u := y[d]) / (u + n), -offset - d)
            for d in candidates
        ]
    docs = list(candidates)  # three words or more: one pass per word over all candidates
    norm = [norms[lengths[d]] for d in docs]
    (first, x), *rest = zip(factors, weights, strict=True)
    scores = [first * (t := x[d]) / (t + n) for d, n in zip(docs, norm, strict=True)]
    for factor, w in rest:
        scores = [s + factor * (t := w[d]) / (t + n) for s, d, n in zip(scores, docs, norm, strict=True)]
    return list(zip(scores, [-offset - d for d in docs], strict=True))
