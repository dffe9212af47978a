"""Moderation: the state every contribution carries, cases in the queue, flags, watched words, audit log."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cocreate.accounts.models import User
from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db


class State(StrEnum):
    """Where a contribution stands. Ideas, comments and reviews start approved (post-moderation) unless their
    board or product asks for pre-moderation; UGC starts pending."""

    PENDING = "pending"
    APPROVED = "approved"
    FEATURED = "featured"
    HIDDEN = "hidden"  # enough flags: out of sight until a moderator decides
    REJECTED = "rejected"
    REMOVED = "removed"  # its author took it down: text erased, out of every list, count and search

    @property
    def label(self) -> str:
        return {
            "pending": "Waiting for moderation",
            "approved": "Published",
            "featured": "Featured",
            "hidden": "Hidden after flags, under review",
            "rejected": "Returned to the author",
            "removed": "Removed by its author",
        }[self.value]


VISIBLE_STATES = (State.APPROVED.value, State.FEATURED.value)
STATE_VALUES = tuple(s.value for s in State)


class ModerationMode(StrEnum):
    POST = "post"  # published at once, flags bring it to the queue
    PRE = "pre"  # held until a moderator approves it


FLAG_REASONS = {
    "spam": "Spam or advertising",
    "offensive": "Offensive or abusive",
    "off_topic": "Off-topic",
    "not_genuine": "Not genuine (fake or paid)",
}
REJECT_REASONS = {
    "spam": "Spam or advertising",
    "offensive": "Offensive or abusive",
    "off_topic": "Off-topic for this place",
    "not_genuine": "Does not look like a genuine experience",
    "personal_data": "Shows someone's personal information",
    "quality": "Photo or text is unclear; please improve it",
    "rights": "Includes material you may not have the rights to",
    "other": "Another reason (see the note)",
}
QUEUE_REASONS = {
    "pre_moderation": "New, pre-moderated",
    "flags": "Flagged by members",
    "watched_word": "Watched word",
    "links": "Many links",
    "repetition": "Repetitive text",
    "resubmitted": "Changed after being returned",
}
WORD_ACTIONS = {
    "block": "Block: refuse the text",
    "queue": "Queue: hold for a moderator",
    "replace": "Replace: swap the word",
}


class ModerationCase(db.Model):
    """One contribution's file in the moderation queue; reopened when it needs another look."""

    __tablename__ = "moderation_cases"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_moderation_cases_open_opened", "is_open", "opened_at", "id"),
        Index("ix_moderation_cases_author", "author_id", "opened_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # idea, comment, review, ugc
    object_id: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    reason: Mapped[str] = mapped_column(String(20))  # a key of QUEUE_REASONS: why it is in the queue
    detail: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")  # preview, refreshed when the text changes
    excerpt: Mapped[str] = mapped_column(String(400), default="")
    sentiment: Mapped[str] = mapped_column(String(8), default="neutral", server_default="neutral")
    flag_count: Mapped[int] = mapped_column(Integer, default=0)  # unresolved flags
    flag_weight: Mapped[int] = mapped_column(Integer, default=0)
    reject_reason: Mapped[str | None] = mapped_column(String(20))
    reject_note: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User] = relationship()

    @property
    def reject_label(self) -> str | None:
        return REJECT_REASONS.get(self.reject_reason) if self.reject_reason else None


class Flag(db.Model):
    """One person's report on one contribution; the unique constraint makes it once per person."""

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("kind", "object_id", "user_id"),
        Index("ix_flags_user_created", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    object_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(500), default="")
    weight: Mapped[int] = mapped_column(Integer, default=1)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()


class WatchedWord(db.Model):
    """A word or phrase that blocks, queues or is replaced in whatever people write."""

    __tablename__ = "watched_words"

    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(String(100), unique=True)  # stored lower-case
    action: Mapped[str] = mapped_column(String(10))
    replacement: Mapped[str] = mapped_column(String(100), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TextFingerprint(db.Model):
    """A digest of what someone wrote recently, to notice the same text posted again and again."""

    __tablename__ = "text_fingerprints"
    __table_args__ = (Index("ix_text_fingerprints_author_digest", "author_id", "digest", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(db.Model):
    """One moderation decision: who, what, when, before/after and why. Rows are never changed or deleted
    (the ORM refuses, and database triggers refuse raw SQL too)."""

    __tablename__ = "moderation_log"
    __table_args__ = (
        Index("ix_moderation_log_created", "created_at", "id"),
        Index("ix_moderation_log_object", "kind", "object_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: the system (auto-hide)
    action: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10))
    object_id: Mapped[int] = mapped_column(Integer)
    before: Mapped[dict] = mapped_column(JSON)
    after: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship()


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _append_only(_mapper, _connection, _target) -> None:
    raise PermissionError("The moderation log is append-only.")
