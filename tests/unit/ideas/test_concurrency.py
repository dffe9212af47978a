"""Concurrent votes on a real database: nothing lost, nothing counted twice (SQLite and PostgreSQL)."""

from sqlalchemy import func, select

from cocreate.accounts.models import User
from cocreate.ideas.models import Idea, Vote
from cocreate.ideas.scoring import hot_score
from cocreate.ideas.services import do_vote
from tests.concurrency import race
from tests.factories import BoardFactory, IdeaFactory, UserFactory

VOTERS = 400


def _vote_in_threads(app, votes: list[tuple[int, int]]) -> tuple[int, int, list[BaseException]]:
    """Cast (user id, idea id) votes, one thread each, released together."""

    def vote(user_id: int, idea_id: int):
        return lambda session: do_vote(
            session, actor=session.get(User, user_id), idea=session.get(Idea, idea_id)
        )

    result = race(app, [vote(u, i) for u, i in votes])
    return result.ok, result.conflicts, result.errors


def _counts(session, idea_id):
    session.commit()  # end our snapshot so we see what the threads committed
    stored = session.get(Idea, idea_id).vote_count
    rows = session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea_id))
    return stored, rows


def test_400_people_voting_at_once_are_all_counted(app, session):
    idea = IdeaFactory()
    user_ids = [u.id for u in UserFactory.create_batch(VOTERS)]
    idea_id = idea.id
    session.commit()
    ok, conflicts, errors = _vote_in_threads(app, [(u, idea_id) for u in user_ids])
    assert errors == []
    assert (ok, conflicts) == (VOTERS, 0)
    assert _counts(session, idea_id) == (VOTERS, VOTERS)
    # Each vote read the idea before it held the row (PostgreSQL) and so often found the count moved: the
    # hot score stored is still the one of the final count.
    stored = session.get(Idea, idea_id)
    assert stored.hot_score == hot_score(VOTERS, stored.created_at)


def test_one_person_voting_400_times_at_once_counts_once(app, session):
    idea = IdeaFactory()
    idea_id, voter_id = idea.id, UserFactory().id
    session.commit()
    ok, conflicts, errors = _vote_in_threads(app, [(voter_id, idea_id)] * VOTERS)
    assert errors == []
    assert (ok, conflicts) == (1, VOTERS - 1)
    assert _counts(session, idea_id) == (1, 1)


def test_concurrent_votes_never_exceed_the_board_budget(app, session):
    board = BoardFactory(vote_budget=3)
    idea_ids = [i.id for i in IdeaFactory.create_batch(12, board=board)]
    voter_id = UserFactory().id
    session.commit()
    ok, conflicts, errors = _vote_in_threads(app, [(voter_id, i) for i in idea_ids])
    assert errors == []
    assert (ok, conflicts) == (3, 9)
    session.commit()
    assert session.scalar(select(func.count(Vote.id)).where(Vote.user_id == voter_id)) == 3
