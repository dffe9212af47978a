"""Concurrent deliveries on a real database (SQLite and PostgreSQL): one row per event, balance = sum of
rows, caps exact."""

from sqlalchemy import func, select

from cocreate.events import UGCApproved
from cocreate.rewards import services
from cocreate.rewards.models import LedgerEntry, RewardAccount
from cocreate.rewards.subscribers import on_ugc_approved
from tests.concurrency import race
from tests.factories import UserFactory


def _state(session, user_id: int) -> tuple[int, int, int]:
    session.commit()  # end our snapshot so we see what the threads committed
    rows = session.scalar(select(func.count(LedgerEntry.id)).where(LedgerEntry.user_id == user_id))
    total = session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(LedgerEntry.user_id == user_id)
    )
    return rows, total, session.get(RewardAccount, user_id).balance


def test_200_deliveries_of_the_same_event_make_one_ledger_row(app, session):
    user_id = UserFactory().id
    session.commit()
    event = UGCApproved(actor_id=None, item_id=7, author_id=user_id)
    result = race(app, [lambda s: on_ugc_approved(s, event)] * 200)
    assert result.errors == [] and result.ok == 200
    assert _state(session, user_id) == (1, 20, 20)


def test_different_events_for_one_person_at_once_all_count(app, session):
    user_id = UserFactory().id
    session.commit()

    def feature(n: int):
        return lambda s: services.credit(s, user_id=user_id, rule="ugc_featured", key=f"ugc_featured:ugc:{n}")

    result = race(app, [feature(n) for n in range(150)])
    assert result.errors == [] and result.ok == 150
    assert _state(session, user_id) == (150, 150 * 50, 150 * 50)


def test_a_daily_cap_holds_under_concurrency(app, session):
    user_id = UserFactory().id
    session.commit()

    def helpful(n: int):  # 2 points each, at most 20 a day
        return lambda s: services.credit(
            s, user_id=user_id, rule="review_helpful", key=f"review_helpful:r:{n}"
        )

    result = race(app, [helpful(n) for n in range(60)])
    assert result.errors == []
    rows, total, balance = _state(session, user_id)
    assert (rows, total, balance) == (60, 20, 20)
    amounts = session.scalars(select(LedgerEntry.amount).where(LedgerEntry.user_id == user_id)).all()
    assert sorted(amounts, reverse=True)[:11] == [2] * 10 + [0]


def test_concurrent_reversals_compensate_once(app, session):
    user = UserFactory()
    user_id = user.id
    services.credit(
        session, user_id=user_id, rule="ugc_approved", key="ugc_approved:ugc:9", source=("ugc", 9)
    )
    services.credit(
        session, user_id=user_id, rule="ugc_featured", key="ugc_featured:ugc:9", source=("ugc", 9)
    )
    session.commit()
    result = race(
        app, [lambda s: services.reverse_for(s, user_id=user_id, source=("ugc", 9), why="Rejected")] * 50
    )
    assert result.errors == []
    assert _state(session, user_id) == (4, 0, 0)
