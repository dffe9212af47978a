"""People and their roles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db


class Role(StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    PRODUCT = "product"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    """A person. `session_version` is part of the login token, so bumping it signs out every copy."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('member', 'moderator', 'product', 'admin')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    username: Mapped[str] = mapped_column(String(30), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    avatar: Mapped[str | None] = mapped_column(String(40))  # an uploaded picture's name (cocreate/media.py)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=Role.MEMBER.value)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    # What this customer is worth to the brand (e.g. yearly spend) and their segment, imported by the team;
    # optional, used to weigh votes in the product team's ranking.
    customer_value: Mapped[float | None] = mapped_column(Float)
    segment: Mapped[str] = mapped_column(String(40), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # Not a column: the name of the person's tier as read with them when a request signed them in
    # (accounts/session.py; None for no reward account yet), kept current by rewards when it changes. The
    # rate limits and the vote's weight ask for it on every vote (rewards/perks.py's tier_of_user).
    known_tier = None  # str | None
    tier_is_known = False
    # Not a column either: their unread notifications as read with them (web/templating.py shows it in the
    # menu of pages answering GET, which change no notifications).
    known_unread = None  # int | None

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.MODERATOR, Role.PRODUCT, Role.ADMIN)

    @property
    def is_team(self) -> bool:
        """The product team: ranking, weights, backlog, KPIs, surveys, kiosks, sentiment."""
        return self.role in (Role.PRODUCT, Role.ADMIN)

    @property
    def is_moderator(self) -> bool:
        return self.role in (Role.MODERATOR, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class EmailLink(db.Model):
    """A one-time link sent by e-mail: sign in without a password, or set a new one. Only the SHA-256 of
    the token is stored; a link works once and for a short time (cocreate/accounts/links.py)."""

    __tablename__ = "email_links"
    __table_args__ = (CheckConstraint("purpose IN ('signin', 'reset')", name="purpose_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Consent(db.Model):
    """An opt-in the person gave for one purpose (cocreate/accounts/consents.py); no row means no."""

    __tablename__ = "consents"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
