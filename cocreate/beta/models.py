"""Beta programs, their linked ideas, sign-ups (seat, waitlist, terms accepted), screening answers,
feedback and invitations."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cocreate.accounts.models import User
from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db


class ProgramState(StrEnum):
    DRAFT = "draft"
    OPEN = "open"  # shown as "full" while every seat is taken: sign-ups join the waitlist
    CLOSED = "closed"  # no new sign-ups; participants keep testing and sending feedback
    FINISHED = "finished"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class SignupStatus(StrEnum):
    PENDING = "pending"  # holds a seat until the team approves or declines
    ACCEPTED = "accepted"
    WAITLISTED = "waitlisted"
    WITHDRAWN = "withdrawn"
    REMOVED = "removed"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {"pending": "Waiting for approval"}.get(self.value, self.value.capitalize())


SEATED = frozenset({SignupStatus.PENDING.value, SignupStatus.ACCEPTED.value})
ACTIVE = SEATED | {SignupStatus.WAITLISTED.value}

program_ideas = Table(
    "beta_program_ideas",
    db.metadata,
    Column("program_id", ForeignKey("beta_programs.id", ondelete="CASCADE"), primary_key=True),
    Column("idea_id", ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True),
)


class BetaProgram(db.Model):
    __tablename__ = "beta_programs"
    __table_args__ = (Index("ix_beta_programs_state_opens", "state", "opens_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    capacity: Mapped[int] = mapped_column(Integer)
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)  # pending + accepted, kept in step
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    min_tier: Mapped[str] = mapped_column(String(16), default="member")
    consents: Mapped[list] = mapped_column(JSON, default=list)  # statements each participant must accept
    questions: Mapped[list] = mapped_column(JSON, default=list)  # [{key, label, choices, eligible}]
    terms: Mapped[str] = mapped_column(Text, default="")
    terms_version: Mapped[int] = mapped_column(Integer, default=1)
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    tier_priority: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(10), default=ProgramState.DRAFT.value)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ideas = relationship("Idea", secondary=program_ideas, order_by="Idea.id")
    product = relationship("Product")

    @property
    def is_full(self) -> bool:
        return self.seats_taken >= self.capacity

    @property
    def display_state(self) -> str:
        """What people see: draft, open, full (waitlist only), closed or finished."""
        if self.state == ProgramState.OPEN.value and self.is_full:
            return "full"
        return self.state


class BetaSignup(db.Model):
    """One person in one program: a seat, a place on the waitlist, or a past participation."""

    __tablename__ = "beta_signups"
    __table_args__ = (
        UniqueConstraint("program_id", "user_id"),
        Index("ix_beta_signups_queue", "program_id", "status", "priority", "signed_up_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("beta_programs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12))
    priority: Mapped[int] = mapped_column(Integer, default=0)  # the tier's priority, when the program uses it
    terms_version: Mapped[int] = mapped_column(Integer)
    terms_accepted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    consents: Mapped[list] = mapped_column(JSON, default=list)  # the statements accepted, word for word
    signed_up_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")  # why removed or declined

    user: Mapped[User] = relationship()
    program: Mapped[BetaProgram] = relationship()
    answers: Mapped[list[BetaAnswer]] = relationship(
        back_populates="signup", cascade="all, delete-orphan", order_by="BetaAnswer.id"
    )


class BetaAnswer(db.Model):
    """A screening answer: zero-party data, given by the person, shown back to them, deleted with them."""

    __tablename__ = "beta_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    signup_id: Mapped[int] = mapped_column(ForeignKey("beta_signups.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))  # the question as it was asked
    answer: Mapped[str] = mapped_column(String(500))
    given_by_person: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    signup: Mapped[BetaSignup] = relationship(back_populates="answers")


class FeedbackKind(StrEnum):
    BUG = "bug"
    SUGGESTION = "suggestion"
    PRAISE = "praise"


class BetaFeedback(db.Model):
    __tablename__ = "beta_feedback"
    __table_args__ = (Index("ix_beta_feedback_program_created", "program_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("beta_programs.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(140))
    body: Mapped[str] = mapped_column(Text, default="")
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default="new")  # new, accepted, declined
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    idea = relationship("Idea")


class BetaInvite(db.Model):
    """Someone asked to join: a voter of a linked idea (when the program opens) or an address the team
    entered. Existing members are told in-app."""

    __tablename__ = "beta_invites"
    __table_args__ = (UniqueConstraint("program_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("beta_programs.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(10))  # voter, team
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
