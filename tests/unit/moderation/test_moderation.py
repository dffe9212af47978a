"""Flags and auto-hide, decisions, resubmission, the audit log (screening: test_screening.py)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed, NotFound
from cocreate.ideas.access import check_view_idea
from cocreate.ideas.board_reads import board_ideas
from cocreate.ideas.models import Board, Comment, Idea
from cocreate.ideas.services import do_add_comment, do_create_idea, do_edit_comment
from cocreate.moderation.models import AuditEntry, Flag, ModerationCase
from cocreate.moderation.services import (
    do_flag,
    do_moderate,
    do_moderate_many,
)
from cocreate.reviews.models import Product, Review
from cocreate.reviews.queries import product_reviews
from cocreate.reviews.services import do_edit_review, do_write_review
from tests.factories import BoardFactory, ProductFactory, UserFactory
from tests.unit.moderation.common import OLD, audit_log, events_named, people


def test_flags_from_distinct_people_hide_an_idea_once(session):
    board = BoardFactory()
    author, *flaggers = people(5)
    moderator = UserFactory(role="moderator")
    idea = do_create_idea(session, actor=author, board=board, title="Buy cheap watches here")
    session.commit()
    assert session.get(Board, board.id).idea_count == 1
    for person in flaggers[:2]:
        do_flag(session, actor=person, obj=idea, reason="spam", threshold=3)
    assert idea.moderation_state == "approved"  # two of three: still public
    do_flag(session, actor=flaggers[2], obj=idea, reason="spam", note="advert", threshold=3)
    session.commit()
    session.refresh(idea)
    assert idea.moderation_state == "hidden"
    assert session.get(Board, board.id).idea_count == 0
    assert board_ideas(session, board).ideas == []
    with pytest.raises(NotFound):
        check_view_idea(idea, flaggers[0])
    assert check_view_idea(idea, author) is idea and check_view_idea(idea, moderator) is idea
    with pytest.raises(NotFound):  # a hidden thing cannot be flagged again
        do_flag(session, actor=flaggers[3], obj=idea, reason="spam", threshold=3)
    session.rollback()
    case = session.scalar(select(ModerationCase))
    assert (case.is_open, case.reason, case.flag_count, case.flag_weight) == (True, "flags", 3, 3)
    (hide,) = audit_log(session, "auto_hide")
    assert (
        hide.actor_id is None and hide.before == {"state": "approved"} and hide.after == {"state": "hidden"}
    )
    assert events_named(session, "content.flagged") == 3 and events_named(session, "content.hidden") == 1
    # The moderator restores it: public again, counted again, flags resolved.
    do_moderate(session, actor=moderator, obj=idea, action="approve")
    session.commit()
    assert session.get(Board, board.id).idea_count == 1 and board_ideas(session, board).ideas
    assert not session.scalar(select(func.count(Flag.id)).where(Flag.resolved.is_(False)))
    assert session.get(ModerationCase, case.id).is_open is False


def test_flag_rules(session):
    author, member, other = people(3)
    staff = UserFactory(role="product", created_at=OLD)
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="A reasonable idea")
    session.commit()
    with pytest.raises(NotAllowed):
        do_flag(session, actor=author, obj=idea, reason="spam", threshold=3)
    with pytest.raises(NotAllowed):
        do_flag(session, actor=None, obj=idea, reason="spam", threshold=3)
    with pytest.raises(InvalidInput) as bad:
        do_flag(session, actor=member, obj=idea, reason="boring", threshold=3)
    assert bad.value.field == "reason"
    with pytest.raises(InvalidInput):
        do_flag(session, actor=member, obj=idea, reason="spam", note="x" * 501, threshold=3)
    do_flag(session, actor=member, obj=idea, reason="spam", threshold=3)
    session.commit()
    with pytest.raises(Conflict):
        do_flag(session, actor=member, obj=idea, reason="offensive", threshold=3)
    session.rollback()
    assert session.scalar(select(func.count(Flag.id))) == 1
    # Staff flags weigh as much as the threshold: hidden at once.
    do_flag(session, actor=staff, obj=idea, reason="offensive", threshold=3)
    session.commit()
    assert session.get(Idea, idea.id).moderation_state == "hidden"
    with pytest.raises(NotFound):
        do_flag(session, actor=other, obj=idea, reason="spam", threshold=3)


def test_hidden_and_rejected_reviews_leave_the_product_counters(session):
    product = ProductFactory()
    author, *flaggers = people(4)
    moderator = UserFactory(role="moderator")
    review = do_write_review(session, actor=author, product=product, rating=5, title="Best stove ever")
    session.commit()
    assert session.get(Product, product.id).review_count == 1
    for person in flaggers[:3]:
        do_flag(session, actor=person, obj=review, reason="not_genuine", threshold=3)
    session.commit()
    product = session.get(Product, product.id)
    assert (product.review_count, product.stars_5, product.rating_sum) == (0, 0, 0)
    assert product_reviews(session, product).reviews == []
    do_moderate(session, actor=moderator, obj=review, action="approve")
    session.commit()
    assert session.get(Product, product.id).stars_5 == 1
    do_moderate(
        session, actor=moderator, obj=review, action="reject", reason="not_genuine", note="Paid review"
    )
    session.commit()
    product = session.get(Product, product.id)
    assert (product.review_count, product.stars_5) == (0, 0)
    case = session.scalar(select(ModerationCase).where(ModerationCase.kind == "review"))
    assert (case.reject_reason, case.reject_note, case.reject_label) == (
        "not_genuine",
        "Paid review",
        "Does not look like a genuine experience",
    )
    assert events_named(session, "content.rejected") == 1 and events_named(session, "content.approved") == 1
    # The author fixes it: back to the queue (pending), still not counted, a resubmit in the log.
    do_edit_review(session, actor=author, review=review, rating=4, title="Very good stove, honestly")
    session.commit()
    assert session.get(Review, review.id).moderation_state == "pending"
    assert session.get(Product, product.id).review_count == 0
    case = session.get(ModerationCase, case.id)
    assert case.is_open and case.reason == "resubmitted"
    assert [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))] == [
        "auto_hide",
        "approve",
        "reject",
        "resubmit",
    ]
    do_moderate(session, actor=moderator, obj=review, action="approve")
    session.commit()
    product = session.get(Product, product.id)
    assert (product.review_count, product.stars_4, product.stars_5) == (1, 1, 0)


def test_decisions_are_validated_and_limited_to_moderators(session):
    member, author = people(2)
    moderator = UserFactory(role="moderator")
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="Something to decide")
    session.commit()
    with pytest.raises(NotAllowed):
        do_moderate(session, actor=member, obj=idea, action="reject", reason="spam")
    with pytest.raises(InvalidInput) as no_reason:
        do_moderate(session, actor=moderator, obj=idea, action="reject")
    assert no_reason.value.field == "reason"
    with pytest.raises(InvalidInput):
        do_moderate(
            session, actor=moderator, obj=idea, action="reject", reason="other"
        )  # "other" needs a note
    with pytest.raises(InvalidInput):
        do_moderate(session, actor=moderator, obj=idea, action="feature")  # ideas are not featured
    with pytest.raises(InvalidInput):
        do_moderate(session, actor=moderator, obj=idea, action="delete")
    with pytest.raises(NotFound):
        do_moderate(session, actor=moderator, obj=None, action="approve")
    session.rollback()
    assert session.scalar(select(func.count(AuditEntry.id))) == 0
    do_moderate(session, actor=moderator, obj=idea, action="reject", reason="other", note="Please add detail")
    session.commit()
    with pytest.raises(Conflict):
        do_moderate(session, actor=moderator, obj=idea, action="reject", reason="spam")


def test_bulk_decisions_audit_each_item(session):
    board = BoardFactory(moderation="pre")
    author = UserFactory(created_at=OLD)
    moderator = UserFactory(role="moderator")
    ideas = [do_create_idea(session, actor=author, board=board, title=f"Held idea {n}") for n in range(4)]
    session.commit()
    cases = session.scalars(select(ModerationCase).order_by(ModerationCase.id)).all()
    with pytest.raises(InvalidInput):
        do_moderate_many(session, actor=moderator, case_ids=[], action="approve")
    with pytest.raises(NotAllowed):
        do_moderate_many(session, actor=author, case_ids=[cases[0].id], action="approve")
    done = do_moderate_many(session, actor=moderator, case_ids=[c.id for c in cases[:3]], action="approve")
    session.commit()
    assert done == 3
    assert [session.get(Idea, i.id).moderation_state for i in ideas] == ["approved"] * 3 + ["pending"]
    assert len(audit_log(session, "approve")) == 3 and session.get(Board, board.id).idea_count == 3


def test_the_audit_log_cannot_be_changed(session):
    moderator = UserFactory(role="moderator")
    idea = do_create_idea(
        session, actor=UserFactory(created_at=OLD), board=BoardFactory(), title="Logged idea"
    )
    do_moderate(session, actor=moderator, obj=idea, action="reject", reason="spam")
    session.commit()
    entry = session.scalar(select(AuditEntry))
    entry.note = "rewritten"
    with pytest.raises(PermissionError):
        session.flush()
    session.rollback()
    with pytest.raises(PermissionError):
        session.delete(session.scalar(select(AuditEntry)))
        session.flush()
    session.rollback()
    for statement in (update(AuditEntry).values(note="rewritten"), text("DELETE FROM moderation_log")):
        with pytest.raises(DBAPIError, match="append-only"):
            session.execute(statement)
        session.rollback()
    assert (
        session.scalar(select(AuditEntry.note)) == ""
        and session.scalar(select(func.count(AuditEntry.id))) == 1
    )


def test_comment_replies_cannot_attach_to_held_comments(session):
    board = BoardFactory()
    author, other = people(2)
    idea = do_create_idea(session, actor=author, board=board, title="Thread test idea")
    held = do_add_comment(session, actor=author, idea=idea, body="!!!!!!!!!!!!!!!!!!!!")
    session.commit()
    assert held.moderation_state == "pending"
    with pytest.raises(InvalidInput):
        do_add_comment(session, actor=other, idea=idea, body="Reply", parent_id=held.id)
    session.rollback()
    assert session.scalar(select(func.count(Comment.id))) == 1


def test_a_returned_comment_is_fixed_and_resubmitted(session):
    author, other = people(2)
    moderator = UserFactory(role="moderator")
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="Idea with a rude comment")
    comment = do_add_comment(session, actor=other, idea=idea, body="What a silly thing to ask for")
    session.commit()
    do_moderate(session, actor=moderator, obj=comment, action="reject", reason="offensive", note="Be kind")
    session.commit()
    assert session.get(Idea, idea.id).comment_count == 0
    window = timedelta(minutes=30)
    with pytest.raises(NotAllowed):
        do_edit_comment(session, actor=author, comment=comment, body="Hijack", edit_window=window)
    with pytest.raises(InvalidInput):
        do_edit_comment(session, actor=other, comment=comment, body="   ", edit_window=window)
    session.rollback()
    later = utcnow() + timedelta(days=3)  # past the window: a returned comment can still be fixed
    do_edit_comment(
        session,
        actor=other,
        comment=comment,
        body="I would not use it myself.",
        edit_window=window,
        now=later,
    )
    session.commit()
    case = session.scalar(select(ModerationCase).where(ModerationCase.kind == "comment"))
    assert (comment.moderation_state, case.is_open, case.reason) == ("pending", True, "resubmitted")
    assert comment.edited_at is not None
    do_moderate(session, actor=moderator, obj=comment, action="approve")
    session.commit()
    assert session.get(Idea, idea.id).comment_count == 1
    with pytest.raises(NotAllowed):  # published again, and the window has passed
        do_edit_comment(
            session, actor=other, comment=comment, body="Changed later", edit_window=window, now=later
        )


def test_the_author_of_a_returned_story_hears_why_and_where_to_fix_it(session, tmp_path):
    import io

    from PIL import Image

    from cocreate.notifications.models import Notification
    from cocreate.reviews.services.ugc import do_submit_ugc
    from tests.factories import ProductFactory

    photo = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(photo, format="PNG")
    author, moderator = UserFactory(), UserFactory(role="moderator")
    item = do_submit_ugc(
        session,
        actor=author,
        product=ProductFactory(),
        title="Dawn at the lake",
        photos=[photo.getvalue()],
        uploads=tmp_path,
    )
    do_moderate(session, actor=moderator, obj=item, action="reject", reason="quality", note="Try daylight")
    session.flush()
    note = session.scalar(select(Notification).where(Notification.user_id == author.id))
    assert note.kind == "content.returned" and note.url == f"/ugc/{item.id}/edit"
    assert (
        "“Dawn at the lake”" in note.message
        and "unclear" in note.message
        and "“Try daylight”" in note.message
    )
