"""The ranked list as CSV or JSON, streamed row by row (memory stays flat at any size): each idea with its
score and where the score comes from. CSV cells that start like a formula are escaped."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.backlog.ranking import weights_for
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
    "proposed_by",
    "proposed_at",
    "url",
)
BATCH = 2000


def rows(session: Session, boards: list[Board], filters: Filters, base_url: str) -> Iterator[dict]:
    """One dict per idea, board by board, in priority order, filtered as on the ranking page."""
    now = utcnow()
    for board in boards:
        here = weights_for(session, board.id).unit(now)
        query = (
            select(
                Idea.id,
                Idea.title,
                Idea.status,
                Idea.vote_count,
                Idea.comment_count,
                Idea.priority,
                Idea.priority_votes,
                Idea.created_at,
                User.display_name,
            )
            .join(User, User.id == Idea.author_id)
            .where(
                Idea.board_id == board.id,
                Idea.merged_into_id.is_(None),
                Idea.moderation_state.in_(VISIBLE_STATES),
            )
            .order_by(Idea.priority.desc(), Idea.id)
            .execution_options(yield_per=BATCH)
        )
        query = filters.apply(query, board.id)
        for rank, (idea_id, title, status, votes, comments, priority, from_votes, at, author) in enumerate(
            session.execute(query), start=1
        ):
            yield {
                "board": board.slug,
                "rank": rank,
                "idea_id": idea_id,
                "title": title,
                "status": status,
                "supporters": votes,
                "comments": comments,
                "score": round(priority / here, 3),
                "score_from_votes": round(from_votes / here, 3),
                "score_from_comments_and_beta": round((priority - from_votes) / here, 3),
                "proposed_by": author,
                "proposed_at": at.isoformat(),
                "url": f"{base_url}/i/{idea_id}",
            }


def as_csv(found: Iterator[dict]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n, row in enumerate(found, start=1):
        writer.writerow([safe_cell(row[c]) for c in COLUMNS])
        if n % 500 == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def as_json(found: Iterator[dict]) -> Iterator[str]:
    yield "["
    chunk: list[str] = []
    first = True
    for row in found:
        chunk.append(("" if first else ",") + json.dumps(row, ensure_ascii=False))
        first = False
        if len(chunk) == 500:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk) + "]"
