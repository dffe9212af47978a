"""Answers to the one-question survey that follows a shipped idea."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db


class ShippedRating(db.Model):
    """A supporter's answer to "How well does what shipped solve it for you?" (1–5), once per idea."""

    __tablename__ = "idea_ratings"
    __table_args__ = (
        UniqueConstraint("idea_id", "user_id"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
        Index("ix_idea_ratings_idea", "idea_id", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(10), default="web")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
