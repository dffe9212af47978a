"""Domain events: emitted by services inside the transaction, recorded, and handed to subscribers.

Subscribers run synchronously in the same transaction (counters, ledgers, tags). Anything that talks to
the outside world must not run here; it writes an outbox row instead and a worker does it after commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import cache
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, String, bindparam
from sqlalchemy.orm import Mapped, Session, mapped_column

from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db
from cocreate.prepared import Prepared


@dataclass(frozen=True)
class DomainEvent:
    """Base of every event; `name` identifies the type in the event log."""

    name: ClassVar[str] = "event"
    actor_id: int | None

    def payload(self) -> dict[str, Any]:
        """The event's fields as recorded (their values are plain: numbers, strings, tuples of ids)."""
        return {name: getattr(self, name) for name in _field_names(type(self))}


@cache
def _field_names(event_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(event_type))


@dataclass(frozen=True)
class IdeaCreated(DomainEvent):
    name: ClassVar[str] = "idea.created"
    idea_id: int
    board_id: int
    channel: str


@dataclass(frozen=True)
class IdeaEdited(DomainEvent):
    name: ClassVar[str] = "idea.edited"
    idea_id: int


@dataclass(frozen=True)
class VoteCast(DomainEvent):
    name: ClassVar[str] = "vote.cast"
    idea_id: int
    vote_id: int
    importance: str
    channel: str


@dataclass(frozen=True)
class VoteWithdrawn(DomainEvent):
    name: ClassVar[str] = "vote.withdrawn"
    idea_id: int
    weight: float = 0.0  # what the vote added to the idea's priority


@dataclass(frozen=True)
class VoteImportanceChanged(DomainEvent):
    name: ClassVar[str] = "vote.importance_changed"
    idea_id: int
    vote_id: int
    importance: str


@dataclass(frozen=True)
class CommentAdded(DomainEvent):
    name: ClassVar[str] = "comment.added"
    idea_id: int
    comment_id: int
    parent_id: int | None
    mentioned_user_ids: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class StatusChanged(DomainEvent):
    name: ClassVar[str] = "idea.status_changed"
    idea_id: int
    old_status: str
    new_status: str
    note: str


@dataclass(frozen=True)
class IdeaMilestoneReached(DomainEvent):
    """An idea's supporters passed one of its board's milestones (final: the last one)."""

    name: ClassVar[str] = "idea.milestone_reached"
    idea_id: int
    board_id: int
    supporters: int
    final: bool


@dataclass(frozen=True)
class BetaProgramFinished(DomainEvent):
    """A beta program ended; its participants are asked how it went (insights/surveys.py)."""

    name: ClassVar[str] = "beta.finished"
    program_id: int


@dataclass(frozen=True)
class SurveyAnswered(DomainEvent):
    """Someone answered an NPS/CSAT/CES question (the built-in one after shipping included)."""

    name: ClassVar[str] = "survey.answered"
    survey: str
    subject_id: int
    score: int
    board_id: int | None = None  # the answer is about an idea of this board


@dataclass(frozen=True)
class ReviewPublished(DomainEvent):
    name: ClassVar[str] = "review.published"
    review_id: int
    product_id: int
    rating: int
    verified_purchase: bool
    incentive: str | None
    channel: str


@dataclass(frozen=True)
class ReviewEdited(DomainEvent):
    name: ClassVar[str] = "review.edited"
    review_id: int
    product_id: int


@dataclass(frozen=True)
class HelpfulVoteCast(DomainEvent):
    name: ClassVar[str] = "review.helpful_vote"
    review_id: int
    review_author_id: int
    helpful: bool


@dataclass(frozen=True)
class UGCSubmitted(DomainEvent):
    name: ClassVar[str] = "ugc.submitted"
    item_id: int
    product_id: int | None
    campaign_id: int | None
    channel: str


@dataclass(frozen=True)
class UGCApproved(DomainEvent):
    name: ClassVar[str] = "ugc.approved"
    item_id: int
    author_id: int


