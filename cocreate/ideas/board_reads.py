"""Reads for a board page: the board with its tags, then one page of ideas, their tags and the viewer's votes.

The board page is the most visited page for signed-in people, so every statement here is built once, with
bound parameters, and kept (SQLAlchemy then only looks up its compiled form): building a statement per request
cost four times its execution on SQLite. Rows come back as plain values, never ORM entities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache, partial
from operator import attrgetter
from types import MappingProxyType
from typing import NamedTuple

from sqlalchemy import String, and_, bindparam, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from cocreate.accounts.models import User
from cocreate.errors import InvalidInput
from cocreate.ideas.models import Board, Idea, Status, Tag, Vote, idea_tags, role_set
from cocreate.moderation.models import State
from cocreate.prepared import Prepared
from cocreate.web.pagination import after_bound, decode_cursor, encode_cursor

_ideas, _users, _boards, _tags, _votes = (
    Idea.__table__.c,
    User.__table__.c,
    Board.__table__.c,
    Tag.__table__.c,
    Vote.__table__.c,
)
SORTS = {
    "hot": _ideas.hot_score,
    "top": _ideas.vote_count,
    "new": _ideas.created_at,
    "trending": _ideas.trend_score,
}
SORT_LABELS = {"hot": "Hot", "top": "Top", "new": "New", "trending": "Trending"}


@dataclass(frozen=True, slots=True)
class TagChip:
    id: int
    slug: str
    name: str


@dataclass(frozen=True)
class BoardView:
    """What a board page needs of its board (the access checks and templates read these names)."""

    id: int
    slug: str
    name: str
    description: str
    is_private: bool
    allowed_roles: str
    vote_budget: int | None
    tags: tuple[TagChip, ...]
    version: int = 0  # raised by the database on every change of the above (ideas/board_versions.py)

    @property
    def allowed_role_set(self) -> frozenset[str]:
        return role_set(self.allowed_roles)


_BOARD = Prepared(
    select(
        _boards.id,
        _boards.slug,
        _boards.name,
        _boards.description,
        _boards.is_private,
        _boards.allowed_roles,
        _boards.vote_budget,
        _boards.version,
        _tags.id,
        _tags.slug,
        _tags.name,
    )
    .select_from(Board.__table__.outerjoin(Tag.__table__, _tags.board_id == _boards.id))
    .where(_boards.slug == bindparam("slug"))
    .order_by(_tags.name)
)


def board_for_page(session: Session, slug: str) -> BoardView | None:
    """The board and its tags (by name), in one statement."""
    rows = _BOARD.rows(session, {"slug": slug})
    if not rows:
        return None
    first = rows[0]
    tags = tuple(TagChip(r[8], r[9], r[10]) for r in rows if r[8] is not None)
    return BoardView(*first[:7], tags=tags, version=first[7])


class IdeaSummary(NamedTuple):
    """What a board row shows. A tuple: a kept row's key holds it whole (ideas/board_rows.py)."""

    id: int
    title: str
    excerpt: str
    status: str
    vote_count: int
    comment_count: int
    created_at: datetime
    hot_score: float
    trend_score: float
    author_name: str
    tags: tuple[TagChip, ...] = ()


@dataclass
class BoardPage:
    ideas: list[IdeaSummary]
    next_cursor: str | None
    my_votes: dict[int, str] = field(default_factory=dict)  # idea id -> importance
    board_version: int | None = None  # the board's version as the page read it (None: no rows to tell)


class joined_tag_ids(FunctionElement):
    """The comma-separated ids of the rows' tags, any order: group_concat on SQLite, string_agg on
    PostgreSQL (an aggregate; a board row's tags come with it this way, not in a second statement)."""

    type = String()
    name = "joined_tag_ids"
    inherit_cache = True


@compiles(joined_tag_ids, "sqlite")
def _tag_ids_sqlite(element, compiler, **kw) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)})"


@compiles(joined_tag_ids, "postgresql")
def _tag_ids_postgresql(element, compiler, **kw) -> str:
    return f"string_agg(CAST({compiler.process(element.clauses, **kw)} AS TEXT), ',')"


_ROW_TAGS = (
    select(joined_tag_ids(idea_tags.c.tag_id)).where(idea_tags.c.idea_id == _ideas.id).scalar_subquery()
)
_BOARD_VERSION = select(_boards.version).where(_boards.id == bindparam("board_id")).scalar_subquery()


