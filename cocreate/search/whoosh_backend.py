"""The embedded backend: a Whoosh index under instance/search/.

One index object and one searcher per process, refreshed only when the index changed. Writers from several
gunicorn workers take Whoosh's file lock in turn (waiting up to WRITE_TIMEOUT). A full rebuild writes a new
index next to the live one and swaps the directories, so searches never see a half-built index.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema
from whoosh.highlight import ContextFragmenter, Formatter
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup, WildcardPlugin
from whoosh.qparser.plugins import FieldsPlugin, RangePlugin
from whoosh.query import And, Every, Not, Or, Term

from cocreate.search.backend import (
    MARK_END,
    MARK_START,
    Hit,
    Results,
    SearchQuery,
    marked_to_html,
    significant_words,
)
from cocreate.search.documents import Document

log = logging.getLogger(__name__)
WRITE_TIMEOUT = 10.0  # seconds to wait for another process's writer
FIELD_BOOSTS = {"title": 3.0, "tags": 2.0, "place": 1.5, "body": 1.0}


def schema() -> Schema:
    text = StemmingAnalyzer()
    return Schema(
        key=ID(stored=True, unique=True),
        kind=ID(stored=True),
        object_id=ID(stored=True),
        title=TEXT(stored=True, analyzer=text, spelling=True),
        body=TEXT(stored=True, analyzer=text, spelling=True),
        tags=KEYWORD(stored=True, lowercase=True, scorable=True),
        place=TEXT(stored=True),
        board=ID(stored=True),
        product=ID(stored=True),
        status=ID(stored=True),
        sentiment=ID(stored=True),
        created=DATETIME(stored=True, sortable=True),
    )


class Marker(Formatter):
    """Wraps matches in our marker characters; escaping happens once, in marked_to_html."""

    def format_token(self, text, token, replace=False):
        return MARK_START + text[token.startchar : token.endchar] + MARK_END


def _fields(doc: Document) -> dict:
    return {
        "key": doc.key,
        "kind": doc.kind,
        "object_id": str(doc.object_id),
        "title": doc.title,
        "body": doc.body,
        "tags": doc.tags.lower(),
        "place": doc.place,
        "board": str(doc.board_id or ""),
        "product": str(doc.product_id or ""),
        "status": doc.status,
        "sentiment": doc.sentiment,
        "created": doc.created_at.replace(tzinfo=None),
    }


class WhooshBackend:
    name = "whoosh"

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._lock = threading.RLock()
        self._index = None
        self._searcher = None
        self._generation = -1
        self.needs_rebuild = False  # set when the index was missing or unreadable and got recreated empty

    # --- opening --------------------------------------------------------------------------------------------

    def _open(self):
        with self._lock:
            if self._index is None:
                try:
                    if not index.exists_in(str(self.directory)):
                        raise index.EmptyIndexError("no index yet")
                    self._index = index.open_dir(str(self.directory))
                    self._index.doc_count()  # reads the table of contents: fails here if it is damaged
                except Exception as exc:  # noqa: BLE001 - missing or corrupt: start empty, rebuild later
                    log.warning("search index at %s unusable (%s); recreating it", self.directory, exc)
                    self._recreate()
            return self._index

    def _recreate(self) -> None:
        if self.directory.exists():
            shutil.rmtree(self.directory)
        self.directory.mkdir(parents=True)
        self._index = index.create_in(str(self.directory), schema())
        self._searcher = None
        self.needs_rebuild = True

    def _reader(self):
        """The process's searcher, reopened only when a writer committed a new generation (one directory
        listing per search; Searcher.refresh() misses commits that only delete)."""
        with self._lock:
            ix = self._open()
            generation = ix.latest_generation()
            if self._searcher is None or generation != self._generation:
                if self._searcher is not None:
                    self._searcher.close()
                self._searcher, self._generation = ix.searcher(), generation
            return self._searcher

    def ready(self) -> bool:
        """Open the index (recreating it empty if missing or unreadable); False when it needs a rebuild."""
        self._open()
        return not self.needs_rebuild

    def damaged(self) -> None:
        """A read failed: start again from an empty index that the caller rebuilds."""
        with self._lock:
            self.reset()
            self._recreate()

    def reset(self) -> None:
        """Forget the open index (after a rebuild by another process or a test wiping the directory)."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._index, self._searcher = None, None

    # --- writing --------------------------------------------------------------------------------------------

    def index(self, documents: Iterable[Document]) -> None:
        docs = list(documents)
        if not docs:
            return
        writer = self._open().writer(timeout=WRITE_TIMEOUT)
        try:
            for doc in docs:
                writer.update_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        writer = self._open().writer(timeout=WRITE_TIMEOUT)
        try:
            for key in keys:
                writer.delete_by_term("key", key)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def clear(self) -> None:
        with self._lock:
            self.reset()
            self._recreate()
            self.needs_rebuild = False

    def rebuild(self, batches: Iterable[list[Document]], progress: Callable[[int], None]) -> int:
        """Write everything into a new index beside the live one, then swap them."""
        fresh = self.directory.with_name(self.directory.name + ".new")
        if fresh.exists():
            shutil.rmtree(fresh)
        fresh.mkdir(parents=True)
        ix = index.create_in(str(fresh), schema())
        writer = ix.writer(limitmb=256)
        total = 0
        try:
            for batch in batches:
                for doc in batch:
                    writer.add_document(**_fields(doc))
                total += len(batch)
                progress(len(batch))
        except BaseException:
            writer.cancel()
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        writer.commit()
        with self._lock:
            self.reset()
            old = self.directory.with_name(self.directory.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.directory.exists():
                self.directory.rename(old)
            fresh.rename(self.directory)
            shutil.rmtree(old, ignore_errors=True)
            self.needs_rebuild = False
        return total

    # --- reading --------------------------------------------------------------------------------------------

    def _filter(self, query: SearchQuery):
        terms = []
        if query.kinds:
            terms.append(Or([Term("kind", k) for k in query.kinds]))
        for field, value in (
            ("board", query.board_id),
            ("product", query.product_id),
            ("status", query.status),
            ("sentiment", query.sentiment),
        ):
            if value:
                terms.append(Term(field, str(value)))
        if query.visible_board_ids is not None:
            allowed = [Term("board", str(b)) for b in sorted(query.visible_board_ids)]
            terms.append(Or([Not(Term("kind", "idea")), *allowed]))
        return And(terms) if terms else None

    def _parser(self, group=None):
        parser = MultifieldParser(
            list(FIELD_BOOSTS), self._open().schema, fieldboosts=FIELD_BOOSTS, group=group or AndGroup
        )
        parser.remove_plugin_class(FieldsPlugin)  # "status:open" is text, not a way into other fields
        parser.remove_plugin_class(WildcardPlugin)  # "*" would match everything, slowly
        parser.remove_plugin_class(RangePlugin)  # "[a TO z]" likewise
        return parser

    def _plain(self, text: str, group=None):
        """Only the words of the text, no syntax at all."""
        return self._parser(group).parse(" ".join(significant_words(text, 20)) or "\u2205")

    def _parse(self, text: str, group=None):
        try:
            return self._parser(group).parse(text)
        except Exception:  # noqa: BLE001 - malformed syntax falls back to plain words
            return self._plain(text, group)

    def _hit(self, hit) -> Hit:
        title = hit.highlights("title", minscore=0) or hit["title"]
        snippet = hit.highlights("body", top=2) or hit["body"][:200]
        return Hit(
            key=hit["key"],
            kind=hit["kind"],
            object_id=int(hit["object_id"]),
            title=marked_to_html(title),
            snippet=marked_to_html(snippet),
            place=hit.get("place", ""),
            status=hit.get("status", ""),
            sentiment=hit.get("sentiment", "neutral"),
            board_id=int(hit["board"]) if hit.get("board") else None,
            product_id=int(hit["product"]) if hit.get("product") else None,
        )

    def search(self, query: SearchQuery) -> Results:
        searcher = self._reader()
        parsed = self._parse(query.text) if query.text else Every()
        try:
            return self._run(searcher, parsed, query)
        except Exception:  # noqa: BLE001 - a query the parser accepted but the searcher cannot run
            log.info("search fell back to plain words for %r", query.text)
            return self._run(searcher, self._plain(query.text), query)

    def _run(self, searcher, parsed, query: SearchQuery) -> Results:
        restrict = self._filter(query)
        # Filters go into the query itself: with filter=, Whoosh's total counts unfiltered matches.
        combined = And([parsed, restrict]) if restrict is not None else parsed
        page = searcher.search_page(combined, query.page, pagelen=query.per_page)
        page.results.fragmenter = ContextFragmenter(maxchars=200, surround=60)
        page.results.formatter = Marker()
        hits = [self._hit(h) for h in page] if query.offset < page.total else []  # Whoosh clamps the page
        results = Results(hits=hits, total=page.total)
        if query.text and page.total < 3:
            results.suggestion = self._suggest(searcher, parsed, query.text)
        return results

    @staticmethod
    def _suggest(searcher, parsed, text: str) -> str | None:
        try:
            corrected = searcher.correct_query(parsed, text)
        except Exception:  # noqa: BLE001 - no suggestion for queries Whoosh cannot correct
            return None
        if corrected.query != parsed and corrected.string.strip().lower() != text.strip().lower():
            return corrected.string
        return None

    def similar(
        self, text: str, *, board_id: int | None, visible_board_ids: frozenset[int] | None, limit: int = 5
    ) -> list[Hit]:
        words = significant_words(text)
        if not words:
            return []
        searcher = self._reader()
        parsed = self._parse(" ".join(words), group=OrGroup.factory(0.9))
        query = SearchQuery(text="", kinds=("idea",), board_id=board_id, visible_board_ids=visible_board_ids)
        found = searcher.search(And([parsed, self._filter(query)]), limit=limit)
        found.fragmenter = ContextFragmenter(maxchars=160, surround=50)
        found.formatter = Marker()
        return [self._hit(h) for h in found]
