"""Flags and auto-hide, decisions, pre-moderation, watched words, heuristics, resubmission, the audit log."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed, NotFound
from cocreate.events import EventRecord
from cocreate.ideas.access import check_view_idea
from cocreate.ideas.board_reads import board_ideas
from cocreate.ideas.models import Board, Comment, Idea
from cocreate.ideas.queries import discussion
from cocreate.ideas.services import do_add_comment, do_create_idea, do_edit_comment, do_edit_idea, do_vote
from cocreate.moderation.models import AuditEntry, Flag, ModerationCase
from cocreate.moderation.services import (
    do_add_watched_word,
    do_flag,
    do_moderate,
    do_moderate_many,
    do_remove_watched_word,
)
from cocreate.reviews.models import Product, Review
from cocreate.reviews.queries import product_reviews
from cocreate.reviews.services import do_edit_review, do_write_review
from tests.factories import BoardFactory, ProductFactory, UserFactory

OLD = utcnow() - timedelta(days=30)  # accounts past the "new account" link rule


def _people(n, **kw):
    return [UserFactory(created_at=OLD, **kw) for _ in range(n)]


def _events(session, name):
    return session.scalar(select(func.count(EventRecord.id)).where(EventRecord.name == name))


def _log(session, action):
    return session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_flags_from_distinct_people_hide_an_idea_once(session):
    board = BoardFactory()
    author, *flaggers = _people(5)
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
    (hide,) = _log(session, "auto_hide")
    assert (
        hide.actor_id is None and hide.before == {"state": "approved"} and hide.after == {"state": "hidden"}
    )
    assert _events(session, "content.flagged") == 3 and _events(session, "content.hidden") == 1
    # The moderator restores it: public again, counted again, flags resolved.
    do_moderate(session, actor=moderator, obj=idea, action="approve")
    session.commit()
    assert session.get(Board, board.id).idea_count == 1 and board_ideas(session, board).ideas
    assert not session.scalar(select(func.count(Flag.id)).where(Flag.resolved.is_(False)))
    assert session.get(ModerationCase, case.id).is_open is False


def test_flag_rules(session):
    author, member, other = _people(3)
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
    author, *flaggers = _people(4)
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
    assert _events(session, "content.rejected") == 1 and _events(session, "content.approved") == 1
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


def test_pre_moderated_board_and_product_hold_new_contributions(session):
    board = BoardFactory(moderation="pre")
    product = ProductFactory(moderation="pre")
    member, voter = _people(2)
    moderator, staff = UserFactory(role="moderator"), UserFactory(role="product")
    idea = do_create_idea(session, actor=member, board=board, title="Offline maps please")
    review = do_write_review(session, actor=member, product=product, rating=2, title="Zip broke")
    staff_idea = do_create_idea(session, actor=staff, board=board, title="Team announcement")
    session.commit()
    assert (idea.moderation_state, review.moderation_state, staff_idea.moderation_state) == (
        "pending",
        "pending",
        "approved",
    )
    assert session.get(Board, board.id).idea_count == 1 and session.get(Product, product.id).review_count == 0
    assert {c.reason for c in session.scalars(select(ModerationCase))} == {"pre_moderation"}
    with pytest.raises(NotFound):
        do_vote(session, actor=voter, idea=idea)
    session.rollback()
    with pytest.raises(Conflict):  # its author sees it, but voting waits for publication
        do_vote(session, actor=member, idea=idea)
    session.rollback()
    comment = do_add_comment(session, actor=voter, idea=staff_idea, body="Nice!")
    session.commit()
    assert comment.moderation_state == "pending" and session.get(Idea, staff_idea.id).comment_count == 0
    assert discussion(session, staff_idea, None).comments == []
    assert discussion(session, staff_idea, voter).comments == [comment]  # the author sees their own
    assert discussion(session, staff_idea, moderator).comments == [comment]
    for obj in (idea, review, comment):
        do_moderate(session, actor=moderator, obj=obj, action="approve")
    session.commit()
    assert session.get(Board, board.id).idea_count == 2
    assert session.get(Product, product.id).review_count == 1
    assert session.get(Idea, staff_idea.id).comment_count == 1


def test_watched_words_block_queue_and_replace(session):
    moderator = UserFactory(role="moderator")
    member = UserFactory(created_at=OLD)
    board = BoardFactory()
    do_add_watched_word(session, actor=moderator, word="Buy Followers", action="block")
    do_add_watched_word(session, actor=moderator, word="giveaway", action="queue")
    do_add_watched_word(session, actor=moderator, word="idiot", action="replace", replacement="[…]")
    session.commit()
    with pytest.raises(Conflict):
        do_add_watched_word(session, actor=moderator, word="buy  followers", action="queue")
    session.rollback()
    with pytest.raises(InvalidInput):
        do_add_watched_word(session, actor=moderator, word="x", action="queue")
    with pytest.raises(InvalidInput):
        do_add_watched_word(session, actor=moderator, word="spam", action="delete")
    with pytest.raises(NotAllowed):
        do_add_watched_word(session, actor=member, word="spam", action="queue")
    with pytest.raises(InvalidInput) as blocked:
        do_create_idea(session, actor=member, board=board, title="Great tip", body="BUY FOLLOWERS now")
    assert blocked.value.field == "body" and "buy followers" in blocked.value.message
    session.rollback()
    assert session.scalar(select(func.count(Idea.id))) == 0
    fixed = do_create_idea(
        session, actor=member, board=board, title="Idiot-proof setup", body="An idiot could do it"
    )
    held = do_create_idea(session, actor=member, board=board, title="Our Giveaway!", body="Win things")
    session.commit()
    assert (fixed.title, fixed.body, fixed.moderation_state) == (
        "[…]-proof setup",
        "An […] could do it",
        "approved",
    )
    assert held.moderation_state == "pending"
    case = session.scalar(select(ModerationCase).where(ModerationCase.object_id == held.id))
    assert (case.reason, case.detail) == ("watched_word", "giveaway")
    # A published idea edited to include a queued word goes back to the moderators.
    do_edit_idea(
        session,
        actor=member,
        idea=fixed,
        title="Setup guide",
        body="Also: a giveaway",
        tag_slugs=[],
        edit_window=timedelta(minutes=30),
    )
    session.commit()
    assert fixed.moderation_state == "pending" and session.get(Board, board.id).idea_count == 0
    word = session.scalar(select(func.count()).select_from(text("watched_words")))
    assert word == 3
    from cocreate.moderation.models import WatchedWord

    do_remove_watched_word(session, actor=moderator, entry=session.scalar(select(WatchedWord).limit(1)))
    session.commit()
    assert [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))].count(
        "word_added"
    ) == 3
    assert len(_log(session, "word_removed")) == 1


def test_link_and_repetition_heuristics_queue_suspicious_text(session):
    veteran = UserFactory(created_at=OLD)
    newcomer = UserFactory()  # joined just now
    board = BoardFactory()
    idea = do_create_idea(session, actor=veteran, board=board, title="Useful idea for everyone")

    def comment(actor, body):
        return do_add_comment(session, actor=actor, idea=idea, body=body)

    cases = [
        (comment(veteran, "See https://a.example and https://b.example"), "approved"),
        (comment(veteran, " ".join(f"https://x{i}.example" for i in range(4))), "pending"),  # many links
        (comment(newcomer, "My site: www.example.com"), "pending"),  # a link from a brand-new account
        (comment(newcomer, "No links here, welcome!"), "approved"),
        (comment(veteran, "WOW!!!!!!!!!!!!!!!!"), "pending"),  # repeated characters
        (comment(veteran, "buy buy buy buy buy buy now"), "pending"),  # repeated words
        (comment(veteran, "This exact text is posted twice today."), "approved"),
        (comment(veteran, "This exact  text is posted TWICE today."), "pending"),  # the same text again
    ]
    session.commit()
    assert [c.moderation_state for c, _ in cases] == [expected for _, expected in cases]
    reasons = dict(session.execute(select(ModerationCase.object_id, ModerationCase.reason)).all())
    assert [reasons.get(c.id) for c, e in cases if e == "pending"] == [
        "links",
        "links",
        "repetition",
        "repetition",
        "repetition",
    ]
    assert session.get(Idea, idea.id).comment_count == 3


def test_decisions_are_validated_and_limited_to_moderators(session):
    member, author = _people(2)
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
    assert len(_log(session, "approve")) == 3 and session.get(Board, board.id).idea_count == 3


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
    author, other = _people(2)
    idea = do_create_idea(session, actor=author, board=board, title="Thread test idea")
    held = do_add_comment(session, actor=author, idea=idea, body="!!!!!!!!!!!!!!!!!!!!")
    session.commit()
    assert held.moderation_state == "pending"
    with pytest.raises(InvalidInput):
        do_add_comment(session, actor=other, idea=idea, body="Reply", parent_id=held.id)
    session.rollback()
    assert session.scalar(select(func.count(Comment.id))) == 1


def test_a_returned_comment_is_fixed_and_resubmitted(session):
    author, other = _people(2)
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


def test_fingerprints_older_than_a_day_are_forgotten(session):
    from cocreate.moderation.models import TextFingerprint
    from cocreate.moderation.screening import screen

    author = UserFactory(created_at=OLD)
    session.add(
        TextFingerprint(author_id=author.id, digest="x" * 64, created_at=utcnow() - timedelta(days=2))
    )
    session.flush()
    screen(session, author, {"body": "A sentence long enough to be remembered."})
    assert session.scalars(
        select(TextFingerprint.digest).where(TextFingerprint.author_id == author.id)
    ).all() != ["x" * 64]
    assert (
        session.scalar(select(func.count(TextFingerprint.id)).where(TextFingerprint.author_id == author.id))
        == 1
    )
