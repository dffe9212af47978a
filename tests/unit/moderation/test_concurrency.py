"""Concurrent flags: every distinct flag is counted, duplicates are refused, and auto-hide happens once."""

from datetime import timedelta

from sqlalchemy import func, select

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.errors import NotFound
from cocreate.events import EventRecord
from cocreate.ideas.models import Board
from cocreate.ideas.services import do_create_idea
from cocreate.moderation.models import AuditEntry, Flag, ModerationCase
from cocreate.moderation.services import do_flag, do_moderate
from cocreate.reviews.models import Product, Review
from cocreate.reviews.services import do_write_review
from tests.concurrency import race
from tests.factories import BoardFactory, ProductFactory, UserFactory


def _flag(model, object_id, user_id, reason="spam"):
    return lambda s: do_flag(
        s, actor=s.get(User, user_id), obj=s.get(model, object_id), reason=reason, threshold=3
    )


def test_concurrent_flags_count_exactly_and_hide_once(app, session):
    from cocreate.ideas.models import Idea

    board = BoardFactory()
    author = UserFactory(created_at=utcnow() - timedelta(days=9))
    idea = do_create_idea(session, actor=author, board=board, title="Contested idea")
    flaggers = [u.id for u in UserFactory.create_batch(30)]
    session.commit()
    # 30 people flag at once, and the first of them double-clicks 10 more times.
    work = [_flag(Idea, idea.id, u) for u in flaggers] + [_flag(Idea, idea.id, flaggers[0])] * 10
    result = race(app, work)
    # Flags that arrive after the hide are refused (NotFound: already with the moderators), double clicks
    # are Conflicts; nothing else goes wrong.
    assert all(isinstance(e, NotFound) for e in result.errors)
    assert result.ok + result.conflicts + len(result.errors) == 40
    session.commit()
    flags = session.scalar(select(func.count(Flag.id)))
    case = session.scalar(select(ModerationCase))
    # Every flag that landed is counted exactly (no lost update), and the idea was hidden exactly once.
    assert 3 <= flags <= 30 and result.ok == flags == case.flag_count == case.flag_weight
    assert session.get(Idea, idea.id).moderation_state == "hidden"
    assert session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "auto_hide")) == 1
    assert session.scalar(select(func.count(EventRecord.id)).where(EventRecord.name == "content.hidden")) == 1
    assert session.get(Board, board.id).idea_count == 0  # decremented once, not once per flagger


def test_concurrent_flags_below_threshold_each_count(app, session):
    product = ProductFactory()
    author = UserFactory()
    review = do_write_review(session, actor=author, product=product, rating=4, title="Solid tent")
    flaggers = [u.id for u in UserFactory.create_batch(2)]
    session.commit()
    work = [_flag(Review, review.id, u, "off_topic") for u in flaggers] * 8  # each of two people, 8 times
    result = race(app, work)
    assert result.errors == [] and (result.ok, result.conflicts) == (2, 14)
    session.commit()
    case = session.scalar(select(ModerationCase))
    assert (case.flag_count, case.flag_weight, case.is_open) == (2, 2, True)
    assert session.get(Review, review.id).moderation_state == "approved"
    assert session.get(Product, product.id).review_count == 1


def test_moderators_deciding_at_once_decide_once(app, session):
    board = BoardFactory(moderation="pre")
    author = UserFactory()
    moderators = [u.id for u in UserFactory.create_batch(6, role="moderator")]
    from cocreate.ideas.models import Idea

    idea_id = do_create_idea(session, actor=author, board=board, title="Pending idea for two").id
    session.commit()
    work = [
        lambda s, m=m: do_moderate(s, actor=s.get(User, m), obj=s.get(Idea, idea_id), action="approve")
        for m in moderators
    ]
    result = race(app, work)
    assert result.errors == [] and (result.ok, result.conflicts) == (1, 5)
    session.commit()
    assert session.get(Board, board.id).idea_count == 1  # counted once
    assert session.scalar(select(func.count(AuditEntry.id))) == 1
