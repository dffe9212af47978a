"""Boards, ideas, votes, comments, statuses and edit history."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Float,
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
from cocreate.channels import Channel, ChannelStamped
from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db
from cocreate.tagging import SentimentTagged


class Status(StrEnum):
    OPEN = "open"
    UNDER_REVIEW = "under_review"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    SHIPPED = "shipped"
    DECLINED = "declined"
    EXPIRED = "expired"  # did not gather the board's support in time

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


CLOSED_STATUSES = frozenset({Status.SHIPPED, Status.DECLINED, Status.EXPIRED})


class Importance(StrEnum):
    NICE = "nice"
    IMPORTANT = "important"
    CRITICAL = "critical"

    @property
    def label(self) -> str:
        return {"nice": "Nice to have", "important": "Important", "critical": "Critical"}[self.value]


def _in(values) -> str:
    return "(" + ", ".join(f"'{v.value}'" for v in values) + ")"


def role_set(allowed_roles: str) -> frozenset[str]:
    """The roles of a board's comma-separated `allowed_roles`."""
    return frozenset(r for r in allowed_roles.split(",") if r)


class Board(db.Model):
    """One product or area. Private boards are visible to the roles in `allowed_roles` only."""

    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    is_private: Mapped[bool] = mapped_column(Boolean, default=False)
    allowed_roles: Mapped[str] = mapped_column(String(100), default="")  # comma-separated Role values
    vote_budget: Mapped[int | None] = mapped_column(Integer)  # open votes per person; None: unlimited
    moderation: Mapped[str] = mapped_column(String(4), default="post", server_default="post")  # post | pre
    idea_count: Mapped[int] = mapped_column(Integer, default=0)
    # Staged support (LEGO Ideas style): supporters counts, ascending; the last one sends an open idea to
    # review. An open idea that reaches no new milestone within expiry_days expires (None: never).
    support_milestones: Mapped[str] = mapped_column(String(100), default="", server_default="")
    expiry_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Raised by the database when a shown column of the board or one of its tags changes: workers keep
    # boards and check them against it (ideas/board_versions.py). Never written by the application.
    version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    tags: Mapped[list[Tag]] = relationship(back_populates="board", order_by="Tag.name")
    # Board.ranking_weights, the product team's weights for the board (None: the defaults), is added by
    # cocreate/backlog/models.py, which defines them.

    @property
    def allowed_role_set(self) -> frozenset[str]:
        return role_set(self.allowed_roles)

    @property
    def milestones(self) -> tuple[int, ...]:
        return tuple(int(n) for n in self.support_milestones.split(",") if n.strip().isdigit())


