"""Reads for sentiment: the mix of labels for a set of contributions, and monthly trends for charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from cocreate.db import utcnow
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.sentiment import LABELS


@dataclass(frozen=True)
class TrendPoint:
    month: str  # YYYY-MM (or YYYY-MM-DD by day)
    average: float  # mean polarity
    negative: int
    neutral: int
    positive: int


def period(session: Session, column, daily: bool = False):
    """The UTC day (YYYY-MM-DD) or month (YYYY-MM) of a timestamp column, on SQLite and PostgreSQL."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD" if daily else "YYYY-MM")
    return func.strftime("%Y-%m-%d" if daily else "%Y-%m", column)


def sentiment_trend(
    session: Session,
    model,
    *conditions,
    months: int = 12,
    since: datetime | None = None,
    until: datetime | None = None,
    daily: bool = False,
) -> list[TrendPoint]:
    """Mean polarity and label counts of visible contributions per month (or day), oldest first; the last
    `months` by default, or from `since` to `until` (exclusive)."""
    since = since or utcnow() - timedelta(days=31 * months)
    if until is not None:
        conditions = (*conditions, model.created_at < until)
    month = period(session, model.created_at, daily).label("month")
    rows = session.execute(
        select(
            month,
            func.avg(model.polarity),
            *(func.sum(case((model.sentiment == label, 1), else_=0)) for label in LABELS),
        )
        .where(model.moderation_state.in_(VISIBLE_STATES), model.created_at >= since, *conditions)
        .group_by(month)
        .order_by(month)
    ).all()
    return [
        TrendPoint(m, round(float(avg or 0), 3), int(neg or 0), int(neu or 0), int(pos or 0))
        for m, avg, neg, neu, pos in rows
    ]
