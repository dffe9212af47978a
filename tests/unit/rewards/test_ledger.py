"""The points ledger: every rule through the real services, idempotency, caps, reversals, adjustments, and
the ledger's append-only guarantee."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.events import UGCApproved
from cocreate.ideas.services import do_create_idea
from cocreate.ideas.services.statuses import do_change_status
from cocreate.ideas.services.votes import do_vote
from cocreate.moderation.models import AuditEntry
from cocreate.moderation.services import do_flag, do_moderate
from cocreate.reviews.services import do_submit_ugc, do_write_review
from cocreate.reviews.services.helpful import do_helpful_vote
from cocreate.rewards import services
from cocreate.rewards.models import LedgerEntry, RewardAccount
from cocreate.rewards.subscribers import on_ugc_approved
from tests.factories import BoardFactory, ProductFactory, UserFactory

OLD = utcnow() - timedelta(days=60)


def _balance(session, user) -> int:
    session.expire_all()
    acct = session.get(RewardAccount, user.id)
    return acct.balance if acct else 0


def _rows(session, user, rule=None) -> list[LedgerEntry]:
    query = select(LedgerEntry).where(LedgerEntry.user_id == user.id)
    if rule:
        query = query.where(LedgerEntry.rule == rule)
    return list(session.scalars(query.order_by(LedgerEntry.id)))


def _sum(session, user) -> int:
    return session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(LedgerEntry.user_id == user.id)
    )


def test_idea_rules_from_proposal_to_shipping(session, monkeypatch, app):
    monkeypatch.setitem(app.config, "REWARDS_MILESTONES", (2, 3))
    monkeypatch.setitem(app.config, "REWARDS_EARLY_SUPPORTERS", 2)
    author = UserFactory(created_at=OLD)
    voters = [UserFactory(created_at=OLD) for _ in range(3)]
    product = UserFactory(role="product")
    board = BoardFactory()
    idea = do_create_idea(session, actor=author, board=board, title="Offline maps for the trail")
    assert [(r.rule, r.amount) for r in _rows(session, author)] == [("idea_proposed", 10)]
    do_vote(session, actor=author, idea=idea)  # one's own vote earns nothing
    for voter in voters:
        do_vote(session, actor=voter, idea=idea)
    milestones = _rows(session, author, "idea_milestone")
    assert [r.key for r in milestones] == [
        f"idea_milestone:idea:{idea.id}:2",
        f"idea_milestone:idea:{idea.id}:3",
    ]
    do_change_status(session, actor=product, idea=idea, status="planned")
    do_change_status(session, actor=product, idea=idea, status="shipped")
    session.commit()
    assert [r.rule for r in _rows(session, author)] == [
        "idea_proposed",
        "idea_milestone",
        "idea_milestone",
        "idea_planned",
        "idea_shipped",
    ]
    assert _balance(session, author) == 10 + 20 + 20 + 50 + 250 == _sum(session, author)
    # The first two voters other than the author share the royalty; the third does not.
    assert [_balance(session, v) for v in voters] == [25, 25, 0]
    assert all(r.board_id == board.id and r.source_kind == "idea" for r in _rows(session, author))


def test_review_helpful_and_ugc_rules(session, tmp_path):
    author, reader, moderator = (
        UserFactory(created_at=OLD),
        UserFactory(created_at=OLD),
        UserFactory(role="moderator"),
    )
    product = ProductFactory()
    review = do_write_review(session, actor=author, product=product, rating=5, title="Warm all night")
    do_helpful_vote(session, actor=reader, review=review, helpful=True)
    do_helpful_vote(
        session, actor=UserFactory(created_at=OLD), review=review, helpful=False
    )  # not helpful: 0
    item = do_submit_ugc(
        session, actor=author, product=product, title="Our camp", story="Snow!", uploads=tmp_path
    )
    assert not _rows(session, author, "ugc_approved")  # waiting for a moderator earns nothing yet
    do_moderate(session, actor=moderator, obj=item, action="feature")
    session.commit()
    assert [(r.rule, r.amount) for r in _rows(session, author)] == [
        ("review_published", 15),
        ("review_helpful", 2),
        ("ugc_approved", 20),
        ("ugc_featured", 50),
    ]
    assert _balance(session, author) == 87
    assert _balance(session, reader) == 0  # voting helpful is not a contribution that earns points


def test_the_same_event_delivered_twice_credits_once(session):
    author = UserFactory(created_at=OLD)
    event = UGCApproved(actor_id=None, item_id=41, author_id=author.id)
    on_ugc_approved(session, event)
    on_ugc_approved(session, event)
    assert services.credit(session, user_id=author.id, rule="ugc_approved", key="ugc_approved:ugc:41") is None
    session.commit()
    assert len(_rows(session, author)) == 1 and _balance(session, author) == 20


def test_daily_cap_trims_to_a_zero_entry_that_says_so(session):
    author = UserFactory(created_at=OLD)
    board = BoardFactory()
    for n in range(5):  # idea_proposed: 10 points, at most 30 a day
        do_create_idea(session, actor=author, board=board, title=f"Distinct idea number {n} about tents")
    session.commit()
    amounts = [r.amount for r in _rows(session, author, "idea_proposed")]
    assert amounts == [10, 10, 10, 0, 0]
    assert "Daily limit of 30" in _rows(session, author, "idea_proposed")[-1].note
    assert _balance(session, author) == 30
    # Yesterday's credits do not count towards today's cap.
    session.execute(
        text(
            "INSERT INTO points_ledger (user_id, amount, rule, key, series, note, created_at) "
            "VALUES (:u, 10, 'review_published', 'old', 'old', '', :t)"
        ),
        {"u": author.id, "t": utcnow() - timedelta(days=1)},
    )
    review = do_write_review(session, actor=author, product=ProductFactory(), rating=4, title="Good")
    assert _rows(session, author, "review_published")[-1].amount == 15 and review.id


def test_rejection_reverses_by_compensating_entries_and_approval_credits_again(session):
    author, moderator = UserFactory(created_at=OLD), UserFactory(role="moderator")
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="A lantern that charges phones")
    session.commit()
    do_moderate(session, actor=moderator, obj=idea, action="reject", reason="off_topic")
    session.commit()
    rows = _rows(session, author, "idea_proposed")
    assert [(r.amount, r.reverses_id) for r in rows] == [(10, None), (-10, rows[0].id)]
    assert "rejected" in rows[1].note and _balance(session, author) == 0 == _sum(session, author)
    do_moderate(session, actor=moderator, obj=idea, action="approve")
    do_moderate(session, actor=moderator, obj=idea, action="reject", reason="spam")
    do_moderate(session, actor=moderator, obj=idea, action="approve")
    session.commit()
    keys = [r.key for r in _rows(session, author, "idea_proposed")]
    assert keys == [
        f"idea_proposed:idea:{idea.id}",
        f"reverse:{rows[0].id}",
        f"idea_proposed:idea:{idea.id}#2",
        keys[3],
        f"idea_proposed:idea:{idea.id}#3",
    ]
    assert _balance(session, author) == 10 == _sum(session, author)


def test_a_milestone_reversed_with_its_idea_is_credited_again_when_it_is_approved_again(
    session, monkeypatch, app
):
    """A rejection takes the milestone credits back with the rest; approval gives back those the idea's
    supporters still hold, under the series' next key (rewards.services.standing_series), and the next
    milestone is credited by the vote that reaches it."""
    monkeypatch.setitem(app.config, "REWARDS_MILESTONES", (2, 4))
    author, moderator = UserFactory(created_at=OLD), UserFactory(role="moderator")
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="Trail maps that work offline")
    for _ in range(3):
        do_vote(session, actor=UserFactory(created_at=OLD), idea=idea)
    session.commit()
    first = f"idea_milestone:idea:{idea.id}:2"
    assert [r.key for r in _rows(session, author, "idea_milestone")] == [first]
    assert services.standing_series(session, [first, f"idea_milestone:idea:{idea.id}:4"]) == {first}
    do_moderate(session, actor=moderator, obj=idea, action="reject", reason="off_topic")
    session.commit()
    assert services.standing_series(session, [first]) == set()
    do_moderate(session, actor=moderator, obj=idea, action="approve")
    session.commit()
    assert services.standing_series(session, [first]) == {first}
    assert [r.key for r in _rows(session, author, "idea_milestone") if r.amount > 0] == [first, f"{first}#2"]
    do_vote(session, actor=UserFactory(created_at=OLD), idea=idea)  # the 4th supporter
    session.commit()
    credits = [r.key for r in _rows(session, author, "idea_milestone") if r.amount > 0]
    assert credits == [first, f"{first}#2", f"idea_milestone:idea:{idea.id}:4"]
    do_vote(session, actor=UserFactory(created_at=OLD), idea=idea)  # both stand: nothing more
    session.commit()
    assert len([r for r in _rows(session, author, "idea_milestone") if r.amount > 0]) == 3
    assert _balance(session, author) == _sum(session, author)


def test_only_the_votes_that_can_reach_a_milestone_read_the_ledger(session, monkeypatch, app):
    """The ledger is asked at a milestone's count and one past it, and at no other count: a milestone the
    author's own vote reached is credited by the next vote."""
    from sqlalchemy import event

    monkeypatch.setitem(app.config, "REWARDS_MILESTONES", (3, 6))
    author = UserFactory(created_at=OLD)
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="A torch that charges by USB")
    asked: list[int] = []

    def before(conn, cursor, statement, params, context, executemany):
        if "points_ledger" in statement and statement.lstrip().upper().startswith("SELECT"):
            asked.append(idea.vote_count)

    event.listen(session.get_bind(), "before_cursor_execute", before)
    try:
        for n in range(1, 9):
            voter = author if n == 3 else UserFactory(created_at=OLD)  # the author's own vote is the 3rd
            do_vote(session, actor=voter, idea=idea)
            session.commit()
    finally:
        event.remove(session.get_bind(), "before_cursor_execute", before)
    assert sorted(set(asked)) == [4, 6, 7]  # not at 3 (the author's), nor at 1, 2, 5 or 8
    credits = [r.key for r in _rows(session, author, "idea_milestone")]
    assert credits == [f"idea_milestone:idea:{idea.id}:3", f"idea_milestone:idea:{idea.id}:6"]
    assert _balance(session, author) == _sum(session, author)


