"""The ranked list as CSV or JSON, streamed row by row (memory stays flat at any size): each idea with its
score and where the score comes from. CSV cells that start like a formula are escaped."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.backlog.ranking import product_mood, scale, weights_for
from cocreate.backlog.workspace import Filters
from cocreate.db import utcnow
from cocreate.ideas.models import Board, Idea
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.web.csv_cells import safe_cell

COLUMNS = (
    "board",
    "rank",
    "idea_id",
    "title",
    "status",
    "supporters",
    "comments",
    "score",
    "score_from_votes",
    "score_from_comments_and_beta",
    "product_review_factor",
    "proposed_by",
    "proposed_at",
    "url",
)
BATCH = 5000


def rows(session: Session, boards: list[Board], filters: Filters, base_url: str) -> Iterator[tuple]:
    """One tuple (COLUMNS) per idea, board by board, in priority order, filtered as on the ranking page."""
    now = utcnow()
    sqlite = session.get_bind().dialect.name == "sqlite"
    # SQLite keeps UTC times as text: reading the text skips a conversion per row (a fifth of the export).
    created = type_coerce(Idea.created_at, String) if sqlite else Idea.created_at
    for board in boards:
        w = weights_for(session, board.id)
        mood = product_mood(session, board.id, w, now)
        k = scale(session, board.id, w, now, mood)
        query = (
            select(
                Idea.id,
                Idea.title,
                Idea.status,
                Idea.vote_count,
                Idea.comment_count,
                Idea.priority,
                Idea.priority_votes,
                created,
                User.display_name,
            )
            .join(User, User.id == Idea.author_id)
            .where(
                Idea.board_id == board.id,
                Idea.merged_into_id.is_(None),
                Idea.moderation_state.in_(VISIBLE_STATES),
            )
            .order_by(Idea.priority.desc(), Idea.id)
        )
        query = filters.apply(query, board.id)
        factor = round(mood.factor, 3)  # one value per board
        # Core rows through the connection: the ORM's per-row bookkeeping was a third of the export.
        result = session.connection().execution_options(yield_per=BATCH).execute(query)
        for rank, (idea_id, title, status, votes, comments, priority, from_votes, at, author) in enumerate(
            result, start=1
        ):
            yield (
                board.slug,
                rank,
                idea_id,
                title,
                status,
                votes,
                comments,
                round(priority * k, 3),
                round(from_votes * k, 3),
                round((priority - from_votes) * k, 3),
                factor,
                author,
                at.replace(" ", "T") + "+00:00" if sqlite else at.isoformat(),
                f"{base_url}/i/{idea_id}",
            )


TITLE, AUTHOR = COLUMNS.index("title"), COLUMNS.index("proposed_by")


def as_csv(found: Iterator[tuple]) -> Iterator[str]:
    """People's text (titles, names) is escaped; the other cells are numbers, slugs, statuses, dates and our
    URLs, which cannot start like a formula (scores are never negative)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    chunk = []
    for row in found:
        row = list(row)
        row[TITLE], row[AUTHOR] = safe_cell(row[TITLE]), safe_cell(row[AUTHOR])
        chunk.append(row)
        if len(chunk) == 1000:
            writer.writerows(chunk)
            chunk = []
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    writer.writerows(chunk)
    yield out.getvalue()


_OBJECT = (
    '{{"board":"{}","rank":{},"idea_id":{},"title":{},"status":"{}","supporters":{},"comments":{},"score":{},'
    '"score_from_votes":{},"score_from_comments_and_beta":{},"product_review_factor":{},"proposed_by":{},'
    '"proposed_at":"{}","url":{}}}'
)


def as_json(found: Iterator[tuple]) -> Iterator[str]:
    """An array of objects with COLUMNS as keys. Only people's text and the URL go through json.dumps; the
    rest are numbers, slugs, statuses and ISO dates, which need no escaping (a test compares with json)."""
    dumps = json.dumps
    yield "["
    chunk: list[str] = []
    first = True
    for board, rank, idea_id, title, status, votes, comments, score, v, c, f, author, at, url in found:
        text = _OBJECT.format(
            board,
            rank,
            idea_id,
            dumps(title, ensure_ascii=False),
            status,
            votes,
            comments,
            score,
            v,
            c,
            f,
            dumps(author, ensure_ascii=False),
            at,
            dumps(url),
        )
        chunk.append(text if first else "," + text)
        first = False
        if len(chunk) == 1000:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk) + "]"