idea_tags = Table(
    "idea_tags",
    db.metadata,
    Column("idea_id", ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(db.Model):
    """A label defined on a board; ideas may only carry their board's tags."""

    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("board_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(40))

    board: Mapped[Board] = relationship(back_populates="tags")


class Idea(SentimentTagged, ChannelStamped, db.Model):
    """A proposal on a board. Counters and scores are stored and only changed atomically in SQL."""

    __tablename__ = "ideas"
    SENTIMENT_FIELDS = ("title", "body")
    __table_args__ = (
        CheckConstraint(f"status IN {_in(Status)}", name="status_known"),
        CheckConstraint(f"channel IN {_in(Channel)}", name="channel_known"),
        CheckConstraint("vote_count >= 0", name="vote_count_not_negative"),
        Index("ix_ideas_board_hot", "board_id", "hot_score", "id"),
        Index("ix_ideas_board_top", "board_id", "vote_count", "id"),
        Index("ix_ideas_board_new", "board_id", "created_at", "id"),
        Index("ix_ideas_board_trending", "board_id", "trend_score", "id"),
        Index("ix_ideas_trending", "trend_score", "vote_count", "id"),  # the home page, across boards
        Index("ix_ideas_board_status_hot", "board_id", "status", "hot_score", "id"),
        Index("ix_ideas_board_priority", "board_id", "priority", "id"),
        Index("ix_ideas_author_created", "author_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(140))
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")  # rendered and sanitized at write time
    excerpt: Mapped[str] = mapped_column(String(240), default="")
    status: Mapped[str] = mapped_column(String(16), default=Status.OPEN.value)
    moderation_state: Mapped[str] = mapped_column(String(10), default="approved", server_default="approved")
    vote_count: Mapped[int] = mapped_column(Integer, default=0)
    comment_count: Mapped[int] = mapped_column(Integer, default=0)
    hot_score: Mapped[float] = mapped_column(Float, default=0.0)
    trend_score: Mapped[float] = mapped_column(Float, default=0.0)
    # The product team's priority (backlog/ranking.py), in the board's decay-scaled units.
    priority: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    priority_votes: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")  # the votes' share
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # any change, status included
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the text or tags, by a person
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    milestone: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # highest reached
    milestone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when; starts a new window
    expiry_warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    board: Mapped[Board] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    recorded_by: Mapped[User | None] = relationship(foreign_keys="Idea.recorded_by_id")
    tags: Mapped[list[Tag]] = relationship(secondary=idea_tags, order_by="Tag.name")


class Vote(ChannelStamped, db.Model):
    """One person's support for one idea; the unique constraint makes double votes impossible."""

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("idea_id", "user_id"),
        CheckConstraint(f"importance IN {_in(Importance)}", name="importance_known"),
        Index("ix_votes_user_created", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    importance: Mapped[str] = mapped_column(String(10), default=Importance.NICE.value)
    weight: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")  # ranking, set when cast
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    idea: Mapped[Idea] = relationship()


class Comment(SentimentTagged, ChannelStamped, db.Model):
    """A comment on an idea; replies go one level deep (parent is always a top-level comment)."""

    __tablename__ = "comments"
    SENTIMENT_FIELDS = ("body",)
    __table_args__ = (
        Index("ix_comments_idea_created", "idea_id", "created_at"),
        Index("ix_comments_author_created", "author_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    moderation_state: Mapped[str] = mapped_column(String(10), default="approved", server_default="approved")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    idea: Mapped[Idea] = relationship()


class StatusChange(db.Model):
    """Who moved an idea from one status to another, when, and why (actor None: CoCreate itself, on a
    threshold, an expiry or a status sent by a connected backlog)."""

    __tablename__ = "idea_status_changes"
    __table_args__ = (
        Index("ix_idea_status_changes_idea_created", "idea_id", "created_at"),
        Index("ix_idea_status_changes_new_created", "new_status", "created_at", "id"),  # the changelog
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    old_status: Mapped[str] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship()


class IdeaRevision(db.Model):
    """The text of an idea before an edit, kept for the edit history."""

    __tablename__ = "idea_revisions"
    __table_args__ = (Index("ix_idea_revisions_idea_created", "idea_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(140))
    body: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    editor: Mapped[User] = relationship()


class RankingWeights(db.Model):
    """How a board's product team weighs what customers want: the board's setting, which the backlog's ranking
    (backlog/ranking.py) applies; defaults without a row."""

    __tablename__ = "ranking_weights"

    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), primary_key=True)
    importance: Mapped[dict] = mapped_column(JSON, default=dict)  # nice / important / critical -> factor
    tiers: Mapped[dict] = mapped_column(JSON, default=dict)  # tier name -> factor
    value_weight: Mapped[float] = mapped_column(Float, default=0.5)
    half_life_days: Mapped[int] = mapped_column(Integer, default=90)  # 0: no decay
    comment_weight: Mapped[float] = mapped_column(Float, default=0.5)
    beta_weight: Mapped[float] = mapped_column(Float, default=3.0)
    review_weight: Mapped[float] = mapped_column(Float, default=1.0, server_default="1")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    rescored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # None or older: the worker re-scores


# A vote loads its board's weights with its idea and board (ideas/queries.py) and is weighed before it is
# written (the backlog's rule, asked through ideas/hooks.py).
Board.ranking_weights = relationship(RankingWeights, viewonly=True, uselist=False)
