"""Sentiment columns for contributions, filled inside the transaction that writes the text.

Models mix in `SentimentTagged` and name their text fields; a `before_flush` hook tags every new object and
every object whose text changed, so services, the API and the CLI all get it without remembering to.
Bulk inserts (demo data) bypass the ORM: `flask sentiment backfill` tags those.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import Float, String, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from cocreate.sentiment import Sentiment, Thresholds, analyze


class SentimentTagged:
    """Mixin: polarity, subjectivity and label of the text fields named in SENTIMENT_FIELDS."""

    SENTIMENT_FIELDS: ClassVar[tuple[str, ...]] = ()

    polarity: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    subjectivity: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    sentiment: Mapped[str] = mapped_column(String(8), default="neutral", server_default="neutral")

    def sentiment_text(self) -> str:
        return "\n".join(str(getattr(self, f) or "") for f in self.SENTIMENT_FIELDS).strip()

    def apply_sentiment(self, result: Sentiment) -> None:
        self.polarity, self.subjectivity, self.sentiment = result.polarity, result.subjectivity, result.label


def thresholds() -> Thresholds:
    """From the app's config when there is one (SENTIMENT_NEGATIVE_BELOW / SENTIMENT_POSITIVE_ABOVE)."""
    from flask import current_app, has_app_context

    if not has_app_context():
        return Thresholds()
    config = current_app.config
    return Thresholds(
        float(config.get("SENTIMENT_NEGATIVE_BELOW", -0.1)),
        float(config.get("SENTIMENT_POSITIVE_ABOVE", 0.1)),
    )


def _text_changed(obj: SentimentTagged) -> bool:
    state = inspect(obj)
    return any(state.attrs[f].history.has_changes() for f in obj.SENTIMENT_FIELDS)


@event.listens_for(Session, "before_flush")
def _tag_sentiment(session: Session, _context, _instances) -> None:
    limits = None
    for obj in list(session.new) + list(session.dirty):
        if not isinstance(obj, SentimentTagged):
            continue
        if obj in session.new or _text_changed(obj):
            limits = limits or thresholds()
            obj.apply_sentiment(analyze(obj.sentiment_text(), limits))
