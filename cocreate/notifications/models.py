"""In-app notifications: what happened, for whom, where to look, and whether it was seen. Incoming e-mail:
one row per message read by `flask mail ingest`, so that no message becomes two ideas."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read_created", "user_id", "read_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))  # tier.promoted, tier.demoted, badge.awarded, ...
    message: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class NotificationPreference(db.Model):
    """How a person wants to hear about the ideas they follow (voted for or discussed)."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    email_updates: Mapped[bool] = mapped_column(Boolean, default=True)  # e-mail when a followed idea moves
    daily_digest: Mapped[bool] = mapped_column(Boolean, default=False)  # one e-mail a day instead
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class IncomingMail(db.Model):
    """A message sent to the ideas address, and what became of it (an idea, held, skipped or refused)."""

    __tablename__ = "incoming_mail"
    __table_args__ = (
        CheckConstraint("status IN ('idea', 'held', 'skipped', 'refused')", name="status_known"),
        Index("ix_incoming_mail_received", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_key: Mapped[str] = mapped_column(String(250), unique=True)  # Message-ID, or a hash of the bytes
    sender: Mapped[str] = mapped_column(String(254), default="")
    subject: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(300), default="")
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
