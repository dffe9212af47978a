"""Products, star reviews with history, helpful votes and imported order records."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cocreate.accounts.models import User
from cocreate.channels import ChannelStamped
from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db
from cocreate.ideas.models import Board
from cocreate.tagging import SentimentTagged

INCENTIVES = {"campaign": "Written for a campaign reward", "beta": "Written as part of a beta program"}


class Product(db.Model):
    """Something customers can review. Rating counters are stored and changed atomically."""

    __tablename__ = "products"
    __table_args__ = (Index("ix_products_bayes", "bayes_score", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    board_id: Mapped[int | None] = mapped_column(ForeignKey("boards.id", ondelete="SET NULL"))
    image: Mapped[str | None] = mapped_column(String(40))  # a name in instance/uploads (cocreate.media)
    review_count: Mapped[int] = mapped_column(Integer, default=0)
    rating_sum: Mapped[int] = mapped_column(Integer, default=0)
    stars_1: Mapped[int] = mapped_column(Integer, default=0)
    stars_2: Mapped[int] = mapped_column(Integer, default=0)
    stars_3: Mapped[int] = mapped_column(Integer, default=0)
    stars_4: Mapped[int] = mapped_column(Integer, default=0)
    stars_5: Mapped[int] = mapped_column(Integer, default=0)
    bayes_score: Mapped[float] = mapped_column(Float, default=0.0)
    moderation: Mapped[str] = mapped_column(String(4), default="post", server_default="post")  # reviews
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    board: Mapped[Board | None] = relationship()

    @property
    def average(self) -> float | None:
        return self.rating_sum / self.review_count if self.review_count else None

    @property
    def histogram(self) -> list[tuple[int, int]]:
        """(stars, count) from 5 down to 1."""
        return [(n, getattr(self, f"stars_{n}")) for n in range(5, 0, -1)]


class Review(SentimentTagged, ChannelStamped, db.Model):
    """One person's review of one product (the unique constraint), rated 1–5 stars."""

    __tablename__ = "reviews"
    SENTIMENT_FIELDS = ("title", "body", "pros", "cons")
    __table_args__ = (
        UniqueConstraint("product_id", "author_id"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_1_to_5"),
        CheckConstraint("helpful_count >= 0 AND unhelpful_count >= 0", name="helpful_not_negative"),
        Index("ix_reviews_product_helpful", "product_id", "helpful_score", "id"),
        Index("ix_reviews_product_new", "product_id", "created_at", "id"),
        Index("ix_reviews_product_rating", "product_id", "rating", "id"),
        Index("ix_reviews_author_created", "author_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    rating: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    pros: Mapped[str] = mapped_column(String(1000), default="")
    cons: Mapped[str] = mapped_column(String(1000), default="")
    incentive: Mapped[str | None] = mapped_column(String(20))  # a key of INCENTIVES, shown as a label
    verified_purchase: Mapped[bool] = mapped_column(Boolean, default=False)
    helpful_count: Mapped[int] = mapped_column(Integer, default=0)
    unhelpful_count: Mapped[int] = mapped_column(Integer, default=0)
    helpful_score: Mapped[float] = mapped_column(Float, default=0.0)  # Wilson lower bound
    moderation_state: Mapped[str] = mapped_column(String(10), default="approved", server_default="approved")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    product: Mapped[Product] = relationship()

    @property
    def incentive_label(self) -> str | None:
        return INCENTIVES.get(self.incentive) if self.incentive else None

    @property
    def was_edited(self) -> bool:
        """Changed after it was written (not the instant of writing: two defaults differ by microseconds)."""
        return (self.updated_at - self.created_at).total_seconds() > 1


class ReviewRevision(db.Model):
    """A review as it was before its author changed it."""

    __tablename__ = "review_revisions"
    __table_args__ = (Index("ix_review_revisions_review_created", "review_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    pros: Mapped[str] = mapped_column(String(1000), default="")
    cons: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HelpfulVote(db.Model):
    """One person's "was this helpful?" answer on one review."""

    __tablename__ = "helpful_votes"
    __table_args__ = (UniqueConstraint("review_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OrderRecord(db.Model):
    """A purchase imported by the product team; a review by the same e-mail is a verified purchase."""

    __tablename__ = "order_records"
    __table_args__ = (
        UniqueConstraint("email", "product_id", "order_date"),
        Index("ix_order_records_email", "email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    order_date: Mapped[date] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Campaign(db.Model):
    """A challenge with a brief and dates ("show us your trail kitchen"), optionally about one product."""

    __tablename__ = "campaigns"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(120))
    brief: Mapped[str] = mapped_column(Text, default="")
    brief_html: Mapped[str] = mapped_column(Text, default="")
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    product: Mapped[Product | None] = relationship()

    def is_running(self, today: date) -> bool:
        return self.starts_on <= today <= self.ends_on


class UGCItem(SentimentTagged, ChannelStamped, db.Model):
    """A customer's story, photos and video link about a product or for a campaign. Pre-moderated."""

    __tablename__ = "ugc_items"
    SENTIMENT_FIELDS = ("title", "story")  # the caption and story
    __table_args__ = (
        CheckConstraint("product_id IS NOT NULL OR campaign_id IS NOT NULL", name="has_a_subject"),
        Index("ix_ugc_items_product_state", "product_id", "moderation_state", "created_at"),
        Index("ix_ugc_items_campaign_state", "campaign_id", "moderation_state", "created_at"),
        Index("ix_ugc_items_author_created", "author_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(120))
    story: Mapped[str] = mapped_column(Text, default="")
    story_html: Mapped[str] = mapped_column(Text, default="")
    video_url: Mapped[str | None] = mapped_column(String(500))
    incentive: Mapped[str | None] = mapped_column(String(20))
    moderation_state: Mapped[str] = mapped_column(String(10), default="pending", server_default="pending")
    featured_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    product: Mapped[Product | None] = relationship()
    campaign: Mapped[Campaign | None] = relationship()
    photos: Mapped[list[UGCPhoto]] = relationship(
        order_by="UGCPhoto.position", cascade="all, delete-orphan", back_populates="item"
    )


class UGCPhoto(db.Model):
    """A re-encoded photo of a UGC item (the file lives in instance/uploads, see cocreate.media)."""

    __tablename__ = "ugc_photos"
    __table_args__ = (Index("ix_ugc_photos_item", "item_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("ugc_items.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)

    item: Mapped[UGCItem] = relationship(back_populates="photos")
