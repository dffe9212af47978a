"""Staged support milestones, review on the last one, automatic sending, and expiry with notice first."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cocreate.accounts.models import User
from cocreate.backlog import services as backlog
from cocreate.backlog.models import BacklogItem
from cocreate.db import utcnow
from cocreate.errors import InvalidInput
from cocreate.ideas.models import Idea, StatusChange, Vote
from cocreate.ideas.services import do_vote, do_withdraw_vote
from cocreate.ideas.services.boards import check_thresholds
from cocreate.ideas.thresholds import NOTICE_DAYS, expire_ideas
from cocreate.notifications.models import Notification
from cocreate.outbox.models import OutboxMessage
from tests.concurrency import race
from tests.factories import BoardFactory, IdeaFactory, UserFactory


def _notes(session, kind, user_id=None):
    query = select(Notification.message).where(Notification.kind == kind).order_by(Notification.id)
    if user_id is not None:
        query = query.where(Notification.user_id == user_id)
    return list(session.scalars(query))


def test_milestones_tell_the_author_and_the_last_sends_the_idea_to_review(session):
    board = BoardFactory(support_milestones="2,3")
    idea = IdeaFactory(board=board, title="Trail maps offline")
    team = [UserFactory(role="product"), UserFactory(role="admin")]
    voters = UserFactory.create_batch(3)
    do_vote(session, actor=voters[0], idea=idea)
    assert _notes(session, "idea.milestone") == []
    do_vote(session, actor=voters[1], idea=idea)
    assert _notes(session, "idea.milestone", idea.author_id) == [
        "“Trail maps offline” reached 2 supporters. Next milestone: 3."
    ]
    assert idea.status == "open" and idea.milestone == 2
    do_withdraw_vote(session, actor=voters[1], idea=idea)
    do_vote(session, actor=voters[1], idea=idea)  # the same milestone again: nothing new
    assert len(_notes(session, "idea.milestone")) == 1
    do_vote(session, actor=voters[2], idea=idea)
    session.commit()
    assert idea.status == "under_review" and idea.milestone == 3
    change = session.scalar(select(StatusChange).where(StatusChange.idea_id == idea.id))
    assert (change.actor_id, change.new_status, change.note) == (
        None,
        "under_review",
        "Reached 3 supporters.",
    )
    assert len(_notes(session, "idea.milestone", idea.author_id)) == 2
    for person in team:
        [note] = _notes(session, "idea.review", person.id)
        assert "reached 3 supporters" in note and board.name in note
    assert _notes(session, "idea.review", voters[0].id) == []
    told = set(session.scalars(select(Notification.user_id).where(Notification.kind == "idea.status")))
    assert told == {v.id for v in voters}  # followers hear the idea is under review


def test_an_idea_already_past_open_keeps_its_status_at_the_last_milestone(session):
    board = BoardFactory(support_milestones="1")
    idea = IdeaFactory(board=board, status="planned")
    do_vote(session, actor=UserFactory(), idea=idea)
    assert idea.status == "planned" and idea.milestone == 1
    assert session.scalar(select(func.count(StatusChange.id))) == 0


def test_the_last_milestone_can_send_the_idea_to_the_backlog_automatically(app, session, receiver):
    admin = UserFactory(role="admin")
    board = BoardFactory(support_milestones="2")
    backlog.do_allow_host(session, actor=admin, host="127.0.0.1")
    backlog.do_create_connector(
        session, actor=admin, board=board, kind="webhook", name="Roadmap", url=receiver.url, auto_send=True
    )
    idea = IdeaFactory(board=board)
    do_vote(session, actor=UserFactory(), idea=idea)
    assert session.scalar(select(func.count(BacklogItem.id))) == 0
    do_vote(session, actor=UserFactory(), idea=idea)
    item = session.scalar(select(BacklogItem))
    assert (item.idea_id, item.sent_by_id) == (idea.id, None)
    assert (
        session.scalar(select(OutboxMessage.key).where(OutboxMessage.kind == "webhook"))
        == f"backlog-item:{idea.id}"
    )


def test_many_votes_crossing_a_milestone_at_once_count_it_once(app, session):
    board = BoardFactory(support_milestones="5,20")
    idea = IdeaFactory(board=board)
    idea_id = idea.id
    voter_ids = [u.id for u in UserFactory.create_batch(40)]
    UserFactory(role="product")
    session.commit()

    def vote(user_id):
        return lambda s: do_vote(s, actor=s.get(User, user_id), idea=s.get(Idea, idea_id))

    result = race(app, [vote(u) for u in voter_ids])
    assert result.errors == [] and result.ok == 40
    session.commit()
    assert session.scalar(select(func.count(Vote.id))) == 40
    assert session.get(Idea, idea_id).status == "under_review"
    assert session.scalar(select(func.count(StatusChange.id))) == 1
    assert len(_notes(session, "idea.milestone")) == 2  # 5 and 20, each once
    assert len(_notes(session, "idea.review")) == 1


def test_ideas_expire_after_a_notice_and_milestones_restart_the_clock(session):
    board = BoardFactory(support_milestones="2,10", expiry_days=30)
    long_ago = utcnow() - timedelta(days=40)
    stale = IdeaFactory(board=board, title="Old idea", created_at=long_ago)
    fresh = IdeaFactory(board=board, created_at=utcnow() - timedelta(days=5))
    revived = IdeaFactory(board=board, created_at=long_ago)
    planned = IdeaFactory(board=board, created_at=long_ago, status="planned")
    elsewhere = IdeaFactory(created_at=long_ago)  # a board without expiry
    now = utcnow()
    assert expire_ideas(session, now) == (2, 0)  # notice first, even though the time is up
    [note] = _notes(session, "idea.expiring", stale.author_id)
    assert note.startswith("“Old idea” needs 2 supporters by ")
    mail = session.scalar(select(OutboxMessage).where(OutboxMessage.destination == stale.author.email))
    assert "expires on" in mail.subject
    assert expire_ideas(session, now) == (0, 0)  # told once
    # The revived idea reaches its first milestone: the warning is void and the clock starts again.
    for person in UserFactory.create_batch(2):
        do_vote(session, actor=person, idea=revived)
    assert revived.expiry_warned_at is None
    assert expire_ideas(session, now + timedelta(days=NOTICE_DAYS - 1)) == (0, 0)  # the notice period holds
    assert expire_ideas(session, now + timedelta(days=NOTICE_DAYS, minutes=1)) == (0, 1)
    session.commit()
    assert stale.status == "expired" and revived.status == "open" and fresh.status == "open"
    assert planned.status == "planned" and elsewhere.status == "open"
    change = session.scalar(select(StatusChange).where(StatusChange.idea_id == stale.id))
    assert (change.actor_id, change.note) == (None, "Did not reach 2 supporters within 30 days.")
    assert _notes(session, "idea.expired", stale.author_id)
    with pytest.raises(Exception, match="closed"):
        do_vote(session, actor=UserFactory(), idea=stale)  # expired ideas take no votes


def test_board_threshold_settings_are_checked():
    assert check_thresholds(" 10, 50 ,100 ", 30) == ("10,50,100", 30)
    assert check_thresholds("", None) == ("", None)
    for milestones, expiry in (
        ("10,5", None),
        ("0", None),
        ("a,b", None),
        ("1,1", None),
        (",".join(map(str, range(1, 13))), None),
        ("10", 0),
        ("10", 4000),
        ("", 30),
        ("2000000", None),
    ):
        with pytest.raises(InvalidInput):
            check_thresholds(milestones, expiry)
