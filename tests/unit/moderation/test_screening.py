"""Screening before anything is stored: pre-moderated boards and products, watched words, links and
repetition, and how long fingerprints of recent posts are kept."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed, NotFound
from cocreate.ideas.models import Board, Idea
from cocreate.ideas.queries import discussion
from cocreate.ideas.services import do_add_comment, do_create_idea, do_edit_idea, do_vote
from cocreate.moderation.models import AuditEntry, ModerationCase
from cocreate.moderation.services import do_moderate
from cocreate.moderation.watched_words import do_add_watched_word, do_remove_watched_word
from cocreate.reviews.models import Product
from cocreate.reviews.services import do_write_review
from tests.factories import BoardFactory, ProductFactory, UserFactory
from tests.unit.moderation.common import OLD, audit_log, people


def test_pre_moderated_board_and_product_hold_new_contributions(session):
    board = BoardFactory(moderation="pre")
    product = ProductFactory(moderation="pre")
    member, voter = people(2)
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
    assert len(audit_log(session, "word_removed")) == 1


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
