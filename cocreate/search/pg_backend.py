"""The PostgreSQL backend: a search_documents table with a generated, weighted tsvector and a GIN index, so
every app server shares one index. websearch_to_tsquery never raises on odd syntax; pg_trgm suggests
spellings from the words we have indexed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import TextClause, text
from sqlalchemy.engine import Connection, Engine

from cocreate.accounts.models import Role
from cocreate.search.backend import STOPWORDS, Hit, Results, SearchQuery, marked_to_html, significant_words
from cocreate.search.documents import Document
from cocreate.search.highlight import SIMILAR_CHARS, SNIPPET_CHARS, stems, title_and_snippet

# Created by raw SQL in the migrations (PostgreSQL only), so they are not in the models' metadata; Alembic's
# comparison is told to leave them alone (migrations/env.py, tests/unit/test_platform.py).
UNMODELLED_TABLES = frozenset({"search_documents", "search_words"})


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic hook: ignore the search tables (and their indexes) that live outside the models."""
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return not (reflected and table in UNMODELLED_TABLES)


WORDS_RE = re.compile(r"[a-z][a-z0-9]{2,29}")

UPSERT = text(
    """
    INSERT INTO search_documents
        (key, kind, object_id, title, body, tags, place, board_id, product_id, status, sentiment, created_at)
    VALUES (:key, :kind, :object_id, :title, :body, :tags, :place, :board_id, :product_id, :status,
            :sentiment, :created_at)
    ON CONFLICT (key) DO UPDATE SET
        title = EXCLUDED.title, body = EXCLUDED.body, tags = EXCLUDED.tags, place = EXCLUDED.place,
        board_id = EXCLUDED.board_id, product_id = EXCLUDED.product_id, status = EXCLUDED.status,
        sentiment = EXCLUDED.sentiment, created_at = EXCLUDED.created_at
    """
)
ADD_WORDS = text(
    "INSERT INTO search_words (word) SELECT unnest(CAST(:words AS text[])) ON CONFLICT DO NOTHING"
)


def _params(doc: Document) -> dict:
    return {
        "key": doc.key,
        "kind": doc.kind,
        "object_id": doc.object_id,
        "title": doc.title,
        "body": doc.body,
        "tags": doc.tags,
        "place": doc.place,
        "board_id": doc.board_id,
        "product_id": doc.product_id,
        "status": doc.status,
        "sentiment": doc.sentiment,
        "created_at": doc.created_at,
    }


def _words(docs: list[Document]) -> list[str]:
    found: set[str] = set()
    for doc in docs:
        found.update(WORDS_RE.findall(f"{doc.title} {doc.body} {doc.tags}".lower()))
    return sorted(found - STOPWORDS)


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


# SQL below is assembled from fixed fragments in this module only; every value is a bound parameter.
def _source(query_sql: str) -> str:
    return f"search_documents, {query_sql} AS q" if query_sql else "search_documents"


def _ranked(conditions: list[str], rank: str, query_sql: str = "") -> str:
    """One page of hits in rank order (newest first among equals), each row with the total.

    The matches are read once into `m`: the total counts them and a top-N sort picks the page, which is
    cheaper than window functions that sort every match. `query_sql` (a tsquery expression) is computed once,
    as `q`, for matching and ranking."""
    return f"""
        WITH m AS MATERIALIZED (
            SELECT key, {rank} AS rank, created_at FROM {_source(query_sql)} {_where(conditions)}
        ), page AS (
            SELECT key, rank, created_at FROM m ORDER BY rank DESC, created_at DESC, key
            LIMIT :limit OFFSET :offset
        )
        SELECT d.key, d.kind, d.object_id, d.title, d.body, d.place, d.status, d.sentiment,
               d.board_id, d.product_id, (SELECT count(*) FROM m) AS total
        FROM page JOIN search_documents d ON d.key = page.key
        ORDER BY page.rank DESC, page.created_at DESC, page.key
    """  # noqa: S608 - built from fixed fragments of this module; every value is bound


@lru_cache(maxsize=256)
def _statement(sql: str) -> TextClause:
    """One TextClause per distinct SQL (a handful of filter shapes), not a new one for every search."""
    return text(sql)


def _query_stems(text_: str) -> frozenset[str]:
    """The words to mark in hits: the query's, without those it excludes ("-word")."""
    return stems(" ".join(w for w in text_.split() if not w.startswith("-")))


@contextmanager
def _unprepared(connection: Connection):
    """No server-side prepared statements here. psycopg prepares a statement on its fifth use, and
    PostgreSQL may then switch to a generic plan, which ranks every match about twice as slowly as a plan made
    for the actual words."""
    driver = connection.connection.driver_connection
    threshold, driver.prepare_threshold = driver.prepare_threshold, None
    try:
        yield
    finally:
        driver.prepare_threshold = threshold


