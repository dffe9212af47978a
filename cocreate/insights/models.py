"""Surveys: NPS/CSAT/CES micro-surveys attached to moments (the question that follows a shipped idea is a
built-in one of them), and the in-store kiosks that answer them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cocreate.channels import ChannelStamped
from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db


class SurveyKind(StrEnum):
    NPS = "nps"  # 0–10: how likely to recommend; score = % promoters (9–10) − % detractors (0–6)
    CSAT = "csat"  # 1–5: how satisfied; score = % answering 4 or 5
    CES = "ces"  # 1–7: how easy; score = the mean

    @property
    def scale(self) -> tuple[int, int]:
        return {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}[self.value]

    @property
    def label(self) -> str:
        return {"nps": "NPS", "csat": "CSAT", "ces": "CES"}[self.value]


class Moment(StrEnum):
    REVIEW = "review"  # after the person publishes a review (scoped to a product, or any)
    SHIPPED = "shipped"  # after an idea they supported ships (scoped to a board, or any)
    BETA = "beta"  # after a beta program they took part in finishes
    KIOSK = "kiosk"  # asked at in-store kiosks; CSAT ones rate a product

    @property
    def label(self) -> str:
        return {
            "review": "After a review",
            "shipped": "After an idea ships",
            "beta": "After a beta program",
            "kiosk": "At the in-store kiosk",
        }[self.value]


def _in(enum) -> str:
    return "(" + ", ".join(f"'{m.value}'" for m in enum) + ")"


class Survey(db.Model):
    """A micro-survey (one NPS, CSAT or CES question) a product team attaches to a moment. A built-in one
    (`builtin` names it) comes with the app; the team can pause it like its own."""

    __tablename__ = "surveys"
    __table_args__ = (
        CheckConstraint(f"kind IN {_in(SurveyKind)}", name="kind_known"),
        CheckConstraint(f"moment IN {_in(Moment)}", name="moment_known"),
        Index("ix_surveys_moment_active", "moment", "active"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(4))
    moment: Mapped[str] = mapped_column(String(10))
    question: Mapped[str] = mapped_column(String(200))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    board_id: Mapped[int | None] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    builtin: Mapped[str | None] = mapped_column(String(20), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def survey_kind(self) -> SurveyKind:
        return SurveyKind(self.kind)


class SurveyInvitation(db.Model):
    """One person asked one survey about one subject ("review:12", "idea:7", "beta:3"); answered once."""

    __tablename__ = "survey_invitations"
    __table_args__ = (
        UniqueConstraint("survey_id", "user_id", "subject"),
        Index("ix_survey_invitations_user_open", "user_id", "answered_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(40))
    subject_title: Mapped[str] = mapped_column(String(200), default="")  # what the question is about
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    survey: Mapped[Survey] = relationship()


class SurveyResponse(ChannelStamped, db.Model):
    """An answer: from an invited person (web or API), or anonymous from a kiosk."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 10", name="score_range"),
        Index("ix_survey_responses_survey_created", "survey_id", "created_at"),
        Index("ix_survey_responses_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_invitations.id", ondelete="SET NULL"), unique=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(40), default="")
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    survey: Mapped[Survey] = relationship()


class Kiosk(db.Model):
    """An in-store device: it proposes ideas to one board as the store's own account, rates products and
    answers kiosk surveys. It is known by a token kept in its cookie; it stores nothing about people."""

    __tablename__ = "kiosks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))  # the store or location, stamped as `via`
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # authors the kiosk's ideas
    prefix: Mapped[str] = mapped_column(String(12))  # shown to admins to tell tokens apart
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
