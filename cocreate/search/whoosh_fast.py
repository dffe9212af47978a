"""A faster way through Whoosh for the queries people type most: all of a few words, plus filters.

Whoosh intersects posting lists and scores matches one document at a time, through several Python method
calls per posting; at 100k ideas a two-word query spent most of its ~40 ms there. Here each word's posting
list is read a block at a time and turned into a dict (document → the word's BM25F score there, before the
idf factor), the dicts are intersected as sets, and a match's score is a sum of dict lookups. The formula,
the field lengths and the tie order are Whoosh's, so the ranking and the total are too
(tests/unit/search/test_whoosh_fast.py compares both ways on every query shape). The one difference: a
word's cached scores use the average document length of when they were computed until it moves by more
than 1 %, instead of recomputing them after every write.

The cache is per index segment (a segment's postings never change; deletions are kept apart and applied
here), bounded by postings held (CACHE_POSTINGS), and forgets segments that merged away. Query shapes this
module does not handle (OR, NOT, phrases) go the ordinary way.
"""

from __future__ import annotations

import heapq
import threading
from collections import OrderedDict
from dataclasses import dataclass

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, Term
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

FIELD = "content"
BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]
CACHE_POSTINGS = 1_000_000  # postings kept decoded per process, about 80 MB when full
AVG_DRIFT = 0.01  # recompute a word's scores when the average length moved by more than 1 %


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
    """Per segment: each word's BM25 contribution per document, and each filter value's documents.

    A word's contributions depend on its document frequency and the average length, which change with every
    write; they are recomputed when those differ from the cached ones. Bounded by the number of postings
    held, least recently used out first."""

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

    def contributions(self, reader, segment: str, word: str, avg: float, k1: float, b: float) -> dict:
        """Document → this word's BM25 score in it, before the idf factor (which the caller applies, as it
        changes with every write). Computed with the average length of when it was cached, until the
        average drifts by more than AVG_DRIFT."""
        key = (segment, FIELD, word)
        found = self._get(key)
        if found is not None and abs(found[0] - avg) <= AVG_DRIFT * avg and found[1] == (k1, b):
            return found[2]
        lengths = self.lengths(reader, segment)
        base, per_length = k1 * (1 - b), k1 * b / avg
        scores = {
            doc: (tf * (k1 + 1)) / (tf + base + per_length * BYTE_LENGTHS[lengths[doc]])
            for doc, tf in _read_postings(reader, FIELD, word).items()
        }
        self._put(key, (avg, (k1, b), scores), len(scores))
        return scores

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
    out: dict[int, float] = {}
    if isinstance(matcher, W3LeafMatcher):
        while not matcher._atend:
            matcher._read_ids()
            matcher._read_weights()
            out.update(zip(matcher._ids, matcher._weights, strict=True))
            matcher._next_block()
    else:  # short lists are stored inline
        while matcher.is_active():
            out[matcher.id()] = matcher.weight()
            matcher.next()
    return out


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
    idfs = [searcher.idf(FIELD, w) for w in words]
    leaves = searcher.leaf_searchers()
    segments = {sub.reader().segment().segment_id(): (sub.reader(), offset) for sub, offset in leaves}
    cache.forget_except(set(segments))
    top: list[tuple[float, int]] = []
    total = 0
    for segment, (reader, offset) in segments.items():
        scores = [cache.contributions(reader, segment, w, avg, k1, b) for w in words]
        if not all(scores):
            continue
        smallest = min(scores, key=len)
        candidates = set(smallest).intersection(*(s for s in scores if s is not smallest))
        for group in filters:
            allowed = frozenset().union(*(cache.documents(reader, segment, f, v) for f, v in group))
            candidates.intersection_update(allowed)
        for field, value in exclude:
            candidates.difference_update(cache.documents(reader, segment, field, value))
        candidates.difference_update(reader.deleted_docs_set)
        total += len(candidates)
        if len(scores) == 1:
            (x,), (ix,) = scores, idfs
            items = [(ix * x[d], -offset - d) for d in candidates]
        elif len(scores) == 2:
            (x, y), (ix, iy) = scores, idfs
            items = [(ix * x[d] + iy * y[d], -offset - d) for d in candidates]
        else:
            pairs = list(zip(idfs, scores, strict=True))
            items = [(sum(i * s[d] for i, s in pairs), -offset - d) for d in candidates]
        top = heapq.nlargest(limit, top + items)
    return [Match(docnum=-d, score=s) for s, d in top], total
