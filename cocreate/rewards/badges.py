"""Badges: awarded once each (a unique row per person and badge), with a notification and an event; the
helpful-review streak and the monthly top reviewer. Which events earn which badge: subscribers.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.db import utcnow
from cocreate.errors import InvalidInput
from cocreate.events import BadgeAwarded, emit
from cocreate.notifications.services import notify
from cocreate.rewards.catalog import BADGES
from cocreate.rewards.models import BadgeAward, LedgerEntry
from cocreate.rewards.services import start_of_day


def award(
    session: Session, user_id: int, badge: str, detail: str = "", at: datetime | None = None
) -> BadgeAward | None:
    """Award a badge once; None when the person has it already. `at`: when it was earned, for history
    credited later (`rewards replay`), which tells nobody anything new."""
    row = BadgeAward(user_id=user_id, badge=badge, detail=detail[:200], awarded_at=at or utcnow())
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return None
    found = BADGES[badge]
    if at is None:
        notify(session, user_id, "badge.awarded", f"New badge: {found.label}. {found.criteria}", "/rewards")
    emit(session, BadgeAwarded(actor_id=None, user_id=user_id, badge=badge))
    return row


def has_badge(session: Session, user_id: int, badge: str) -> bool:
    return (
        session.scalar(select(BadgeAward.id).where(BadgeAward.user_id == user_id, BadgeAward.badge == badge))
        is not None
    )


def check_helpful_streak(session: Session, user_id: int, days: int) -> None:
    """Award the streak badge when helpful votes came in on each of the last `days` days."""
    if has_badge(session, user_id, "helpful_streak"):
        return
    since = start_of_day(utcnow()) - timedelta(days=days - 1)
    stamps = session.scalars(
        select(LedgerEntry.created_at).where(
            LedgerEntry.user_id == user_id,
            LedgerEntry.rule == "review_helpful",
            LedgerEntry.reverses_id.is_(None),
            LedgerEntry.created_at >= since,
        )
    ).all()
    if len({s.date() for s in stamps}) >= days:
        award(session, user_id, "helpful_streak", f"{days} days in a row")


def do_award_top_reviewer(session: Session, year: int, month: int) -> int | None:
    """Award the month's top reviewer (most published reviews; ties: most found helpful, then earliest
    member). Returns the person's id, or None when nobody reviewed. Running it again changes nothing."""
    from cocreate.moderation.models import VISIBLE_STATES
    from cocreate.reviews.models import Review

    if not (1 <= month <= 12 and 2000 <= year <= 9999):
        raise InvalidInput("Give a month as YYYY-MM.", field="month")
    start = datetime(year, month, 1, tzinfo=UTC)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=UTC)
    if start > utcnow():
        raise InvalidInput("That month has not happened yet.", field="month")
    reviews = func.count(Review.id)
    best = session.execute(
        select(Review.author_id)
        .where(
            Review.created_at >= start, Review.created_at < end, Review.moderation_state.in_(VISIBLE_STATES)
        )
        .group_by(Review.author_id)
        .order_by(reviews.desc(), func.sum(Review.helpful_count).desc(), Review.author_id)
        .limit(1)
    ).scalar()
    if best is not None:
        award(session, best, "top_reviewer", start.strftime("%B %Y"))
    return best
