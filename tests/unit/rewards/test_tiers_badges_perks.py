"""Tiers (promotion shown, demotion never silent), the perks the platform honours, badges awarded once,
and leaderboards."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput
from cocreate.ideas.services import do_create_idea
from cocreate.ideas.services.votes import do_vote, vote_budget
from cocreate.moderation.models import ModerationCase
from cocreate.moderation.services import do_flag, do_moderate
from cocreate.notifications.models import Notification
from cocreate.reviews.services import do_write_review
from cocreate.reviews.services.helpful import do_helpful_vote
from cocreate.rewards import badges, perks, queries, services
from cocreate.rewards.models import BadgeAward, RewardAccount
from tests.factories import BoardFactory, ProductFactory, UserFactory

OLD = utcnow() - timedelta(days=60)


def _notes(session, user) -> list[tuple[str, str]]:
    return [
        (n.kind, n.message)
        for n in session.scalars(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    ]


def _give(session, user, amount: int) -> None:
    services.do_adjust(
        session, actor=UserFactory(role="admin"), user=user, amount=amount, reason="Test credit"
    )


def test_promotion_is_immediate_and_announced_and_demotion_is_never_silent(session, app, monkeypatch):
    monkeypatch.setitem(app.config, "TIER_POINTS", (20, 40, 80))
    author, moderator = UserFactory(created_at=OLD), UserFactory(role="moderator")
    board = BoardFactory()
    first = do_create_idea(session, actor=author, board=board, title="Solar lantern with a hook")
    second = do_create_idea(session, actor=author, board=board, title="Tent footprint sized to fit")
    session.commit()
    assert session.get(RewardAccount, author.id).tier == "contributor"  # 20 points
    promoted = [m for k, m in _notes(session, author) if k == "tier.promoted"]
    assert promoted == [promoted[0]] and promoted[0].startswith("You are now Contributor!")
    do_moderate(session, actor=moderator, obj=second, action="reject", reason="off_topic")
    session.commit()
    session.expire_all()
    assert session.get(RewardAccount, author.id).tier == "member"
    demoted = [m for k, m in _notes(session, author) if k == "tier.demoted"]
    assert len(demoted) == 1 and "Member" in demoted[0] and "reversed" in demoted[0]
    assert first.id


def test_the_tier_read_with_the_signed_in_person_follows_a_change_in_the_same_request(
    session, app, monkeypatch
):
    """A signed-in person is loaded with their tier (accounts/session.py), which a vote's rate limit and
    weight read without asking again; a promotion or demotion meanwhile changes it on the loaded person."""
    from cocreate.accounts.session import _load_user

    monkeypatch.setitem(app.config, "TIER_POINTS", (20, 40, 80))
    person = UserFactory(created_at=OLD)
    token = person.get_id()
    session.commit()
    session.expunge_all()
    loaded = _load_user(token)
    assert (loaded.tier_is_known, loaded.known_tier) == (True, None)
    assert perks.tier_of_user(session, loaded).name == "member"
    _give(session, loaded, 45)
    assert loaded.known_tier == "insider" == perks.tier_of_user(session, loaded).name
    _give(session, loaded, -30)
    assert loaded.known_tier == "member" == perks.tier_of(session, loaded.id).name
    session.commit()
    assert _load_user(f"{loaded.id}:{loaded.session_version + 1}") is None  # signed out everywhere since


def test_tier_perks_are_honoured_by_votes_flags_and_moderation(session, app, monkeypatch):
    monkeypatch.setitem(app.config, "TIER_POINTS", (10, 20, 30))
    member = UserFactory(created_at=OLD)
    budget_board = BoardFactory(vote_budget=1)
    ideas = [
        do_create_idea(
            session, actor=UserFactory(created_at=OLD), board=budget_board, title=f"Budget idea {n} stove"
        )
        for n in range(4)
    ]
    do_vote(session, actor=member, idea=ideas[0])
    with pytest.raises(Conflict, match="all 1 votes"):
        do_vote(session, actor=member, idea=ideas[1])
    _give(session, member, 10)  # Contributor: 2 more votes
    assert vote_budget(session, budget_board, member) == 3
    do_vote(session, actor=member, idea=ideas[1])
    do_vote(session, actor=member, idea=ideas[2])
    with pytest.raises(Conflict):
        do_vote(session, actor=member, idea=ideas[3])
    # Flags weigh by tier: an Insider's flag counts twice.
    assert perks.flag_weight(session, member.id) == 1
    _give(session, member, 10)
    assert perks.tier_of(session, member.id).name == "insider" and perks.flag_weight(session, member.id) == 2
    target = do_create_idea(
        session, actor=UserFactory(created_at=OLD), board=BoardFactory(), title="Flag me please"
    )
    do_flag(session, actor=member, obj=target, reason="spam", threshold=3)
    assert (
        session.scalar(select(ModerationCase.flag_weight).where(ModerationCase.object_id == target.id)) == 2
    )
    # Co-creators (the trusted tier by default) skip pre-moderation; others wait.
    held_board = BoardFactory(moderation="pre")
    waiting = do_create_idea(session, actor=member, board=held_board, title="Insider idea waits")
    assert waiting.moderation_state == "pending"
    _give(session, member, 10)
    trusted = do_create_idea(
        session, actor=member, board=held_board, title="Co-creator idea goes straight up"
    )
    assert trusted.moderation_state == "approved"
    assert perks.beta_priority(session, member.id) == 3
    monkeypatch.setitem(app.config, "REWARDS_TRUSTED_TIER", "none")  # configurable: nobody by tier
    again = do_create_idea(session, actor=member, board=held_board, title="With the bypass switched off")
    assert again.moderation_state == "pending"


def test_badges_are_awarded_once_with_a_notification(session, tmp_path):
    author, moderator = UserFactory(created_at=OLD), UserFactory(role="moderator")
    product_person = UserFactory(role="product")
    board = BoardFactory()
    first = do_create_idea(session, actor=author, board=board, title="Quieter zip on the sleeping bag")
    do_create_idea(session, actor=author, board=board, title="A second idea about pegs")
    from cocreate.ideas.services.statuses import do_change_status
    from cocreate.reviews.services import do_submit_ugc

    do_change_status(session, actor=product_person, idea=first, status="shipped")
    item = do_submit_ugc(
        session, actor=author, product=ProductFactory(), title="Trip", story="Fun", uploads=tmp_path
    )
    do_moderate(session, actor=moderator, obj=item, action="feature")
    session.commit()
    awarded = session.scalars(
        select(BadgeAward.badge).where(BadgeAward.user_id == author.id).order_by(BadgeAward.id)
    )
    assert list(awarded) == ["first_idea", "first_shipped", "featured_creator"]
    assert [k for k, _ in _notes(session, author)].count("badge.awarded") == 3
    assert badges.award(session, author.id, "first_idea") is None  # once


def test_helpful_streak_needs_five_days_in_a_row(session):
    author = UserFactory(created_at=OLD)
    review = do_write_review(session, actor=author, product=ProductFactory(), rating=5, title="Great stove")
    for days_ago in (4, 3, 2, 1):  # helpful votes received on the previous four days
        session.execute(
            text(
                "INSERT INTO points_ledger (user_id, amount, rule, key, series, note, created_at) "
                "VALUES (:u, 2, 'review_helpful', :k, :k, '', :t)"
            ),
            {"u": author.id, "k": f"old:{days_ago}", "t": utcnow() - timedelta(days=days_ago)},
        )
    assert not badges.has_badge(session, author.id, "helpful_streak")
    do_helpful_vote(session, actor=UserFactory(created_at=OLD), review=review, helpful=True)
    assert badges.has_badge(session, author.id, "helpful_streak")


def test_top_reviewer_of_a_month(session):
    busy, quiet = UserFactory(created_at=OLD), UserFactory(created_at=OLD)
    products = [ProductFactory() for _ in range(3)]
    october = datetime(2026, 10, 15, tzinfo=UTC)
    for product in products:
        do_write_review(session, actor=busy, product=product, rating=4, title="Solid").created_at = october
    do_write_review(session, actor=quiet, product=products[0], rating=3, title="Fine").created_at = october
    do_write_review(session, actor=quiet, product=products[1], rating=3, title="Later")  # November
    session.flush()
    assert badges.do_award_top_reviewer(session, 2026, 10) == busy.id
    assert badges.do_award_top_reviewer(session, 2026, 10) == busy.id  # again: still one badge
    assert session.scalar(select(BadgeAward.detail).where(BadgeAward.user_id == busy.id)) == "October 2026"
    assert badges.do_award_top_reviewer(session, 2026, 9) is None
    for year, month in ((2026, 13), (1999, 1), (2099, 1)):
        with pytest.raises(InvalidInput):
            badges.do_award_top_reviewer(session, year, month)


def test_leaderboards_all_time_recent_per_board_and_opt_out(session):
    board, other = BoardFactory(), BoardFactory()
    alice, bob, cleo = (UserFactory(created_at=OLD, display_name=n) for n in ("Alice", "Bob", "Cleo"))
    do_create_idea(session, actor=alice, board=board, title="Alice idea one about tents")
    do_create_idea(session, actor=alice, board=board, title="Alice idea two about stoves")
    do_create_idea(session, actor=bob, board=other, title="Bob idea about lanterns")
    _give(session, cleo, 100)
    session.execute(  # Bob's old points: in all time, not in the last 30 days
        text(
            "INSERT INTO points_ledger (user_id, amount, rule, key, series, note, board_id, created_at) "
            "VALUES (:u, 500, 'idea_shipped', 'old', 'old', '', :b, :t)"
        ),
        {"u": bob.id, "b": other.id, "t": utcnow() - timedelta(days=90)},
    )
    session.flush()

    def names(**kw):
        return [(r.user.display_name, r.points) for r in queries.leaderboard(session, **kw)]

    assert names() == [("Bob", 510), ("Cleo", 100), ("Alice", 20)]
    assert names(days=30) == [("Cleo", 100), ("Alice", 20), ("Bob", 10)]
    assert names(board_id=board.id) == [("Alice", 20)]
    services.do_set_leaderboard_visibility(session, actor=cleo, visible=False)
    assert "Cleo" not in [n for n, _ in names()]
    services.do_set_leaderboard_visibility(session, actor=cleo, visible=True)
    assert "Cleo" in [n for n, _ in names()]


def test_standing_and_history(session, app, monkeypatch):
    monkeypatch.setitem(app.config, "TIER_POINTS", (100, 500, 2000))
    author = UserFactory(created_at=OLD)
    _give(session, author, 130)
    standing = queries.standing(session, author.id)
    assert (
        standing.balance,
        standing.tier.name,
        standing.next.name,
        standing.to_next,
        standing.progress,
    ) == (
        130,
        "contributor",
        "insider",
        370,
        8,
    )
    for n in range(35):
        services.credit(session, user_id=author.id, rule="survey_answered", key=f"survey_answered:s:{n}")
    first = queries.history(session, author.id)
    assert len(first.rows) == 30 and first.next_cursor
    rest = queries.history(session, author.id, cursor=first.next_cursor)
    assert len(rest.rows) == 6 and rest.next_cursor is None
    assert {r.entry.id for r in first.rows}.isdisjoint(r.entry.id for r in rest.rows)
    with pytest.raises(InvalidInput):
        queries.history(session, author.id, cursor="garbage!")
