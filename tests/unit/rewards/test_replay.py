"""Crediting history (existing installs, the demo): the same keys as the live rules, dated when things
happened, and nothing new the second time. Plus the CLI commands."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from cocreate.demo.generator import Size, generate
from cocreate.notifications.models import Notification
from cocreate.reviews.services import do_write_review
from cocreate.rewards.models import BadgeAward, LedgerEntry, RewardAccount
from cocreate.rewards.replay import replay
from tests.factories import ProductFactory, UserFactory


def _totals(session):
    rows = session.scalar(select(func.count(LedgerEntry.id)))
    ledger = dict(
        session.execute(
            select(LedgerEntry.user_id, func.sum(LedgerEntry.amount)).group_by(LedgerEntry.user_id)
        ).all()
    )
    accounts = dict(session.execute(select(RewardAccount.user_id, RewardAccount.balance)).all())
    return rows, ledger, accounts


def test_replaying_history_credits_once_and_balances_match_the_rows(session, app):
    generate(
        session,
        Size(users=30, ideas=40, votes=400, comments=20),
        seed=9,
        uploads=Path(app.instance_path) / "up",
    )
    session.commit()
    replay(session)
    session.commit()
    rows, ledger, accounts = _totals(session)
    assert rows > 40 and ledger == {k: v for k, v in accounts.items() if k in ledger}
    assert set(session.scalars(select(LedgerEntry.rule))) >= {
        "idea_proposed",
        "idea_milestone",
        "idea_shipped",
    }
    assert session.scalar(select(func.count(BadgeAward.id))) > 0
    # Badges are dated when they were earned (they said "5 minutes ago" for a first idea months old), and
    # replaying history notifies nobody of it.
    first_credit = dict(
        session.execute(
            select(LedgerEntry.user_id, func.min(LedgerEntry.created_at))
            .where(LedgerEntry.rule == "idea_proposed")
            .group_by(LedgerEntry.user_id)
        ).all()
    )
    badge = select(BadgeAward.user_id, BadgeAward.awarded_at).where(BadgeAward.badge == "first_idea")
    awarded = dict(session.execute(badge).all())
    assert awarded and awarded == {user: first_credit[user] for user in awarded}
    featured = select(func.count(BadgeAward.id)).where(BadgeAward.badge == "featured_creator")
    told = select(func.count(Notification.id)).where(Notification.kind == "badge.awarded")
    assert session.scalar(told) == session.scalar(featured)  # the demo's moderator features live
    # Entries are dated when things happened, not now.
    assert session.scalar(select(func.min(LedgerEntry.created_at))) < session.scalar(
        select(func.max(LedgerEntry.created_at))
    )
    replay(session)
    session.commit()
    assert _totals(session) == (rows, ledger, accounts)


def test_cli_replay_and_top_reviewer(app, session):
    author = UserFactory()
    review = do_write_review(session, actor=author, product=ProductFactory(), rating=5, title="Great")
    review.created_at = datetime(2026, 10, 3, tzinfo=UTC)
    session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["rewards", "replay"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["rewards", "top-reviewer", "--month", "2026-10"])
    assert result.exit_code == 0 and f"user {author.id}" in result.output, result.output
    assert runner.invoke(args=["rewards", "top-reviewer", "--month", "2026-09"]).output.startswith("Nobody")
    for bad in ("October", "2026-13", "2999-01"):
        result = runner.invoke(args=["rewards", "top-reviewer", "--month", bad])
        assert result.exit_code != 0 and "month" in result.output.lower(), result.output
