"""The product team's workspace around the ranking: filters shared by the list and the exports, saved
views, and status changes for many ideas at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.backlog.models import SavedView
from cocreate.errors import Conflict, DomainError, InvalidInput, NotFound
from cocreate.ideas.access import check_team
from cocreate.ideas.models import CLOSED_STATUSES, Channel, Idea, Status, Tag, Vote, idea_tags
from cocreate.ideas.services.statuses import check_status, do_change_status

OPEN_STATUSES = tuple(s.value for s in Status if s not in CLOSED_STATUSES)
SENTIMENTS = ("positive", "neutral", "negative")
FILTER_KEYS = ("status", "tag", "sentiment", "channel", "segment", "since", "until")
MAX_BULK = 200
MAX_VIEWS = 50


def _text(value: str | None) -> str:
    """A free-text filter without control characters (PostgreSQL refuses NUL bytes), at most 40 long."""
    return "".join(ch for ch in (value or "") if ch >= " ").strip()[:40]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    """What the team narrowed the list to; unknown values are dropped (a link cannot break the page)."""

    status: str = ""
    tag: str = ""
    sentiment: str = ""
    channel: str = ""
    segment: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def parse(cls, args) -> Filters:
        status = args.get("status", "")
        return cls(
            status=status if status in {s.value for s in Status} else "",
            tag=_text(args.get("tag")),
            sentiment=args.get("sentiment", "") if args.get("sentiment") in SENTIMENTS else "",
            channel=args.get("channel", "") if args.get("channel") in {c.value for c in Channel} else "",
            segment=_text(args.get("segment")),
            since=_day(args.get("since")),
            until=_day(args.get("until")),
        )

    def query_string(self) -> str:
        values = {k: getattr(self, k) for k in FILTER_KEYS}
        return urlencode({k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items() if v})

    def apply(self, query, board_id: int):
        query = query.where(Idea.status.in_([self.status] if self.status else list(OPEN_STATUSES)))
        if self.tag:
            query = query.where(
                exists().where(
                    idea_tags.c.idea_id == Idea.id,
                    idea_tags.c.tag_id == Tag.id,
                    Tag.board_id == board_id,
                    Tag.slug == self.tag,
                )
            )
        if self.sentiment:
            query = query.where(Idea.sentiment == self.sentiment)
        if self.channel:
            query = query.where(Idea.channel == self.channel)
        if self.segment:  # ideas supported by at least one customer of the segment
            query = query.where(
                exists().where(Vote.idea_id == Idea.id, Vote.user_id == User.id, User.segment == self.segment)
            )
        if self.since:
            query = query.where(Idea.created_at >= datetime.combine(self.since, time.min, UTC))
        if self.until:
            query = query.where(
                Idea.created_at < datetime.combine(self.until + timedelta(days=1), time.min, UTC)
            )
        return query


def do_save_view(session: Session, *, actor: User, board_slug: str, name: str, filters: Filters) -> SavedView:
    """Keep the board and filters under a name, for this person."""
    name = "".join(ch for ch in (name or "") if ch >= " ").strip()
    if not 1 <= len(name) <= 60:
        raise InvalidInput("Name the view in 1–60 characters.", field="name")
    count = session.scalar(
        select(SavedView.id).where(SavedView.user_id == actor.id).offset(MAX_VIEWS - 1).limit(1)
    )
    if count is not None:
        raise Conflict(f"You can keep {MAX_VIEWS} views; delete one first.", field="name")
    query = urlencode({"board": board_slug}) + (
        "&" + filters.query_string() if filters.query_string() else ""
    )
    view = SavedView(user_id=actor.id, name=name, query=query)
    try:
        with session.begin_nested():
            session.add(view)
    except IntegrityError:
        raise Conflict(f"You already have a view called “{name}”.", field="name") from None
    return view


def do_delete_view(session: Session, *, actor: User, view: SavedView) -> None:
    if view.user_id != actor.id:
        raise NotFound("No such view.")
    session.delete(view)
    session.flush()


def do_bulk_status(
    session: Session, *, actor: User, board_id: int, idea_ids: list[int], status: str, note: str = ""
) -> tuple[int, list[str]]:
    """Move many ideas of one board at once; returns (moved, why the others were not)."""
    check_team(actor, "move ideas from the ranking")
    check_status(status)
    if not idea_ids:
        raise InvalidInput("Tick the ideas to move first.", field="idea_ids")
    if len(idea_ids) > MAX_BULK:
        raise InvalidInput(f"At most {MAX_BULK} ideas at once.", field="idea_ids")
    ideas = session.scalars(
        select(Idea).where(Idea.id.in_(idea_ids), Idea.board_id == board_id).order_by(Idea.id)
    ).all()
    moved, skipped = 0, []
    for idea in ideas:
        try:
            with session.begin_nested():
                do_change_status(session, actor=actor, idea=idea, status=status, note=note)
            moved += 1
        except DomainError as exc:
            skipped.append(f"“{idea.title}”: {exc.message}")
    missing = len(set(idea_ids)) - len(ideas)
    if missing:
        skipped.append(f"{missing} idea(s) are not on this board.")
    return moved, skipped
