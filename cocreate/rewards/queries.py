"""Reads: a person's standing and history, leaderboards, and which contributions earned points."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from cocreate.accounts.models import Role, User
from cocreate.db import utcnow
from cocreate.rewards.catalog import BADGES, LABELS, Badge, Tier, next_tier
from cocreate.rewards.models import BadgeAward, LedgerEntry, RewardAccount
from cocreate.rewards.settings import settings
from cocreate.web.pagination import after_cursor, encode_cursor

HISTORY_PAGE = 30
LEADERS = 25


@dataclass
class Standing:
    balance: int
    lifetime: int
    tier: Tier
    next: Tier | None
    to_next: int  # points still needed for the next tier
    progress: int  # 0-100 towards the next tier
    badges: list[tuple[Badge, BadgeAward]]
    hidden_from_leaderboards: bool


def standing(session: Session, user_id: int) -> Standing:
    all_tiers = settings().tiers
    acct = session.get(RewardAccount, user_id)
    lifetime = acct.lifetime if acct else 0
    tier = next((t for t in all_tiers if acct and t.name == acct.tier), all_tiers[0])
    upcoming = next_tier(tier, all_tiers)
    if upcoming is None:
        to_next, progress = 0, 100
    else:
        span = upcoming.points - tier.points
        to_next = max(0, upcoming.points - lifetime)
        progress = max(0, min(100, round(100 * (lifetime - tier.points) / span)))
    awards = session.scalars(
        select(BadgeAward).where(BadgeAward.user_id == user_id).order_by(BadgeAward.awarded_at)
    ).all()
    return Standing(
        balance=acct.balance if acct else 0,
        lifetime=lifetime,
        tier=tier,
        next=upcoming,
        to_next=to_next,
        progress=progress,
        badges=[(BADGES[a.badge], a) for a in awards if a.badge in BADGES],
        hidden_from_leaderboards=bool(acct and acct.hide_from_leaderboards),
    )


@dataclass
class HistoryRow:
    entry: LedgerEntry
    label: str
    reversed: bool
    source_title: str | None = None  # the idea, review or story the points came from


@dataclass
class HistoryPage:
    rows: list[HistoryRow]
    next_cursor: str | None


def history(
    session: Session, user_id: int, cursor: str | None = None, limit: int = HISTORY_PAGE
) -> HistoryPage:
    """The person's ledger, newest first, a page at a time (keyset on created_at, id)."""
    query = select(LedgerEntry).where(LedgerEntry.user_id == user_id)
    if cursor:
        query = query.where(after_cursor(LedgerEntry.created_at, LedgerEntry.id, cursor))
    entries = session.scalars(
        query.order_by(LedgerEntry.created_at.desc(), LedgerEntry.id.desc()).limit(limit + 1)
    ).all()
    more = len(entries) > limit
    entries = entries[:limit]
    reversed_ids = set(
        session.scalars(
            select(LedgerEntry.reverses_id).where(LedgerEntry.reverses_id.in_([e.id for e in entries]))
        )
    )
    rows = [
        HistoryRow(
            entry=e,
            label=("Reversed: " if e.reverses_id else "") + LABELS.get(e.rule, e.rule),
            reversed=e.id in reversed_ids,
        )
        for e in entries
    ]
    titles = _source_titles(session, entries)
    for row in rows:
        row.source_title = titles.get((row.entry.source_kind, row.entry.source_id))
    last = entries[-1] if entries else None
    return HistoryPage(
        rows=rows, next_cursor=encode_cursor(last.created_at, last.id) if more and last else None
    )


def _source_titles(session: Session, entries: list[LedgerEntry]) -> dict[tuple[str, int], str]:
    """One query per kind present: the titles the history links to."""
    from cocreate.ideas.models import Idea
    from cocreate.reviews.models import Review, UGCItem

    models = {"idea": Idea, "review": Review, "ugc": UGCItem}
    wanted: dict[str, set[int]] = {}
    for e in entries:
        if e.source_kind in models and e.source_id is not None:
            wanted.setdefault(e.source_kind, set()).add(e.source_id)
    titles: dict[tuple[str, int], str] = {}
    for kind, ids in wanted.items():
        model = models[kind]
        for object_id, title in session.execute(select(model.id, model.title).where(model.id.in_(ids))):
            titles[(kind, object_id)] = title
    return titles


@dataclass
class Leader:
    rank: int
    user: User
    points: int
    tier: str


def leaderboard(
    session: Session, *, days: int | None = None, board_id: int | None = None, limit: int = LEADERS
) -> list[Leader]:
    """Most points earned (net of reversals), over all time or the last `days`, overall or on one board;
    people who opted out are left out, and staff, who do not compete with the customers they serve."""
    total = func.sum(LedgerEntry.amount).label("points")
    customers = select(User.id).where(User.role == Role.MEMBER.value)
    conditions = [RewardAccount.hide_from_leaderboards.is_(False), LedgerEntry.user_id.in_(customers)]
    if days:
        conditions.append(LedgerEntry.created_at >= utcnow() - timedelta(days=days))
    if board_id:
        conditions.append(LedgerEntry.board_id == board_id)
    rows = session.execute(
        select(LedgerEntry.user_id, total, RewardAccount.tier)
        .join(RewardAccount, RewardAccount.user_id == LedgerEntry.user_id)
        .where(and_(*conditions))
        .group_by(LedgerEntry.user_id, RewardAccount.tier)
        .having(total > 0)
        .order_by(total.desc(), LedgerEntry.user_id)
        .limit(limit)
    ).all()
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_([r[0] for r in rows])))}
    labels = {t.name: t.label for t in settings().tiers}
    return [
        Leader(rank=i + 1, user=users[uid], points=points, tier=labels.get(tier, tier))
        for i, (uid, points, tier) in enumerate(rows)
    ]


def rewarded(session: Session, kind: str, ids: list[int]) -> set[int]:
    """Which of these contributions earned their author points that still stand (for the disclosure)."""
    if not ids:
        return set()
    reversal = LedgerEntry.__table__.alias("reversal")
    return set(
        session.scalars(
            select(LedgerEntry.source_id)
            .outerjoin(reversal, reversal.c.reverses_id == LedgerEntry.id)
            .where(
                LedgerEntry.source_kind == kind,
                LedgerEntry.source_id.in_(ids),
                LedgerEntry.amount > 0,
                LedgerEntry.reverses_id.is_(None),
                reversal.c.id.is_(None),
            )
        )
    )
