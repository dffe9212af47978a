"""Merging duplicates: votes move once per person, counters follow, voters are told, the duplicate leaves
the board and search, and its page redirects; refusals change nothing."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.ideas.models import Board, Idea, Vote
from cocreate.ideas.services import do_create_idea, do_vote
from cocreate.ideas.services.merge import do_merge
from cocreate.moderation.models import AuditEntry
from cocreate.notifications.models import Notification
from cocreate.rewards.models import LedgerEntry
from cocreate.search import service
from tests.factories import BoardFactory, UserFactory

OLD = utcnow() - timedelta(days=60)


def _ideas(session):
    board = BoardFactory()
    kept = do_create_idea(
        session, actor=UserFactory(created_at=OLD), board=board, title="Dark mode for the app"
    )
    dup = do_create_idea(
        session, actor=UserFactory(created_at=OLD), board=board, title="Please add a dark theme"
    )
    return board, kept, dup


def test_votes_move_once_per_person_and_everyone_is_told(session, app, monkeypatch):
    monkeypatch.setitem(app.config, "REWARDS_MILESTONES", (4,))
    board, kept, dup = _ideas(session)
    both, only_kept = UserFactory(created_at=OLD), UserFactory(created_at=OLD)
    only_dup = [UserFactory(created_at=OLD) for _ in range(3)]
    for person in (both, only_kept):
        do_vote(session, actor=person, idea=kept)
    for person in (both, *only_dup):
        do_vote(session, actor=person, idea=dup)
    moderator = UserFactory(role="moderator")
    session.commit()
    assert do_merge(session, actor=moderator, source=dup, target=kept) == 3
    session.commit()
    session.expire_all()
    kept, dup = session.get(Idea, kept.id), session.get(Idea, dup.id)
    assert (kept.vote_count, dup.vote_count, dup.merged_into_id) == (5, 0, kept.id)
    assert session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == kept.id)) == 5
    assert session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == dup.id)) == 0
    told = set(session.scalars(select(Notification.user_id).where(Notification.kind == "idea.merged")))
    assert told == {both.id, *(p.id for p in only_dup)}
    assert session.get(Board, board.id).idea_count == 1
    assert session.scalar(select(AuditEntry.after).where(AuditEntry.action == "merge")) == {
        "merged_into": kept.id,
        "moved": 3,
    }
    assert [h.object_id for h in service.search(session, None, "dark").hits] == [kept.id]  # gone from search
    # The moved votes took the kept idea past its milestone: its author is credited.
    assert (
        session.scalar(select(LedgerEntry.rule).where(LedgerEntry.rule == "idea_milestone"))
        == "idea_milestone"
    )


def test_refusals_change_nothing(session):
    board, kept, dup = _ideas(session)
    other = do_create_idea(
        session, actor=UserFactory(created_at=OLD), board=BoardFactory(), title="Elsewhere"
    )
    staff, member = UserFactory(role="product"), UserFactory()
    with pytest.raises(NotAllowed):
        do_merge(session, actor=member, source=dup, target=kept)
    with pytest.raises(InvalidInput, match="itself"):
        do_merge(session, actor=staff, source=dup, target=dup)
    with pytest.raises(InvalidInput, match="same board"):
        do_merge(session, actor=staff, source=dup, target=other)
    do_merge(session, actor=staff, source=dup, target=kept)
    with pytest.raises(Conflict, match="already merged"):
        do_merge(session, actor=staff, source=dup, target=kept)
    third = do_create_idea(session, actor=UserFactory(created_at=OLD), board=board, title="Night mode please")
    with pytest.raises(Conflict, match="merged into"):
        do_merge(session, actor=staff, source=third, target=dup)


def test_merging_over_http_and_the_duplicate_redirects(client, session):
    board, kept, dup = _ideas(session)
    moderator = UserFactory(role="moderator")
    session.commit()
    client.sign_in(moderator)
    assert "Merge this idea into another" in client.get(f"/i/{dup.id}").get_data(as_text=True)
    bad = client.post_form(f"/i/{dup.id}/merge", {"target": "banana"})
    assert bad.status_code == 400 and "number of the idea to keep" in bad.get_data(as_text=True)
    done = client.post_form(f"/i/{dup.id}/merge", {"target": f"http://x/i/{kept.id}"})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/i/{kept.id}")
    moved = client.get(f"/i/{dup.id}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(f"/i/{kept.id}")
    assert client.post_form(f"/i/{dup.id}/merge", {"target": str(kept.id)}).status_code == 409
