"""Highlighting in Python, shared by both backends: the words of a stored text whose stems a query used are
wrapped in our markers, and the body is cut to the one or two passages with the most matched words.

The stems are those of Whoosh's StemmingAnalyzer (the content field's analyzer): the same tokenizer, stop
words and Porter stemmer. PostgreSQL could do this with ts_headline, but that re-parses each hit's text
inside the query; a regular expression and a cached stem per word cost a tenth of Whoosh's own highlighter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import STOP_WORDS, CompositeAnalyzer, StemmingAnalyzer
from whoosh.lang.porter import stem as _porter

from cocreate.search.backend import MARK_END, MARK_START

TOKEN_RE = re.compile(r"[\w*]+(?:\.?[\w*]+)*")  # the analyzer's RegexTokenizer
SNIPPET_CHARS = 200  # a body passage, about
SIMILAR_CHARS = 160
ELLIPSIS = " … "


STEMS_KEPT, KEPT_WORD_CHARS = 20_000, 32  # at most some 7 MB per worker: words people type are short


def _stem(lowered: str) -> str | None:
    """A lowercased token's stem, or None for stop words and single characters (never matched). Stems of
    words up to KEPT_WORD_CHARS are kept (an entry's size is bounded, so the cache is bounded in bytes)."""
    return _kept_stem(lowered) if len(lowered) <= KEPT_WORD_CHARS else _stem_now(lowered)


def _stem_now(lowered: str) -> str | None:
    if len(lowered) < 2 or lowered in STOP_WORDS:
        return None
    return _porter(lowered)


_kept_stem = lru_cache(maxsize=STEMS_KEPT)(_stem_now)


class ContentAnalyzer(CompositeAnalyzer):
    """Whoosh's StemmingAnalyzer, which queries go through, plus terms(): the same terms as a plain list,
    which indexing counts instead of making a Token per word (whoosh_codec.Frequency). Stored in the index's
    schema, so it must stay importable by this name."""

    def __init__(self) -> None:
        super().__init__(StemmingAnalyzer())

    @staticmethod
    def terms(text: str) -> list[str]:
        return [stem for word in TOKEN_RE.findall(text) if (stem := _stem(word.lower())) is not None]


ANALYZER = ContentAnalyzer()  # Whoosh's content field; stems() below agrees with it


def stems(text: str) -> frozenset[str]:
    """The indexed forms of a query's words."""
    found = {_stem(m.group().lower()) for m in TOKEN_RE.finditer(text or "")}
    found.discard(None)
    return frozenset(found)


def _matches(text: str, words: frozenset) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), stem)
        for m in TOKEN_RE.finditer(text)
        if (stem := _stem(m.group().lower())) is not None and stem in words
    ]


def _mark(text: str, start: int, end: int, matches) -> str:
    out, at = [], start
    for s, e, _ in matches:
        if s >= start and e <= end:
            out += [text[at:s], MARK_START, text[s:e], MARK_END]
            at = e
    out.append(text[at:end])
    return "".join(out)


def _passage(text: str, centre: int, width: int) -> tuple[int, int]:
    """About `width` characters around a position, cut at spaces."""
    start = max(0, centre - width // 3)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    if start > 0:
        space = text.find(" ", start, centre)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > centre else end
    return start, end


def highlight(text: str, words: frozenset, *, width: int = SNIPPET_CHARS, top: int = 2) -> str:
    """The best `top` passages of a text (in text order) with the query's words marked; "" if none."""
    if not text or not words:
        return ""
    matches = _matches(text, words)
    if not matches:
        return ""
    candidates = []
    for s, _, _ in matches:
        start, end = _passage(text, s, width)
        inside = {stem for ms, me, stem in matches if ms >= start and me <= end}
        candidates.append((-len(inside), start, end))
    chosen: list[tuple[int, int]] = []
    for _, start, end in sorted(candidates):
        if all(end <= a or start >= b for a, b in chosen):
            chosen.append((start, end))
        if len(chosen) == top:
            break
    parts = [_mark(text, a, b, matches).strip() for a, b in sorted(chosen)]
    prefix = "…" if sorted(chosen)[0][0] > 0 else ""
    suffix = "…" if sorted(chosen)[-1][1] < len(text) else ""
    return prefix + ELLIPSIS.join(parts) + suffix


def opening(text: str, width: int) -> str:
    """The start of a text, cut at a space and marked as cut (not in the middle of a word)."""
    if len(text) <= width:
        return text
    space = text.rfind(" ", 0, width)
    return text[: space if space > width // 2 else width].rstrip(" ,.;:") + " …"


def title_and_snippet(title: str, body: str, words: frozenset, width: int = SNIPPET_CHARS) -> tuple[str, str]:
    """A hit's title (whole, marked) and a body snippet (marked passages, or its start)."""
    if not words:
        return title, opening(body, width)
    matches = _matches(title, words)
    marked = _mark(title, 0, len(title), matches) if matches else title
    return marked, highlight(body, words, width=width) or opening(body, width)