def test_standing_credits_are_found_by_their_series_not_by_walking_the_ledger(session, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's query plan")
    connection = session.connection()
    form = services._standing(2)._compile(connection.dialect)
    values = {"s0": "a", "s1": "b", **dict(form.fixed)}
    plan = connection.exec_driver_sql(
        "EXPLAIN QUERY PLAN " + form.sql, tuple(values[n] for n in form.order)
    ).all()
    assert "ix_points_ledger_series" in plan[0][3], plan


def test_hidden_by_flags_reverses_too(session, app):
    author = UserFactory(created_at=OLD)
    review = do_write_review(
        session, actor=author, product=ProductFactory(), rating=1, title="Leaks everywhere"
    )
    for _ in range(3):
        do_flag(session, actor=UserFactory(created_at=OLD), obj=review, reason="spam", threshold=3)
    session.commit()
    assert [r.amount for r in _rows(session, author)] == [15, -15]
    assert _balance(session, author) == 0


def test_the_ledger_refuses_updates_and_deletes(session, is_postgres):
    author = UserFactory(created_at=OLD)
    services.credit(session, user_id=author.id, rule="survey_answered", key="survey_answered:x:1")
    session.commit()
    row = _rows(session, author)[0]
    row.amount = 1000
    with pytest.raises(PermissionError):
        session.flush()
    session.rollback()
    with pytest.raises(DBAPIError, match="append-only"):
        session.execute(update(LedgerEntry).values(amount=1000))
    session.rollback()
    with pytest.raises(DBAPIError, match="append-only"):
        session.execute(delete(LedgerEntry))
    session.rollback()
    assert _rows(session, author)[0].amount == 5


def test_admin_adjustments_need_a_reason_stay_above_zero_and_are_audited(session):
    admin, member = UserFactory(role="admin"), UserFactory(created_at=OLD)
    with pytest.raises(NotAllowed):
        services.do_adjust(
            session, actor=UserFactory(role="moderator"), user=member, amount=5, reason="Because"
        )
    for amount, reason in ((5, ""), (5, "meh"), (0, "Nothing at all"), (200_000, "Far too many")):
        with pytest.raises(InvalidInput):
            services.do_adjust(session, actor=admin, user=member, amount=amount, reason=reason)
    with pytest.raises(InvalidInput, match="below 0"):
        services.do_adjust(session, actor=admin, user=member, amount=-1, reason="Taking what is not there")
    services.do_adjust(session, actor=admin, user=member, amount=40, reason="Thanks for the meetup")
    services.do_adjust(session, actor=admin, user=member, amount=-15, reason="Duplicate credit")
    session.commit()
    assert _balance(session, member) == 25 == _sum(session, member)
    log = session.scalars(select(AuditEntry).where(AuditEntry.action == "points_adjusted")).all()
    assert [(e.before, e.after, e.note) for e in log] == [
        ({"balance": 0}, {"balance": 40}, "Thanks for the meetup"),
        ({"balance": 40}, {"balance": 25}, "Duplicate credit"),
    ]


def test_admins_set_rule_values_caps_and_switch_rules_off(session):
    admin, member = UserFactory(role="admin"), UserFactory(created_at=OLD)
    with pytest.raises(NotAllowed):
        services.do_set_rule(
            session, actor=member, name="survey_answered", points=5, daily_cap=None, enabled=True
        )
    for name, points, cap in (("nope", 5, None), ("survey_answered", -1, None), ("survey_answered", 5, -3)):
        with pytest.raises(InvalidInput):
            services.do_set_rule(session, actor=admin, name=name, points=points, daily_cap=cap, enabled=True)
    services.do_set_rule(session, actor=admin, name="survey_answered", points=7, daily_cap=7, enabled=True)
    services.credit(session, user_id=member.id, rule="survey_answered", key="survey_answered:a:1")
    services.credit(session, user_id=member.id, rule="survey_answered", key="survey_answered:a:2")
    services.do_set_rule(
        session, actor=admin, name="survey_answered", points=7, daily_cap=None, enabled=False
    )
    assert (
        services.credit(session, user_id=member.id, rule="survey_answered", key="survey_answered:a:3") is None
    )
    session.commit()
    assert [r.amount for r in _rows(session, member)] == [7, 0]


def test_no_points_for_activity_on_ones_own_content(session, monkeypatch, app):
    monkeypatch.setitem(app.config, "REWARDS_MILESTONES", (1,))
    author = UserFactory(created_at=OLD)
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="Bigger tent pegs for sand")
    do_vote(session, actor=author, idea=idea)
    review = do_write_review(session, actor=author, product=ProductFactory(), rating=5, title="Mine")
    with pytest.raises((Conflict, InvalidInput, NotAllowed)):
        do_helpful_vote(session, actor=author, review=review, helpful=True)
    do_change_status(session, actor=UserFactory(role="product"), idea=idea, status="shipped")
    session.commit()
    assert not _rows(session, author, "idea_milestone") and not _rows(session, author, "early_supporter")
    assert not _rows(session, author, "review_helpful")


def test_only_a_reversal_can_take_a_balance_below_zero(session):
    admin, author, moderator = (
        UserFactory(role="admin"),
        UserFactory(created_at=OLD),
        UserFactory(role="moderator"),
    )
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="Pegs that hold in sand")
    services.do_adjust(session, actor=admin, user=author, amount=-10, reason="Mistaken credit, corrected")
    with pytest.raises(InvalidInput):
        services.do_adjust(session, actor=admin, user=author, amount=-1, reason="One more, please")
    do_moderate(session, actor=moderator, obj=idea, action="reject", reason="spam")
    session.commit()
    assert _balance(session, author) == -10 == _sum(session, author)
