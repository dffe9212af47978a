"""Board listing: sorts, filters and keyset pagination that never skips or repeats an idea."""

from datetime import timedelta

import pytest

from cocreate.db import utcnow
from cocreate.errors import InvalidInput
from cocreate.ideas.board_reads import board_ideas
from cocreate.ideas.scoring import hot_score
from tests.factories import BoardFactory, IdeaFactory, TagFactory


def _ideas(session, board):
    now = utcnow()
    rows = []
    for i in range(25):
        created = now - timedelta(days=i)
        votes = (i * 7) % 11
        rows.append(
            IdeaFactory(
                board=board,
                created_at=created,
                vote_count=votes,
                hot_score=hot_score(votes, created),
                trend_score=float(i % 5),
                status="planned" if i % 3 == 0 else "open",
            )
        )
    session.commit()
    return rows


@pytest.mark.parametrize("sort", ["hot", "top", "new", "trending"])
def test_keyset_pages_walk_every_idea_once_in_order(session, sort):
    board = BoardFactory()
    rows = _ideas(session, board)
    seen, cursor = [], None
    while True:
        page = board_ideas(session, board, sort=sort, cursor=cursor, limit=4)
        seen += page.ideas
        cursor = page.next_cursor
        if not cursor:
            break
    assert sorted(i.id for i in seen) == sorted(i.id for i in rows)
    key = {"hot": "hot_score", "top": "vote_count", "new": "created_at", "trending": "trend_score"}[sort]
    expected = sorted(rows, key=lambda i: (getattr(i, key), i.id), reverse=True)
    assert [i.id for i in seen] == [i.id for i in expected]


def test_filters_by_status_and_tag(session):
    board = BoardFactory()
    tag = TagFactory(board=board, slug="maps")
    rows = _ideas(session, board)
    rows[1].tags.append(tag)
    rows[3].tags.append(tag)
    session.commit()
    planned = board_ideas(session, board, status="planned", limit=50).ideas
    assert {i.id for i in planned} == {r.id for r in rows if r.status == "planned"}
    tagged = board_ideas(session, board, tag="maps", limit=50).ideas
    assert {i.id for i in tagged} == {rows[1].id, rows[3].id}
    both = board_ideas(session, board, tag="maps", status="planned", limit=50).ideas
    assert {i.id for i in both} == {rows[3].id}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sort": "random"},
        {"status": "finished"},
        {"tag": "unknown"},
        {"cursor": "%%%"},
        {"cursor": "bm9waXBl"},
    ],
)
def test_bad_listing_parameters_are_invalid_input(session, kwargs):
    board = BoardFactory()
    with pytest.raises(InvalidInput):
        board_ideas(session, board, **kwargs)
