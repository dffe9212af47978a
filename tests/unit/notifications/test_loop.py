"""Closing the loop: a status change reaches every voter and commenter once, in the app and by e-mail as
each prefers (at once or in a daily digest); the roadmap and changelog show it, private boards excluded."""

from datetime import timedelta

from sqlalchemy import select

from cocreate.db import utcnow
from cocreate.ideas import roadmap as r
from cocreate.ideas.services import do_add_comment, do_create_idea, do_vote
from cocreate.ideas.services.statuses import do_change_status
from cocreate.notifications.loop import do_set_preferences, queue_digests
from cocreate.notifications.models import Notification
from cocreate.outbox import services as outbox
from cocreate.outbox.models import OutboxMessage
from cocreate.worker import senders
from tests.factories import BoardFactory, UserFactory

OLD = utcnow() - timedelta(days=60)


def _setup(session):
    author = UserFactory(created_at=OLD)
    voters = [UserFactory(created_at=OLD) for _ in range(3)]
    talker = UserFactory(created_at=OLD)
    team = UserFactory(role="product")
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="Solar charging for the lantern")
    for v in voters:
        do_vote(session, actor=v, idea=idea)
    do_add_comment(session, actor=talker, idea=idea, body="Yes please")
    do_add_comment(session, actor=voters[0], idea=idea, body="And a USB-C port")  # votes and comments: once
    do_vote(session, actor=team, idea=idea)  # the person changing the status is not told about it
    return idea, author, voters, talker, team


def _told(session, kind="idea.status"):
    return sorted(session.scalars(select(Notification.user_id).where(Notification.kind == kind)))


def test_voters_and_commenters_hear_once_in_app_and_by_email(session):
    idea, author, voters, talker, team = _setup(session)
    do_change_status(session, actor=team, idea=idea, status="planned", note="Coming in spring")
    session.commit()
    assert _told(session) == sorted([v.id for v in voters] + [talker.id])
    message = session.scalar(select(Notification.message).where(Notification.kind == "idea.status"))
    assert message == "“Solar charging for the lantern” is planned. Coming in spring"
    mails = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert sorted(m.destination for m in mails) == sorted(u.email for u in [*voters, talker])
    assert (
        mails[0].subject == "“Solar charging for the lantern” is planned"
        and mails[0].payload["link"] == f"/i/{idea.id}"
    )


def test_preferences_turn_email_off_or_into_a_daily_digest(app, session, smtp_server):
    idea, author, voters, talker, team = _setup(session)
    do_set_preferences(session, user=voters[0], email_updates=False, daily_digest=False)
    do_set_preferences(session, user=voters[1], email_updates=True, daily_digest=True)
    do_change_status(session, actor=team, idea=idea, status="planned")
    do_change_status(session, actor=team, idea=idea, status="shipped", note="In stores now")
    session.commit()
    immediate = {m.destination for m in session.scalars(select(OutboxMessage))}
    assert immediate == {voters[2].email, talker.email}  # off and digest readers get no immediate mail
    assert len(_told(session)) == 8  # but everyone sees it in the app
    assert queue_digests(session) == 1
    session.commit()
    assert outbox.drain(session, senders(app.config)) == (5, 0)
    digest = next(m for m in smtp_server.messages if m["To"] == voters[1].email)
    body = digest.get_content()
    assert digest["Subject"] == "Your CoCreate digest: 3 updates" and "has shipped. In stores now" in body
    assert "How well does what shipped solve it for you?" in body  # the one-question survey, with its link
    assert queue_digests(session) == 0  # nothing new since


def test_roadmap_and_changelog(session):
    idea, author, voters, talker, team = _setup(session)
    secret = BoardFactory(is_private=True, allowed_roles="product")
    hidden = do_create_idea(session, actor=team, board=secret, title="Secret stove")
    planned = do_create_idea(session, actor=author, board=idea.board, title="Lighter pegs for the tent")
    do_change_status(session, actor=team, idea=planned, status="planned")
    do_change_status(session, actor=team, idea=idea, status="shipped", note="Out now")
    do_change_status(session, actor=team, idea=hidden, status="shipped")
    session.commit()
    columns = r.roadmap(session, voters[0])
    assert [i.title for i in columns["planned"].ideas] == ["Lighter pegs for the tent"]
    assert [i.title for i in columns["shipped"].ideas] == ["Solar charging for the lantern"]
    assert [i.title for i in r.roadmap(session, team)["shipped"].ideas] == [
        "Secret stove",
        "Solar charging for the lantern",
    ]
    log = r.changelog(session, None)
    assert [(e.idea.title, e.note, e.idea.author.id) for e in log.entries] == [
        ("Solar charging for the lantern", "Out now", author.id)
    ]
