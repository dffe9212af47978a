"""Comments (one level of replies, @mentions) and status changes with history."""

import pytest
from sqlalchemy import select

from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.events import EventRecord
from cocreate.ideas.models import Idea, StatusChange
from cocreate.ideas.services import do_add_comment, do_change_status
from tests.factories import IdeaFactory, UserFactory


def test_comment_with_mention_links_profile_and_counts(session):
    idea = IdeaFactory()
    mia = UserFactory(username="mia")
    author = UserFactory()
    comment = do_add_comment(session, actor=author, idea=idea, body="Agree with @mia and @nobody_here")
    session.commit()
    assert '<a href="/u/mia" class="mention"' in comment.body_html
    assert "/u/nobody_here" not in comment.body_html
    assert session.get(Idea, idea.id).comment_count == 1
    event = session.scalars(select(EventRecord).where(EventRecord.name == "comment.added")).one()
    assert event.payload["mentioned_user_ids"] == [mia.id]


def test_reply_to_a_reply_joins_the_thread_root(session):
    idea = IdeaFactory()
    user = UserFactory()
    root = do_add_comment(session, actor=user, idea=idea, body="Root")
    reply = do_add_comment(session, actor=user, idea=idea, body="Reply", parent_id=root.id)
    deeper = do_add_comment(session, actor=user, idea=idea, body="Deeper", parent_id=reply.id)
    assert reply.parent_id == root.id and deeper.parent_id == root.id


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_empty_or_huge_comment_is_refused(session, body):
    with pytest.raises(InvalidInput):
        do_add_comment(session, actor=UserFactory(), idea=IdeaFactory(), body=body)


def test_reply_to_comment_of_another_idea_is_refused(session):
    user = UserFactory()
    other = do_add_comment(session, actor=user, idea=IdeaFactory(), body="Elsewhere")
    with pytest.raises(InvalidInput):
        do_add_comment(session, actor=user, idea=IdeaFactory(), body="Hi", parent_id=other.id)


def test_status_change_is_recorded_with_note_and_event(session):
    idea = IdeaFactory()
    product = UserFactory(role="product")
    do_change_status(session, actor=product, idea=idea, status="planned", note="Next quarter")
    do_change_status(session, actor=product, idea=idea, status="shipped", note="Out now")
    session.commit()
    history = session.scalars(select(StatusChange).order_by(StatusChange.id)).all()
    assert [(h.old_status, h.new_status, h.note) for h in history] == [
        ("open", "planned", "Next quarter"),
        ("planned", "shipped", "Out now"),
    ]
    assert session.get(Idea, idea.id).status == "shipped"
    names = session.scalars(select(EventRecord.name)).all()  # rewards add their own events
    assert [n for n in names if n.startswith("idea.")] == ["idea.status_changed"] * 2


def test_members_cannot_change_status_and_bad_values_are_refused(session):
    idea = IdeaFactory()
    with pytest.raises(NotAllowed):
        do_change_status(session, actor=UserFactory(), idea=idea, status="shipped")
    admin = UserFactory(role="admin")
    with pytest.raises(InvalidInput):
        do_change_status(session, actor=admin, idea=idea, status="done-ish")
    with pytest.raises(Conflict):
        do_change_status(session, actor=admin, idea=idea, status="open")
