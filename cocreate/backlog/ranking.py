"""The product team's priority score: what customers want, weighed the way the team says, and explainable.

Every signal is worth its weight at the moment it happened, multiplied by 2^((t - EPOCH) / half-life):
- a vote: importance factor × voter tier factor × (1 + value weight × log10(1 + customer value / 100));
- a published comment: comment weight × (1 + its sentiment polarity), so enthusiasm counts more;
- an accepted beta finding linked to the idea: beta weight.
Stored scores are sums in those growing units, so ordering by the stored number is ordering by the decayed
score now, and a new signal only adds to one idea. The score shown is the stored one × 2^(-(now - EPOCH) /
half-life). A vote's weight is fixed when it is cast (the voter's tier and value at that moment); saving new
weights re-scores the board from the rows with today's tiers and values (`rescore_board`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.db import expire_loaded, utcnow
from cocreate.ideas.scoring import EPOCH
from cocreate.moderation.models import VISIBLE_STATES

IMPORTANCE = {"nice": 1.0, "important": 2.0, "critical": 3.0}
TIERS = {"member": 1.0, "contributor": 1.1, "insider": 1.25, "co_creator": 1.5}
MIN_HALF_LIFE, MAX_HALF_LIFE = 7, 3650  # days; 0 switches decay off


@dataclass(frozen=True)
class Weights:
    importance: dict = field(default_factory=lambda: dict(IMPORTANCE))
    tiers: dict = field(default_factory=lambda: dict(TIERS))
    value_weight: float = 0.5
    half_life_days: int = 90
    comment_weight: float = 0.5
    beta_weight: float = 3.0
    review_weight: float = 1.0

    def unit(self, at: datetime) -> float:
        """What 1 point at `at` is stored as."""
        if not self.half_life_days:
            return 1.0
        return 2.0 ** ((at - EPOCH).total_seconds() / (self.half_life_days * 86400))

    def value_factor(self, value: float | None) -> float:
        return 1.0 + self.value_weight * math.log10(1.0 + max(value or 0.0, 0.0) / 100.0)

    def vote(self, importance: str, tier: str, value: float | None, at: datetime) -> float:
        base = self.importance.get(importance, 1.0) * self.tiers.get(tier, 1.0) * self.value_factor(value)
        return base * self.unit(at)


def weights_for(session: Session, board_id: int) -> Weights:
    from cocreate.ideas.models import RankingWeights

    return weights_from(session.get(RankingWeights, board_id))


def weights_from(row) -> Weights:
    """Weights from a board's RankingWeights row (None: the defaults)."""
    if row is None:
        return Weights()
    return Weights(
        importance={**IMPORTANCE, **(row.importance or {})},
        tiers={**TIERS, **(row.tiers or {})},
        value_weight=row.value_weight,
        half_life_days=row.half_life_days,
        comment_weight=row.comment_weight,
        beta_weight=row.beta_weight,
        review_weight=row.review_weight,
    )


def tiers_of(session: Session, user_ids) -> dict[int, str]:
    from cocreate.rewards.models import RewardAccount

    ids = list(user_ids)
    found: dict[int, str] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        found.update(
            session.execute(
                select(RewardAccount.user_id, RewardAccount.tier).where(RewardAccount.user_id.in_(chunk))
            ).all()
        )
    return found


def extras_of(session: Session, w: Weights, idea_ids: list[int]) -> dict[int, float]:
    """Comments and beta findings, in stored units, per idea."""
    from cocreate.beta.models import BetaFeedback
    from cocreate.ideas.models import Comment

    out: dict[int, float] = defaultdict(float)
    for start in range(0, len(idea_ids), 900):
        chunk = idea_ids[start : start + 900]
        for idea_id, polarity, at in session.execute(
            select(Comment.idea_id, Comment.polarity, Comment.created_at).where(
                Comment.idea_id.in_(chunk), Comment.moderation_state.in_(VISIBLE_STATES)
            )
        ):
            out[idea_id] += w.comment_weight * (1.0 + (polarity or 0.0)) * w.unit(at)
        for idea_id, at in session.execute(
            select(BetaFeedback.idea_id, BetaFeedback.decided_at).where(
                BetaFeedback.idea_id.in_(chunk), BetaFeedback.status == "accepted"
            )
        ):
            out[idea_id] += w.beta_weight * w.unit(at or utcnow())
    return out


def refresh_idea(session: Session, idea_id: int) -> None:
    """Store an idea's priority from its rows (its votes' stored weights, comments, beta findings)."""
    from cocreate.ideas.models import Idea, Vote

    board_id = session.scalar(select(Idea.board_id).where(Idea.id == idea_id))
    if board_id is None:
        return
    w = weights_for(session, board_id)
    votes = float(
        session.scalar(select(func.coalesce(func.sum(Vote.weight), 0.0)).where(Vote.idea_id == idea_id))
    )
    total = votes + extras_of(session, w, [idea_id]).get(idea_id, 0.0)
    session.execute(update(Idea).where(Idea.id == idea_id).values(priority=total, priority_votes=votes))


