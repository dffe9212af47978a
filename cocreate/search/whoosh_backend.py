"""The embedded backend: a Whoosh index under instance/search/.

One index object and one searcher per process, refreshed only when the index changed. Writers from several
gunicorn workers take Whoosh's file lock in turn (waiting up to WRITE_TIMEOUT). A full rebuild writes a new
index next to the live one and swaps the directories, so searches never see a half-built index.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.qparser import AndGroup, OrGroup, QueryParser, WildcardPlugin
from whoosh.qparser.plugins import FieldsPlugin, RangePlugin
from whoosh.query import And, Every, Or, Term

from cocreate import speed
from cocreate.config import Config
from cocreate.search import whoosh_fast
from cocreate.search.backend import (
    Hit,
    Results,
    SearchQuery,
    marked_to_html,
    significant_words,
)
from cocreate.search.documents import Document
from cocreate.search.highlight import ANALYZER as _ANALYZER
from cocreate.search.highlight import SIMILAR_CHARS, SNIPPET_CHARS, title_and_snippet
from cocreate.search.whoosh_codec import Frequency, writing_codec

log = logging.getLogger(__name__)
WRITE_TIMEOUT = 10.0  # seconds to wait for another process's writer


def schema() -> Schema:
    """Matching happens on one stemmed `content` field (title twice, tags, place, body): a single-field
    query is several times faster in Whoosh than one spread over four fields, and repeating the title
    weights it. No positions (phrase=False): a third faster to query and to build; a quoted phrase falls
    back to "all these words". Title and body are stored only, for display and highlighting. `words` keeps
    the title and tags unstemmed, as the vocabulary for "did you mean"."""
    return Schema(
        key=ID(stored=True, unique=True),
        kind=ID(stored=True),
        object_id=STORED(),
        title=STORED(),
        body=STORED(),
        place=STORED(),
        content=_content_field(),
        words=TEXT(analyzer=StandardAnalyzer()),
        board=ID(stored=True),
        product=ID(stored=True),
        status=ID(stored=True),
        sentiment=ID(stored=True),
    )


def _content_field() -> TEXT:
    field = TEXT(analyzer=_ANALYZER, phrase=False)
    field.format = Frequency(field_boost=field.format.field_boost)  # counts terms without Token objects
    return field


def _fields(doc: Document) -> dict:
    return {
        "key": doc.key,
        "kind": doc.kind,
        "object_id": doc.object_id,
        "title": doc.title,
        "body": doc.body,
        "place": doc.place,
        "content": f"{doc.title}\n{doc.title}\n{doc.tags}\n{doc.place}\n{doc.body}",
        "words": f"{doc.title} {doc.tags}",
        "board": str(doc.board_id or ""),
        "product": str(doc.product_id or ""),
        "status": doc.status,
        "sentiment": doc.sentiment,
    }


def _words(searcher, parsed) -> frozenset:
    """The content-field words of a query, as the analyzer produced them, for highlighting."""
    return frozenset(
        text.decode("utf-8") if isinstance(text, bytes) else text
        for field, text in parsed.iter_all_terms()
        if field == "content"
    )


class WhooshBackend:
    name = "whoosh"
    checks_board_access = False  # the service gives it the ids of the boards to leave out

    def __init__(self, directory: Path, rebuild_mb: int = Config.SEARCH_REBUILD_MB) -> None:
        self.directory = Path(directory)
        self.rebuild_mb = max(rebuild_mb, 1)
        self._lock = threading.RLock()
        self._index = None
        self._searcher = None
        self._generation = -1
        self._postings = whoosh_fast.PostingCache()
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
        # Another process (or app) may be recreating it at the same moment: neither step may fail on that.
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True, exist_ok=True)
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
        writer = self._open().writer(timeout=WRITE_TIMEOUT, codec=writing_codec())
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
        writer = self._open().writer(timeout=WRITE_TIMEOUT, codec=writing_codec())
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
        # Sub-processes analyse while we read the database. Each sorts its postings in memory and spills
        # sorted runs to disk beyond its share of rebuild_mb; merging runs back costs more than the analysis
        # (about 190 bytes per posting, some 35 postings per idea: 100k ideas fit in 768 MB without spilling).
        cores = os.cpu_count() or 1
        writer = ix.writer(
            limitmb=max(1, self.rebuild_mb // cores),
            codec=writing_codec(),
            **({"procs": cores, "multisegment": True} if cores > 1 else {}),
        )
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

    @staticmethod
    def _filter_groups(query: SearchQuery) -> list[list[tuple[str, str]]]:
        """The filters as (field, value) groups: a document must match one pair of every group."""
        groups = [[("kind", k) for k in query.kinds]] if query.kinds else []
        for field, value in (
            ("board", query.board_id),
            ("product", query.product_id),
            ("status", query.status),
            ("sentiment", query.sentiment),
        ):
            if value:
                groups.append([(field, str(value))])
        return groups

    def _filter(self, query: SearchQuery):
        return [
            Or([Term(f, v) for f, v in group]) if len(group) > 1 else Term(*group[0])
            for group in self._filter_groups(query)
        ]

    @staticmethod
    def _mask(query: SearchQuery):
        """Ideas on boards this person may not see (usually none: then no mask at all)."""
        hidden = sorted(query.hidden_board_ids)
        return Or([Term("board", str(b)) for b in hidden]) if hidden else None

    def _parser(self, group=None):
        parser = QueryParser("content", self._open().schema, group=group or AndGroup)
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

    def _hit(self, searcher, docnum: int, words: frozenset, width: int) -> Hit:
        fields = searcher.stored_fields(docnum)
        title, snippet = title_and_snippet(fields["title"], fields["body"], words, width)
        return Hit(
            key=fields["key"],
            kind=fields["kind"],
            object_id=int(fields["object_id"]),
            title=marked_to_html(title),
            snippet=marked_to_html(snippet),
            place=fields.get("place", ""),
            status=fields.get("status", ""),
            sentiment=fields.get("sentiment", "neutral"),
            board_id=int(fields["board"]) if fields.get("board") else None,
            product_id=int(fields["product"]) if fields.get("product") else None,
        )

    def search(self, query: SearchQuery, connection=None) -> Results:
        """`connection` is unused: this index is not in the database."""
        searcher = self._reader()
        parsed = self._parse(query.text) if query.text else Every()
        try:
            return self._run(searcher, parsed, query)
        except Exception:  # noqa: BLE001 - a query the parser accepted but the searcher cannot run
            log.info("search fell back to plain words for %r", query.text)
            return self._run(searcher, self._plain(query.text), query)

    def _run(self, searcher, parsed, query: SearchQuery) -> Results:
        limit = query.offset + query.per_page
        ranked = self._fast(searcher, parsed, query, limit)
        if ranked is None:
            ranked = self._whoosh(searcher, parsed, query, limit)
        docnums, total = ranked
        words = _words(searcher, parsed)
        hits = [self._hit(searcher, d, words, SNIPPET_CHARS) for d in docnums[query.offset : limit]]
        results = Results(hits=hits, total=total)
        if query.text and results.total < 3:
            results.suggestion = self._suggest(searcher, parsed, query.text)
        return results

    def _fast(self, searcher, parsed, query: SearchQuery, limit: int) -> tuple[list[int], int] | None:
        """All of a few words (what people type): see whoosh_fast. None for other query shapes."""
        words = whoosh_fast.content_terms(parsed) if speed.on("whoosh_fast") else None
        if words is None or searcher.doc_count_all() == 0:
            return None
        exclude = [("board", str(b)) for b in sorted(query.hidden_board_ids)]
        try:
            found = whoosh_fast.search(
                searcher, self._postings, words, self._filter_groups(query), exclude, limit
            )
        except Exception:  # noqa: BLE001 - Whoosh internals changed: the ordinary way still answers
            log.warning("fast search path failed; using Whoosh's matcher", exc_info=True)
            return None
        if found is None:
            return None
        matches, total = found
        return [m.docnum for m in matches], total

    def _whoosh(self, searcher, parsed, query: SearchQuery, limit: int) -> tuple[list[int], int]:
        restrict = self._filter(query)
        combined = And([parsed, *restrict]) if restrict else parsed
        # Block-quality skipping never skips on queries like ours (every match gets scored anyway), and
        # turning it off makes the collector count the matches it sees: an exact total for free, with the
        # private-board mask applied.
        found = searcher.search(combined, limit=limit, mask=self._mask(query), terms=False, optimize=False)
        return [hit.docnum for hit in found[:limit]], len(found)

    @staticmethod
    def _suggest(searcher, parsed, text: str) -> str | None:
        try:
            corrected = searcher.correct_query(parsed, text, aliases={"content": "words"})
        except Exception:  # noqa: BLE001 - no suggestion for queries Whoosh cannot correct
            return None
        if corrected.query != parsed and corrected.string.strip().lower() != text.strip().lower():
            return corrected.string
        return None

    def similar(self, text: str, *, board_id: int | None, limit: int = 5) -> list[Hit]:
        words = significant_words(text)
        if not words:
            return []
        searcher = self._reader()
        parsed = self._parse(" ".join(words), group=OrGroup.factory(0.9))
        query = SearchQuery(text="", kinds=("idea",), board_id=board_id)
        found = searcher.search(And([parsed, *self._filter(query)]), limit=limit, terms=False)
        return [self._hit(searcher, h.docnum, _words(searcher, parsed), SIMILAR_CHARS) for h in found]
