"""Reads for sentiment: the mix of labels for a set of contributions, and monthly trends for charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from cocreate.db import utcnow
from cocreate.insights.sentiment import LABELS
from cocreate.moderation.models import VISIBLE_STATES


@dataclass(frozen=True)
class Mix:
    negative: int = 0
    neutral: int = 0
    positive: int = 0

    @property
    def total(self) -> int:
        return self.negative + self.neutral + self.positive

    def share(self, label: str) -> int:
        """Percentage (0–100) of the label, for bars and text."""
        return round(100 * getattr(self, label) / self.total) if self.total else 0


def sentiment_mix(session: Session, model, *conditions) -> Mix:
    """How many visible contributions of `model` matching the conditions carry each label."""
    rows = session.execute(
        select(model.sentiment, func.count())
        .where(model.moderation_state.in_(VISIBLE_STATES), *conditions)
        .group_by(model.sentiment)
    ).all()
    counts = {label: n for label, n in rows if label in LABELS}
    return Mix(**counts)


@dataclass(frozen=True)
class TrendPoint:
    month: str  # YYYY-MM
    average: float  # mean polarity
    negative: int
    neutral: int
    positive: int


def _month(session: Session, column):
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


def sentiment_trend(session: Session, model, *conditions, months: int = 12) -> list[TrendPoint]:
    """Monthly mean polarity and label counts of visible contributions, oldest month first."""
    since = utcnow() - timedelta(days=31 * months)
    month = _month(session, model.created_at).label("month")
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
