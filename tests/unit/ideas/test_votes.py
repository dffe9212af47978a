"""Votes: one per person, atomic counters, importance, budgets released by shipping, events."""

import pytest
from sqlalchemy import func, select, update

from cocreate.errors import Conflict, InvalidInput, NotAllowed, NotFound
from cocreate.events import EventRecord
from cocreate.ideas.models import Idea, Vote
from cocreate.ideas.scoring import hot_score
from cocreate.ideas.services import do_change_importance, do_change_status, do_vote, do_withdraw_vote
from tests.factories import BoardFactory, IdeaFactory, UserFactory


def _count(session, idea):
    session.expire_all()
    return session.get(Idea, idea.id).vote_count, session.scalar(
        select(func.count(Vote.id)).where(Vote.idea_id == idea.id)
    )


def test_vote_counts_once_and_updates_scores(session):
    idea = IdeaFactory()
    voter = UserFactory()
    hot_before, trend_before = idea.hot_score, idea.trend_score
    do_vote(session, actor=voter, idea=idea, importance="critical")
    session.commit()
    assert _count(session, idea) == (1, 1)
    idea = session.get(Idea, idea.id)
    assert idea.trend_score > trend_before
    assert idea.hot_score >= hot_before
    with pytest.raises(Conflict, match="already voted"):
        do_vote(session, actor=voter, idea=idea)
    session.rollback()
    assert _count(session, idea) == (1, 1)
    assert session.scalars(select(EventRecord.name)).all() == ["vote.cast"]


def test_hot_score_follows_the_stored_count_even_when_it_moved_after_the_idea_was_read(session):
    idea = IdeaFactory()
    do_vote(session, actor=UserFactory(), idea=idea)  # the count is what this vote read: one UPDATE
    session.commit()
    assert (idea.vote_count, idea.hot_score) == (1, hot_score(1, idea.created_at))
    voter = UserFactory()
    session.commit()
    read = session.get(Idea, idea.id)
    assert read.vote_count == 1
    # Others' votes land between this vote's read and its UPDATE (bypassing the session, which keeps 1).
    session.execute(update(Idea.__table__).where(Idea.id == idea.id).values(vote_count=5))
    do_vote(session, actor=voter, idea=read)
    session.commit()
    session.expire_all()
    stored = session.get(Idea, idea.id)
    assert (stored.vote_count, stored.hot_score) == (6, hot_score(6, stored.created_at))
    do_withdraw_vote(session, actor=voter, idea=stored)
    session.commit()
    session.expire_all()
    assert session.get(Idea, idea.id).hot_score == hot_score(5, stored.created_at)


def test_withdraw_gives_the_vote_back(session):
    idea = IdeaFactory()
    voter = UserFactory()
    do_vote(session, actor=voter, idea=idea)
    do_withdraw_vote(session, actor=voter, idea=idea)
    session.commit()
    assert _count(session, idea) == (0, 0)
    assert session.scalars(select(EventRecord.name).order_by(EventRecord.id)).all() == [
        "vote.cast",
        "vote.withdrawn",
    ]
    assert abs(session.get(Idea, idea.id).trend_score) < 1e-6 * max(1.0, abs(idea.trend_score) + 1)
    with pytest.raises(Conflict, match="not voted"):
        do_withdraw_vote(session, actor=voter, idea=idea)


def test_unknown_importance_and_signed_out(session):
    idea = IdeaFactory()
    with pytest.raises(InvalidInput):
        do_vote(session, actor=UserFactory(), idea=idea, importance="urgent!!")
    with pytest.raises(NotAllowed, match="Sign in"):
        do_vote(session, actor=None, idea=idea)


def test_change_importance_needs_a_vote(session):
    idea = IdeaFactory()
    voter = UserFactory()
    with pytest.raises(Conflict):
        do_change_importance(session, actor=voter, idea=idea, importance="important")
    do_vote(session, actor=voter, idea=idea)
    assert (
        do_change_importance(session, actor=voter, idea=idea, importance="important").importance
        == "important"
    )


def test_vote_on_private_board_idea_is_not_found(session):
    idea = IdeaFactory(board=BoardFactory(is_private=True, allowed_roles="product"))
    with pytest.raises(NotFound):
        do_vote(session, actor=UserFactory(), idea=idea)


def test_budget_limits_open_votes_and_shipping_releases_them(session):
    board = BoardFactory(vote_budget=2)
    ideas = [IdeaFactory(board=board) for _ in range(3)]
    voter, product = UserFactory(), UserFactory(role="product")
    do_vote(session, actor=voter, idea=ideas[0])
    do_vote(session, actor=voter, idea=ideas[1])
    with pytest.raises(Conflict, match="used all 2 votes"):
        do_vote(session, actor=voter, idea=ideas[2])
    do_change_status(session, actor=product, idea=ideas[0], status="shipped", note="Done")
    do_vote(session, actor=voter, idea=ideas[2])  # the shipped idea's vote came back
    session.commit()
    assert _count(session, ideas[2]) == (1, 1)
    assert _count(session, ideas[0]) == (1, 1)  # the vote still shows on the shipped idea


def test_closed_idea_refuses_new_votes(session):
    idea = IdeaFactory(status="declined")
    with pytest.raises(Conflict, match="Voting is closed"):
        do_vote(session, actor=UserFactory(), idea=idea)
