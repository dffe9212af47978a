"""Connectors from a board to a product team's backlog, the items sent there, the hosts admins allow on
private networks, and the inbound messages already applied (to refuse replays)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cocreate.accounts.models import User
from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db
from cocreate.ideas.models import Board, Idea
from cocreate.outbox.models import OutboxMessage

KINDS = ("webhook", "github", "jira")
# Events a generic webhook can follow besides the backlog items it is sent.
EVENTS = ("idea.created", "idea.status_changed", "idea.milestone_reached")


class Connector(db.Model):
    """Where a board's ideas go: a signed webhook, GitHub Issues or Jira."""

    __tablename__ = "backlog_connectors"
    __table_args__ = (CheckConstraint(f"kind IN {KINDS!r}", name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(80))
    url: Mapped[str] = mapped_column(String(500))  # the webhook endpoint, or the API's base URL
    project: Mapped[str] = mapped_column(String(120), default="")  # GitHub owner/repo, Jira project key
    token: Mapped[str] = mapped_column(String(500), default="")  # GitHub/Jira credentials, never shown again
    secret: Mapped[str] = mapped_column(String(80))  # whsec_…: signs what we send
    inbound_secret: Mapped[str] = mapped_column(
        String(80)
    )  # whsec_…: what the backlog sends us is signed with
    events: Mapped[str] = mapped_column(String(200), default="")  # comma-separated EVENTS (webhooks)
    auto_send: Mapped[bool] = mapped_column(Boolean, default=False)  # on an idea's last support milestone
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    board: Mapped[Board] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def event_set(self) -> frozenset[str]:
        return frozenset(e for e in self.events.split(",") if e)


class BacklogItem(db.Model):
    """An idea sent to a backlog: once per idea; the external key and link arrive with the answer."""

    __tablename__ = "backlog_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), unique=True)
    connector_id: Mapped[int] = mapped_column(
        ForeignKey("backlog_connectors.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(10), default="sending")  # sending, linked, failed
    external_key: Mapped[str] = mapped_column(String(120), default="")
    external_url: Mapped[str] = mapped_column(String(500), default="")
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))  # None: auto
    message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    linked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    idea: Mapped[Idea] = relationship()
    connector: Mapped[Connector] = relationship()
    message: Mapped[OutboxMessage | None] = relationship()


class AllowedHost(db.Model):
    """A host an admin allows even though it is on a private or loopback network."""

    __tablename__ = "backlog_allowed_hosts"

    id: Mapped[int] = mapped_column(primary_key=True)
    host: Mapped[str] = mapped_column(String(255), unique=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class InboundReceipt(db.Model):
    """A signed message from a backlog that was applied; the same webhook-id again is a replay."""

    __tablename__ = "backlog_inbound_receipts"
    __table_args__ = (UniqueConstraint("connector_id", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    connector_id: Mapped[int] = mapped_column(ForeignKey("backlog_connectors.id", ondelete="CASCADE"))
    message_id: Mapped[str] = mapped_column(String(120))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SavedView(db.Model):
    """A product person's named board and filters on the ranking page."""

    __tablename__ = "saved_views"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    query: Mapped[str] = mapped_column(String(500))  # the page's query string
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
