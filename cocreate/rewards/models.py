"""The points ledger (append-only), each person's cached balance and tier, admin rule settings, badges."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
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


class LedgerEntry(db.Model):
    """One credit, reversal or adjustment. Never changed or deleted (the ORM refuses, and triggers refuse
    raw SQL): a mistake is corrected by a compensating entry. `key` makes a delivery count once."""

    __tablename__ = "points_ledger"
    __table_args__ = (
        Index("ix_points_ledger_user_created", "user_id", "created_at"),
        Index("ix_points_ledger_user_rule_created", "user_id", "rule", "created_at"),
        Index("ix_points_ledger_source", "source_kind", "source_id"),
        Index("ix_points_ledger_created", "created_at"),
        Index("ix_points_ledger_board_created", "board_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    amount: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(170), unique=True)  # `series`, or `series#n` after n-1 reversals
    series: Mapped[str] = mapped_column(String(160), index=True)  # the event: "idea_proposed:idea:12"
    source_kind: Mapped[str | None] = mapped_column(String(16))  # idea, review, ugc, comment, beta, survey
    source_id: Mapped[int | None] = mapped_column(Integer)
    board_id: Mapped[int | None] = mapped_column(ForeignKey("boards.id", ondelete="SET NULL"))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("points_ledger.id"), unique=True)
    note: Mapped[str] = mapped_column(Text, default="")  # why: a cap, a reversal, an admin's reason
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@event.listens_for(LedgerEntry, "before_update")
@event.listens_for(LedgerEntry, "before_delete")
def _append_only(_mapper, _connection, _target) -> None:
    raise PermissionError("The points ledger is append-only.")


class RewardAccount(db.Model):
    """Derived from the ledger and kept in step with it in the same transaction (balance = sum of rows).
    Only a reversal can take the balance below zero (points already adjusted away, then the content that
    earned them is rejected); adjustments refuse to."""

    __tablename__ = "reward_accounts"
    __table_args__ = (Index("ix_reward_accounts_lifetime", "lifetime"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    balance: Mapped[int] = mapped_column(Integer, default=0)
    lifetime: Mapped[int] = mapped_column(Integer, default=0)  # what tiers go by (no spending yet: = balance)
    tier: Mapped[str] = mapped_column(String(16), default="member")
    hide_from_leaderboards: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()


class RuleSetting(db.Model):
    """An admin's value for one rule (points, daily cap, on/off); rules without a row use the defaults."""

    __tablename__ = "reward_rules"

    rule: Mapped[str] = mapped_column(String(32), primary_key=True)
    points: Mapped[int] = mapped_column(Integer)
    daily_cap: Mapped[int | None] = mapped_column(Integer)  # points per person per day; None: no cap
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BadgeAward(db.Model):
    """A badge, awarded once per person."""

    __tablename__ = "badge_awards"
    __table_args__ = (UniqueConstraint("user_id", "badge"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    badge: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(String(200), default="")
    awarded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