@lru_cache(maxsize=1)
def _vote_statements():
    """weigh_vote's three statements, built once (they run on every vote)."""
    from cocreate.ideas.models import Idea, Vote
    from cocreate.rewards.models import RewardAccount

    votes, ideas, users, accounts = (m.__table__ for m in (Vote, Idea, User, RewardAccount))
    read = (
        select(
            votes.c.idea_id,
            votes.c.importance,
            votes.c.created_at,
            votes.c.weight,
            ideas.c.board_id,
            users.c.customer_value,
            accounts.c.tier,
        )
        .join(ideas, ideas.c.id == votes.c.idea_id)
        .join(users, users.c.id == votes.c.user_id)
        .outerjoin(accounts, accounts.c.user_id == votes.c.user_id)
        .where(votes.c.id == bindparam("vote_id"))
    )
    weigh = update(votes).where(votes.c.id == bindparam("vote_id")).values(weight=bindparam("weight"))
    add = (
        update(ideas)
        .where(ideas.c.id == bindparam("idea_id"))
        .values(
            priority=ideas.c.priority + bindparam("amount"),
            priority_votes=ideas.c.priority_votes + bindparam("amount"),
        )
    )
    return read, weigh, add


def new_vote_weight(board, importance: str, tier: str, value: float | None, at: datetime) -> float:
    """What a vote cast now adds to its idea's priority: the vote is written with it, and the idea's counters
    take it in the same UPDATE as its vote count (ideas/services/votes.py). `board.ranking_weights` is
    loaded with the board there."""
    return weights_from(board.ranking_weights).vote(importance, tier, value, at)


def weigh_vote(session: Session, vote_id: int) -> None:
    """Give a changed vote its weight (tier and value now) and add the difference to its idea."""
    from cocreate.ideas.models import Vote

    read, weigh, _ = _vote_statements()
    # One statement on the vote's hot path: the vote, its board, the voter's value and tier.
    row = session.execute(read, {"vote_id": vote_id}).first()
    if row is None:
        return
    idea_id, importance, at, old, board_id, value, tier = row
    w = weights_for(session, board_id)
    weight = w.vote(importance, tier or "member", value, at)
    session.execute(weigh, {"vote_id": vote_id, "weight": weight})
    expire_loaded(session, Vote, vote_id, "weight")
    add(session, idea_id, weight - old)


def add(session: Session, idea_id: int, amount: float) -> None:
    """An atomic change of one idea's stored priority by a vote (concurrent votes each add their own)."""
    from cocreate.ideas.models import Idea

    if amount:
        session.execute(_vote_statements()[2], {"idea_id": idea_id, "amount": amount})
        expire_loaded(session, Idea, idea_id, "priority", "priority_votes")


def rescore_board(session: Session, board_id: int, weights: Weights | None = None, batch: int = 5000) -> int:
    """Weigh every vote on the board again and store every idea's priority; returns the ideas scored."""
    from cocreate.ideas.models import Idea, Vote

    w = weights or weights_for(session, board_id)
    # Hold the board's ideas (FOR NO KEY UPDATE on PostgreSQL; SQLite's writer lock does it there): a vote
    # cast meanwhile waits, instead of adding to a priority this re-score is about to overwrite.
    idea_ids = list(
        session.scalars(
            select(Idea.id).where(Idea.board_id == board_id).order_by(Idea.id).with_for_update(key_share=True)
        )
    )
    extras = extras_of(session, w, idea_ids)
    votes: dict[int, float] = defaultdict(float)
    last = 0
    while True:
        rows = session.execute(
            select(Vote.id, Vote.idea_id, Vote.user_id, Vote.importance, Vote.created_at, User.customer_value)
            .join(Idea, Idea.id == Vote.idea_id)
            .join(User, User.id == Vote.user_id)
            .where(Idea.board_id == board_id, Vote.id > last)
            .order_by(Vote.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        tiers = tiers_of(session, {r[2] for r in rows})
        changes = []
        for vote_id, idea_id, user_id, importance, at, value in rows:
            weight = w.vote(importance, tiers.get(user_id, "member"), value, at)
            votes[idea_id] += weight
            changes.append({"id": vote_id, "weight": weight})
        session.execute(update(Vote), changes)
        last = rows[-1][0]
    session.execute(
        update(Idea),
        [{"id": i, "priority": votes[i] + extras.get(i, 0.0), "priority_votes": votes[i]} for i in idea_ids],
    )
    return len(idea_ids)


REVIEW_WINDOW_DAYS = 90


@dataclass(frozen=True)
class ProductMood:
    factor: float  # every score on the board is multiplied by it
    mood: float | None  # average review polarity, -1..1, over the window
    reviews: int


def product_mood(session: Session, board_id: int, w: Weights, now: datetime | None = None) -> ProductMood:
    """When customers' reviews of the board's products (a product names the board its ideas go to) from the
    last 90 days are unhappy, its ideas weigh more: scores are multiplied by 1 + review weight × (how
    negative the average review is). One factor for the whole board, so it moves boards against each other
    (exports of every board), not ideas within one."""
    from cocreate.reviews.models import Product, Review

    since = (now or utcnow()) - timedelta(days=REVIEW_WINDOW_DAYS)
    count, mood = session.execute(
        select(func.count(Review.id), func.avg(Review.polarity))
        .join(Product, Product.id == Review.product_id)
        .where(
            Product.board_id == board_id,
            Review.moderation_state.in_(VISIBLE_STATES),
            Review.created_at >= since,
        )
    ).one()
    if not count:
        return ProductMood(1.0, None, 0)
    mood = float(mood) if mood is not None else None
    return ProductMood(1.0 + w.review_weight * max(0.0, -(mood or 0.0)), mood, count)


def scale(
    session: Session, board_id: int, w: Weights, now: datetime | None = None, mood: ProductMood | None = None
) -> float:
    """What a board's stored sums are multiplied by to give scores now (decay and the products' reviews)."""
    now = now or utcnow()
    return (mood or product_mood(session, board_id, w, now)).factor / w.unit(now)