@lru_cache(maxsize=128)
def _page_statement(sort: str, status: bool, tag: bool, after: bool, viewer: bool = False) -> Prepared:
    """One page of a board for this shape of request (sort, which filters are set, whether someone is signed
    in: then each row also carries their vote's importance, or NULL), with each row's tag ids and the
    board's version; prepared once (cocreate/prepared.py)."""
    key = SORTS[sort]
    columns = [
        _ideas.id,
        _ideas.title,
        _ideas.excerpt,
        _ideas.status,
        _ideas.vote_count,
        _ideas.comment_count,
        _ideas.created_at,
        _ideas.hot_score,
        _ideas.trend_score,
        _users.display_name,
        _ROW_TAGS,
        _BOARD_VERSION,
    ]
    source = Idea.__table__.join(User.__table__, _users.id == _ideas.author_id)
    if viewer:
        columns.append(_votes.importance)
        source = source.outerjoin(
            Vote.__table__, and_(_votes.idea_id == _ideas.id, _votes.user_id == bindparam("viewer_id"))
        )
    stmt = (
        select(*columns)
        .select_from(source)
        .where(
            _ideas.board_id == bindparam("board_id"),
            _ideas.moderation_state == State.APPROVED.value,
            _ideas.merged_into_id.is_(None),
        )
    )
    if status:
        stmt = stmt.where(_ideas.status == bindparam("status"))
    if tag:
        stmt = stmt.where(
            select(idea_tags.c.idea_id)
            .where(idea_tags.c.idea_id == _ideas.id, idea_tags.c.tag_id == bindparam("tag_id"))
            .exists()
        )
    if after:  # keyset: rows after the cursor's (value, id) in (key desc, id desc)
        stmt = stmt.where(after_bound(key, _ideas.id))
    return Prepared(stmt.order_by(key.desc(), _ideas.id.desc()).limit(bindparam("limit")))


_TAGS_OF = (
    select(idea_tags.c.idea_id, _tags.id, _tags.slug, _tags.name)
    .join(Tag.__table__, _tags.id == idea_tags.c.tag_id)
    .where(idea_tags.c.idea_id.in_(bindparam("ids", expanding=True)))
    .order_by(_tags.name)
)


def board_ideas(
    session: Session,
    board: Board | BoardView,
    *,
    sort: str = "hot",
    status: str | None = None,
    tag: str | None = None,
    cursor: str | None = None,
    limit: int = 20,
    viewer: User | None = None,
) -> BoardPage:
    """One page of a board in one statement: ideas with their authors, tags and the viewer's votes."""
    if sort not in SORTS:
        raise InvalidInput(f"Unknown sort. Use one of: {', '.join(SORTS)}.")
    key = SORTS[sort]
    params: dict = {"board_id": board.id, "limit": limit + 1}
    if status:
        try:
            params["status"] = Status(status).value
        except ValueError:
            raise InvalidInput("Unknown status filter.") from None
    if tag:
        tag_ids = [t.id for t in board.tags if t.slug == tag]
        if not tag_ids:
            raise InvalidInput("Unknown tag filter for this board.")
        params["tag_id"] = tag_ids[0]
    if cursor:
        params["after_value"], params["after_id"] = decode_cursor(cursor, key.type.python_type)
    signed_in = viewer is not None and viewer.is_authenticated
    if signed_in:
        params["viewer_id"] = viewer.id
    stmt = _page_statement(sort, bool(status), bool(tag), bool(cursor), signed_in)
    ideas, my_votes, version, next_cursor = stmt.built(
        session,
        params,
        partial(_page_from_rows, session, board, sort, limit),
        ("board-page", board.id, board.version, sort, limit),  # all the build reads besides the rows
    )
    return BoardPage(ideas=list(ideas), next_cursor=next_cursor, my_votes=my_votes, board_version=version)


def _page_from_rows(session: Session, board, sort: str, limit: int, rows: list) -> tuple:
    """(ideas, the viewer's votes, the board's version, the next page's cursor) from the page's rows,
    immutable: a kept reader keeps them with the rows (Prepared.built)."""
    rows = rows[: limit + 1]
    ideas = tuple(_summaries(session, board, rows[:limit]))
    votes = {row[0]: row[12] for row in rows[:limit] if len(row) > 12 and row[12] is not None}
    version = rows[0][11] if rows else None
    next_cursor = None
    if len(rows) > limit:
        next_cursor = encode_cursor(getattr(ideas[-1], SORTS[sort].key), ideas[-1].id)
    return ideas, MappingProxyType(votes), version, next_cursor


def _summaries(session: Session, board, rows) -> list[IdeaSummary]:
    """The rows with their tags, by name, from the board's own (loaded with it); a tag of another board,
    which the forms never give, is read from the table."""
    chips = {t.id: t if isinstance(t, TagChip) else TagChip(t.id, t.slug, t.name) for t in board.tags}
    named: dict[str | None, tuple[TagChip, ...] | None] = {None: ()}
    for listed in {row[10] for row in rows}:
        found = [int(i) for i in listed.split(",")] if listed else []
        if all(i in chips for i in found):
            named[listed] = tuple(sorted((chips[i] for i in found), key=attrgetter("name")))
        else:
            named[listed] = None
    ideas = [IdeaSummary(*row[:10], named[row[10]]) for row in rows]
    strays = {idea.id: [] for idea in ideas if idea.tags is None}
    if strays:
        for idea_id, tag_id, slug, name in session.execute(_TAGS_OF, {"ids": list(strays)}):
            strays[idea_id].append(TagChip(tag_id, slug, name))
        ideas = [i if i.tags is not None else i._replace(tags=tuple(strays[i.id])) for i in ideas]
    return ideas