def _like_escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class PostgresBackend:
    name = "postgresql"
    checks_board_access = True  # private boards are left out inside the search statement, one round trip
    needs_rebuild = False  # the table is created by the migrations; it is never "missing"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _reading(self, connection: Connection | None = None):
        """The caller's connection (the request's, already in its transaction: no second checkout), or one
        of our own in autocommit (no BEGIN and ROLLBACK round trips for a read)."""
        if connection is not None:
            with _unprepared(connection):
                yield connection
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as own, _unprepared(own):
            yield own

    def ready(self) -> bool:
        return True  # the table comes with the migrations

    def damaged(self) -> None:
        """Nothing to repair here: errors are the database's and surface as such."""

    def _write(self, connection: Connection, docs: list[Document]) -> None:
        connection.execute(UPSERT, [_params(d) for d in docs])
        words = _words(docs)
        if words:
            connection.execute(ADD_WORDS, {"words": words})

    def index(self, documents: Iterable[Document]) -> None:
        docs = list(documents)
        if docs:
            with self.engine.begin() as connection:
                self._write(connection, docs)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if keys:
            with self.engine.begin() as connection:
                connection.execute(
                    text("DELETE FROM search_documents WHERE key = ANY(:keys)"), {"keys": keys}
                )

    def clear(self) -> None:
        with self.engine.begin() as connection:
            connection.execute(text("DELETE FROM search_documents"))
            connection.execute(text("DELETE FROM search_words"))

    def rebuild(self, batches: Iterable[list[Document]], progress: Callable[[int], None]) -> int:
        """One transaction: searches see the old index until the new one is complete."""
        total = 0
        with self.engine.begin() as connection:
            connection.execute(text("DELETE FROM search_documents"))
            for batch in batches:
                if batch:
                    self._write(connection, batch)
                total += len(batch)
                progress(len(batch))
        # The old rows are dead now: reclaim them, mark pages all-visible and refresh the statistics the
        # planner estimates matches with (VACUUM cannot run inside a transaction).
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE) search_documents, search_words"))
        return total

    @staticmethod
    def _conditions(query: SearchQuery, params: dict) -> list[str]:
        where = []
        if query.kinds:
            where.append("kind = ANY(:kinds)")
            params["kinds"] = list(query.kinds)
        for column, value in (
            ("board_id", query.board_id),
            ("product_id", query.product_id),
            ("status", query.status),
            ("sentiment", query.sentiment),
        ):
            if value:
                where.append(f"{column} = :{column}")
                params[column] = value
        if query.viewer_role != Role.ADMIN:
            # ideas.access.can_view_private in SQL (tests/unit/search/test_search.py holds them equal): a
            # private board shows to the roles in its list; a visitor's empty pattern matches no list.
            where.append(
                "(kind <> 'idea' OR board_id NOT IN (SELECT id FROM boards WHERE is_private"
                " AND ',' || allowed_roles || ',' NOT LIKE :role_like ESCAPE '\\'))"
            )
            role = query.viewer_role
            params["role_like"] = f"%,{_like_escaped(role)},%" if role else ""
        return where

    def _hits(
        self, connection: Connection, ranked_sql: str, params: dict, words: frozenset, width=SNIPPET_CHARS
    ) -> tuple[list[Hit], int]:
        rows = connection.execute(_statement(ranked_sql), params).all()
        hits = []
        for key, kind, object_id, title, body, place, status, sentiment, board_id, product_id, _ in rows:
            title, body = title_and_snippet(title, body, words, width)
            hits.append(
                Hit(
                    key=key,
                    kind=kind,
                    object_id=object_id,
                    title=marked_to_html(title),
                    snippet=marked_to_html(body),
                    place=place,
                    status=status,
                    sentiment=sentiment,
                    board_id=board_id,
                    product_id=product_id,
                )
            )
        return hits, (rows[0][10] if rows else 0)

    def search(self, query: SearchQuery, connection: Connection | None = None) -> Results:
        params: dict = {"text": query.text, "limit": query.per_page, "offset": query.offset}
        where = self._conditions(query, params)
        tsquery = "websearch_to_tsquery('english', :text)" if query.text else ""
        if query.text:
            where.append("tsv @@ q")
        ranked = _ranked(where, "ts_rank(tsv, q)" if query.text else "0", tsquery)
        with self._reading(connection) as connection:
            hits, total = self._hits(connection, ranked, params, _query_stems(query.text))
            if not hits and query.offset:  # past the last page: still say how many there are
                params.update(limit=1, offset=0)
                total = self._hits(connection, ranked, params, frozenset())[1]
            results = Results(hits=hits, total=total)
            if query.text and total < 3:
                results.suggestion = self._suggest(connection, query.text)
        return results

    def _suggest(self, connection: Connection, text_: str) -> str | None:
        words = re.findall(r"[A-Za-z][A-Za-z0-9]*", text_)
        changed, out = False, []
        for word in words:
            lower = word.lower()
            if (
                len(lower) < 3
                or connection.execute(
                    text("SELECT 1 FROM search_words WHERE word = :w"), {"w": lower}
                ).first()
            ):
                out.append(lower)
                continue
            # Trigram neighbours, plus words one or two edits away (trigrams miss swapped letters in short
            # words: "tnet" shares almost none with "tent").
            best = connection.execute(
                text(
                    "SELECT word FROM search_words "
                    "WHERE word % :w "
                    "OR (length(word) BETWEEN :short AND :long AND levenshtein(word, :w) <= 2) "
                    "ORDER BY levenshtein(word, :w), abs(length(word) - length(:w)), "
                    "similarity(word, :w) DESC, word LIMIT 1"
                ),
                {"w": lower, "short": len(lower) - 1, "long": len(lower) + 1},
            ).scalar()
            if best:
                changed = True
            out.append(best or lower)
        return " ".join(out) if changed else None

    def similar(self, text_: str, *, board_id: int | None, limit: int = 5) -> list[Hit]:
        words = significant_words(text_)
        if not words:
            return []
        params: dict = {"words": " | ".join(words), "limit": limit, "offset": 0, "text": ""}
        query = SearchQuery(text="", kinds=("idea",), board_id=board_id)
        where = [*self._conditions(query, params), "tsv @@ q"]
        ranked = _ranked(where, "ts_rank(tsv, q)", "to_tsquery('english', :words)")
        with self._reading() as connection:
            return self._hits(connection, ranked, params, stems(" ".join(words)), SIMILAR_CHARS)[0]
