"""The KPI dashboard's numbers: each chart is a table (columns and rows) read in a few grouped queries, shown
as a chart, as an accessible table and downloadable as CSV. A date range and an optional board filter all."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, case, distinct, func, literal, select, union, union_all
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.beta.models import BetaProgram
from cocreate.channels import Channel
from cocreate.db import utcnow
from cocreate.ideas.models import Board, Comment, Idea, Status, StatusChange, Vote
from cocreate.insights.models import Survey, SurveyKind, SurveyResponse
from cocreate.insights.queries import period, sentiment_trend
from cocreate.insights.surveys import score_of
from cocreate.reviews.models import Product, Review, UGCItem
from cocreate.rewards.models import LedgerEntry

DEFAULT_DAYS = 180
DAILY_UP_TO = 62  # longer ranges are grouped by month
MAX_DAYS = 3660
STAGES = [Status.OPEN, Status.UNDER_REVIEW, Status.PLANNED, Status.IN_PROGRESS, Status.SHIPPED]


@dataclass(frozen=True)
class Filters:
    since: date
    until: date
    board: Board | None = None

    @classmethod
    def parse(cls, args, board: Board | None = None, today: date | None = None) -> tuple[Filters, list[str]]:
        """Dates from YYYY-MM-DD (bad ones fall back to the default, with a note); at most ten years."""
        today = today or utcnow().date()
        notes = []

        def day(name, default):
            raw = (args.get(name) or "").strip()
            if not raw:
                return default
            try:
                return date.fromisoformat(raw[:10])
            except ValueError:
                notes.append(f"“{raw[:20]}” is not a date (YYYY-MM-DD); showing the default.")
                return default

        until = day("until", today)
        since = day("since", until - timedelta(days=DEFAULT_DAYS - 1))
        if since > until:
            notes.append("The start was after the end; they have been swapped.")
            since, until = until, since
        if (until - since).days > MAX_DAYS:
            since = until - timedelta(days=MAX_DAYS)
            notes.append("At most ten years at a time.")
        return cls(since, until, board), notes

    @property
    def start(self) -> datetime:
        return datetime.combine(self.since, time.min, tzinfo=UTC)

    @property
    def end(self) -> datetime:  # exclusive
        return datetime.combine(self.until + timedelta(days=1), time.min, tzinfo=UTC)

    @property
    def daily(self) -> bool:
        return (self.until - self.since).days < DAILY_UP_TO

    def buckets(self) -> list[str]:
        if self.daily:
            return [
                (self.since + timedelta(days=i)).isoformat()
                for i in range((self.until - self.since).days + 1)
            ]
        months, d = [], self.since.replace(day=1)
        while d <= self.until:
            months.append(d.strftime("%Y-%m"))
            d = (d + timedelta(days=32)).replace(day=1)
        return months

    def query_args(self) -> dict:
        out = {"since": self.since.isoformat(), "until": self.until.isoformat()}
        if self.board:
            out["board"] = self.board.slug
        return out


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # line, bar, funnel (horizontal bars)
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    note: str = ""
    stacked: bool = False

    def spec(self) -> dict:
        """What static/js/kpi.js needs: labels from the first column, one series per other column."""
        return {
            "kind": self.kind,
            "stacked": self.stacked,
            "labels": [str(r[0]) for r in self.rows],
            "series": [
                {"label": name, "data": [r[i] for r in self.rows]}
                for i, name in enumerate(self.columns)
                if i > 0
            ],
        }


def _in_range(column, f: Filters):
    return and_(column >= f.start, column < f.end)


def _per_board(model, f: Filters) -> list:
    """Conditions limiting a contribution model to the board filter."""
    if f.board is None:
        return []
    if model is Idea:
        return [Idea.board_id == f.board.id]
    if model in (Vote, Comment):
        return [model.idea_id.in_(select(Idea.id).where(Idea.board_id == f.board.id))]
    if model in (Review, UGCItem):
        return [model.product_id.in_(select(Product.id).where(Product.board_id == f.board.id))]
    return [literal(False)]  # survey answers belong to no board


CONTRIBUTIONS = (Idea, Vote, Comment, Review, UGCItem, SurveyResponse)


def channels(session: Session, f: Filters) -> Chart:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for model in CONTRIBUTIONS:
        bucket = period(session, model.created_at, f.daily).label("b")
        rows = session.execute(
            select(bucket, model.channel, func.count())
            .where(_in_range(model.created_at, f), *_per_board(model, f))
            .group_by(bucket, model.channel)
        )
        for b, channel, n in rows:
            counts[b][channel] += n
    names = [c.value for c in Channel]
    return Chart(
        "channels",
        "Contributions per channel",
        "bar",
        ["period", *[Channel(c).label for c in names]],
        [(b, *(counts[b][c] for c in names)) for b in f.buckets()],
        "Ideas, votes, comments, reviews, stories and survey answers, by where they came in.",
        stacked=True,
    )


def funnel(session: Session, f: Filters) -> Chart:
    def people(model, column):
        return select(column.label("uid")).where(_in_range(model.created_at, f), *_per_board(model, f))

    voted = people(Vote, Vote.user_id)
    commented = people(Comment, Comment.author_id)
    proposed = people(Idea, Idea.author_id)
    reviewed = people(Review, Review.author_id)
    active = union(voted, commented, proposed, reviewed, people(UGCItem, UGCItem.author_id)).subquery()
    members = session.scalar(
        select(func.count(User.id)).where(User.created_at < f.end, ~User.email.like("%@kiosk.invalid"))
    )
    steps = [
        ("Members", members),
        ("Contributed", session.scalar(select(func.count(distinct(active.c.uid))))),
    ]
    for label, q in (
        ("Voted", voted),
        ("Commented", commented),
        ("Proposed", proposed),
        ("Reviewed", reviewed),
    ):
        steps.append((label, session.scalar(select(func.count(distinct(q.subquery().c.uid))))))
    return Chart(
        "funnel",
        "Participation funnel",
        "funnel",
        ["step", "people"],
        steps,
        "Members at the end of the range, and how many of them did each thing within it.",
    )


def _ideas_in_range(f: Filters):
    return select(Idea.id).where(_in_range(Idea.created_at, f), *_per_board(Idea, f))


def status_funnel(session: Session, f: Filters) -> Chart:
    """The furthest stage each idea reached: its status now or any status it had, counted in SQL."""

    def rank(column):
        return case({s.value: i for i, s in enumerate(STAGES)}, value=column, else_=0)

    ideas = _ideas_in_range(f)
    statuses = union_all(
        select(Idea.id.label("idea_id"), rank(Idea.status).label("stage")).where(Idea.id.in_(ideas)),
        select(StatusChange.idea_id, rank(StatusChange.new_status)).where(StatusChange.idea_id.in_(ideas)),
    ).subquery()
    furthest = select(func.max(statuses.c.stage).label("stage")).group_by(statuses.c.idea_id).subquery()
    counts = session.execute(
        select(
            *(
                func.coalesce(func.sum(case((furthest.c.stage >= i, 1), else_=0)), 0)
                for i in range(len(STAGES))
            )
        )
    ).one()
    return Chart(
        "status",
        "Idea status funnel",
        "funnel",
        ["stage", "ideas"],
        [("Proposed" if s is Status.OPEN else s.label, int(n)) for s, n in zip(STAGES, counts, strict=True)],
        "Ideas proposed in the range, by the furthest status each has reached.",
    )


def time_to_ship(session: Session, f: Filters) -> Chart:
    shipped_at = func.min(StatusChange.created_at).label("shipped_at")
    first = (
        select(StatusChange.idea_id, shipped_at)
        .where(StatusChange.new_status == Status.SHIPPED.value)
        .group_by(StatusChange.idea_id)
        .subquery()
    )
    rows = session.execute(
        select(Idea.created_at, first.c.shipped_at)
        .join(first, first.c.idea_id == Idea.id)
        .where(_in_range(first.c.shipped_at, f), *_per_board(Idea, f))
    ).all()
    days: dict[str, list[float]] = defaultdict(list)
    for created, shipped in rows:
        if shipped.tzinfo is None:  # raw subquery values come back naive on SQLite
            shipped = shipped.replace(tzinfo=UTC)
        key = shipped.date().isoformat() if f.daily else shipped.strftime("%Y-%m")
        days[key].append(max(0.0, (shipped - created).total_seconds() / 86400))
    table = [
        (b, len(d), round(statistics.median(d), 1), round(statistics.fmean(d), 1))
        for b in f.buckets()
        if (d := days.get(b))
    ]
    return Chart(
        "ship_time",
        "Time from proposal to shipped",
        "line",
        ["period", "shipped ideas", "median days", "mean days"],
        table,
        "By the period in which the idea shipped.",
    )


def survey_trend(session: Session, f: Filters) -> Chart:
    bucket = period(session, SurveyResponse.created_at, f.daily).label("b")
    dist: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for b, kind, score, n in session.execute(
        select(bucket, Survey.kind, SurveyResponse.score, func.count())
        .join(Survey, Survey.id == SurveyResponse.survey_id)
        .where(_in_range(SurveyResponse.created_at, f))
        .group_by(bucket, Survey.kind, SurveyResponse.score)
    ):
        dist[(b, kind)][int(score)] = n
    kinds = list(SurveyKind)
    table = []
    for b in f.buckets():
        scores = [score_of(k, dist.get((b, k.value), {})) for k in kinds]
        answers = sum(sum(dist.get((b, k.value), {}).values()) for k in kinds)
        if answers:
            table.append((b, *scores, answers))
    return Chart(
        "surveys",
        "NPS, CSAT and CES",
        "line",
        ["period", "NPS (−100…100)", "CSAT (% satisfied)", "CES (1–7)", "answers"],
        table,
        "NPS = % promoters − % detractors; CSAT = % answering 4 or 5; CES = mean ease.",
    )


def sentiment(session: Session, f: Filters) -> Chart:
    totals: dict[str, list[float]] = defaultdict(
        lambda: [0.0, 0, 0, 0]
    )  # polarity × n, positive, neutral, negative
    for model in (Idea, Comment, Review):
        for p in sentiment_trend(
            session, model, *_per_board(model, f), since=f.start, until=f.end, daily=f.daily
        ):
            t = totals[p.month]
            t[0] += p.average * (p.positive + p.neutral + p.negative)
            t[1] += p.positive
            t[2] += p.neutral
            t[3] += p.negative
    table = [
        (b, round(t[0] / n, 3), int(t[1]), int(t[2]), int(t[3]))
        for b in f.buckets()
        if (t := totals.get(b)) and (n := t[1] + t[2] + t[3])
    ]
    return Chart(
        "sentiment",
        "Sentiment of ideas, comments and reviews",
        "line",
        ["period", "average polarity", "positive", "neutral", "negative"],
        table,
        "Published contributions only.",
    )


def top_contributors(session: Session, f: Filters, limit: int = 10) -> Chart:
    points = func.sum(LedgerEntry.amount).label("points")
    conditions = [_in_range(LedgerEntry.created_at, f)]
    if f.board is not None:
        conditions.append(LedgerEntry.board_id == f.board.id)
    rows = session.execute(
        select(User.display_name, User.username, points)
        .join(User, User.id == LedgerEntry.user_id)
        .where(*conditions)
        .group_by(User.id, User.display_name, User.username)
        .having(func.sum(LedgerEntry.amount) > 0)
        .order_by(points.desc(), User.username)
        .limit(limit)
    ).all()
    return Chart(
        "contributors",
        "Top contributors",
        "funnel",
        ["person", "points"],
        [(f"{name} (@{username})", int(p)) for name, username, p in rows],
        "Points earned in the range: contributions that mattered, per the rewards rules.",
    )


def beta_fill(session: Session, f: Filters) -> Chart:
    rows = session.execute(
        select(BetaProgram.name, BetaProgram.seats_taken, BetaProgram.capacity)
        .where(BetaProgram.state != "draft", BetaProgram.opens_at < f.end, BetaProgram.closes_at >= f.start)
        .order_by(BetaProgram.opens_at.desc())
        .limit(20)
    ).all()
    return Chart(
        "beta",
        "Beta programs: seats filled",
        "funnel",
        ["program", "fill rate (%)", "seats taken", "capacity"],
        [(t, round(100 * taken / cap, 1) if cap else 0.0, taken, cap) for t, taken, cap in rows],
        "Programs open at some point in the range.",
    )


CHARTS = {
    "channels": channels,
    "funnel": funnel,
    "status": status_funnel,
    "ship_time": time_to_ship,
    "surveys": survey_trend,
    "sentiment": sentiment,
    "contributors": top_contributors,
    "beta": beta_fill,
}


def dashboard(session: Session, f: Filters) -> list[Chart]:
    return [build(session, f) for build in CHARTS.values()]
