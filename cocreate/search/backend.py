"""The search interface both backends implement, the query and result shapes, and safe snippets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from markupsafe import Markup, escape

from cocreate.search.documents import Document

MARK_START, MARK_END = "\x02", "\x03"  # stripped from documents when indexed, so only we produce them
KINDS = {"idea": "Ideas", "review": "Reviews", "ugc": "Stories"}
MAX_QUERY = 200
PER_PAGE = 10


@dataclass(frozen=True)
class SearchQuery:
    text: str
    kinds: tuple[str, ...] = ()  # empty: all
    board_id: int | None = None
    product_id: int | None = None
    status: str | None = None
    sentiment: str | None = None
    hidden_board_ids: frozenset[int] = frozenset()  # ideas on these (private) boards are left out
    # The searcher's role (None: a visitor). A backend that checks board access itself (checks_board_access)
    # hides private boards by it, inside its own query, and is given no hidden_board_ids.
    viewer_role: str | None = None
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Hit:
    key: str
    kind: str
    object_id: int
    title: Markup  # highlighted, escaped
    snippet: Markup
    place: str
    status: str
    sentiment: str
    board_id: int | None
    product_id: int | None


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    suggestion: str | None = None  # "did you mean"

    def pages(self, per_page: int = PER_PAGE) -> int:
        return max(1, -(-self.total // per_page))


class SearchBackend(Protocol):
    name: str
    checks_board_access: bool  # True: hides private boards by query.viewer_role (one round trip fewer)

    def index(self, documents: Iterable[Document]) -> None: ...

    def delete(self, keys: Iterable[str]) -> None: ...

    def search(
        self, query: SearchQuery, connection=None
    ) -> Results: ...  # the caller's DB connection, if any

    def similar(
        self, text: str, *, board_id: int | None, limit: int = 5
    ) -> list[Hit]: ...  # the caller has checked that the person may see the board

    def rebuild(self, batches: Iterable[list[Document]], progress: Callable[[int], None]) -> int: ...

    def clear(self) -> None: ...

    def ready(self) -> bool: ...

    def damaged(self) -> None: ...


def marked_to_html(text: str) -> Markup:
    """Escape everything, then turn our markers into <mark>: the only HTML a snippet can contain."""
    escaped = str(escape(text or ""))
    marked = escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return Markup(marked)  # noqa: S704 - escaped above; our markers are the only tags


def clean_query(text: str | None) -> str:
    """The search box's text, trimmed and bounded; control characters removed."""
    text = re.sub(r"[\x00-\x1f]", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY]


WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = (
    "a an and are as at be but by can for from has have i if in into is it its me my no not of on or our so "
    "that the their there these they this to too us was we were what when where which who will with would "
    "you your add allow make please should"
)
STOPWORDS = frozenset(_STOPWORDS.split())


def significant_words(text: str, limit: int = 12) -> list[str]:
    """The distinct words of a draft that say what it is about (for "similar ideas")."""
    seen: dict[str, None] = {}
    for word in WORD_RE.findall((text or "").lower()):
        if len(word) > 2 and word not in STOPWORDS:
            seen.setdefault(word, None)
    return list(seen)[:limit]