@dataclass(frozen=True)
class UGCFeatured(DomainEvent):
    name: ClassVar[str] = "ugc.featured"
    item_id: int
    author_id: int


@dataclass(frozen=True)
class ContentApproved(DomainEvent):
    """A moderator let an idea, comment or review (back) into public view."""

    name: ClassVar[str] = "content.approved"
    kind: str
    object_id: int
    author_id: int


@dataclass(frozen=True)
class ContentRejected(DomainEvent):
    """A moderator rejected a contribution; rewards reverse its points on this event."""

    name: ClassVar[str] = "content.rejected"
    kind: str
    object_id: int
    author_id: int
    reason: str
    was_visible: bool


@dataclass(frozen=True)
class ContentRemoved(DomainEvent):
    """An author removed their own idea, comment, review or story; rewards reverse its points on this."""

    name: ClassVar[str] = "content.removed"
    kind: str
    object_id: int
    author_id: int
    was_visible: bool


@dataclass(frozen=True)
class ContentFlagged(DomainEvent):
    name: ClassVar[str] = "content.flagged"
    kind: str
    object_id: int
    author_id: int
    reason: str
    weight: int


@dataclass(frozen=True)
class ContentHidden(DomainEvent):
    """Flags reached the threshold and the contribution left public view (actor None: the system)."""

    name: ClassVar[str] = "content.hidden"
    kind: str
    object_id: int
    author_id: int
    flag_weight: int


@dataclass(frozen=True)
class IdeaMerged(DomainEvent):
    """A duplicate was merged into the idea it repeats; `moved` votes now count there."""

    name: ClassVar[str] = "idea.merged"
    source_id: int
    target_id: int
    moved: int


@dataclass(frozen=True)
class TierChanged(DomainEvent):
    """A person's tier went up or (after reversals) down."""

    name: ClassVar[str] = "rewards.tier_changed"
    user_id: int
    old_tier: str
    new_tier: str


@dataclass(frozen=True)
class BadgeAwarded(DomainEvent):
    name: ClassVar[str] = "rewards.badge_awarded"
    user_id: int
    badge: str


@dataclass(frozen=True)
class BetaSignupChanged(DomainEvent):
    """Someone joined, was seated from the waitlist, or left a beta program."""

    name: ClassVar[str] = "beta.signup_changed"
    program_id: int
    user_id: int
    status: str


@dataclass(frozen=True)
class BetaFeedbackAccepted(DomainEvent):
    name: ClassVar[str] = "beta.feedback_accepted"
    feedback_id: int
    program_id: int
    author_id: int


Subscriber = Callable[[Session, DomainEvent], None]
_subscribers: dict[type[DomainEvent], list[Subscriber]] = defaultdict(list)


def subscribe(event_type: type[DomainEvent]) -> Callable[[Subscriber], Subscriber]:
    """Decorator: run the function inside the emitting transaction for every event of that type."""

    def register(func: Subscriber) -> Subscriber:
        if func not in _subscribers[event_type]:
            _subscribers[event_type].append(func)
        return func

    return register


class EventRecord(db.Model):
    """Append-only log of domain events, written in the transaction that caused them. No index but its key:
    nothing reads it by name on a request, and every vote, comment and review would write one more page."""

    __tablename__ = "event_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# Every vote, comment and review writes one (an ORM object per event cost a flush each): prepared once.
_RECORD = Prepared(
    EventRecord.__table__.insert().values(
        {name: bindparam(name) for name in ("name", "actor_id", "payload", "created_at")}
    )
)


def emit(session: Session, event: DomainEvent) -> None:
    """Record the event and run its subscribers, all inside the caller's transaction."""
    record = {
        "name": event.name,
        "actor_id": event.actor_id,
        "payload": event.payload(),
        "created_at": utcnow(),
    }
    _RECORD.execute(session, record)
    for subscriber in _subscribers[type(event)]:
        subscriber(session, event)
