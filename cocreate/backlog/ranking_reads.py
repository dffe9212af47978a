"""Reading the ranking: the ordered list, the breakdown of one idea's score ("why #3?"), and the order new
weights would give before they are saved. The score itself is kept in cocreate/backlog/ranking.py."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.backlog.ranking import (
    Weights,
    extras_of,
    product_mood,
    scale,
    tiers_of,
    weights_for,
)
from cocreate.db import utcnow
from cocreate.moderation.models import VISIBLE_STATES


@dataclass
class Line:
    label: str
    points: float
    detail: str = ""


@dataclass
class Breakdown:
    score: float
    lines: list[Line]
    votes: int


def breakdown(
    session: Session, idea, now: datetime | None = None, weights: Weights | None = None
) -> Breakdown:
    """Why an idea scores what it does: each signal and each weight's share; the lines add up to the score."""
    from cocreate.beta.models import BetaFeedback
    from cocreate.ideas.models import Comment, Vote

    now = now or utcnow()
    w = weights or weights_for(session, idea.board_id)
    here = w.unit(now)
    rows = session.execute(
        select(Vote.user_id, Vote.importance, Vote.created_at, Vote.weight, User.customer_value)
        .join(User, User.id == Vote.user_id)
        .where(Vote.idea_id == idea.id)
    ).all()
    tiers = tiers_of(session, {r[0] for r in rows})
    by_importance: dict[str, int] = defaultdict(int)
    by_tier: dict[str, int] = defaultdict(int)
    base = tiered = valued = decayed = as_cast = 0.0
    valued_people = 0
    for user_id, importance, at, stored, value in rows:
        tier = tiers.get(user_id, "member")
        by_importance[importance] += 1
        by_tier[tier] += 1
        b = w.importance.get(importance, 1.0)
        base += b
        tiered += b * w.tiers.get(tier, 1.0)
        valued += b * w.tiers.get(tier, 1.0) * w.value_factor(value)
        decayed += w.vote(importance, tier, value, at) / here
        as_cast += (stored if weights is None else w.vote(importance, tier, value, at)) / here
        valued_people += 1 if value else 0
    lines = [
        Line(
            "Votes by importance",
            base,
            ", ".join(f"{n} {k} ×{w.importance.get(k, 1.0):g}" for k, n in sorted(by_importance.items()))
            or "no votes",
        ),
        Line(
            "Voter tiers",
            tiered - base,
            ", ".join(
                f"{n} {k.replace('_', '-')} ×{w.tiers.get(k, 1.0):g}" for k, n in sorted(by_tier.items())
            ),
        ),
        Line(
            "Customer value",
            valued - tiered,
            f"{valued_people} voter{'s' if valued_people != 1 else ''} with "
            f"a value, weight {w.value_weight:g}",
        ),
    ]
    comments = session.execute(
        select(Comment.polarity, Comment.created_at).where(
            Comment.idea_id == idea.id, Comment.moderation_state.in_(VISIBLE_STATES)
        )
    ).all()
    comment_raw = sum(w.comment_weight * (1.0 + (p or 0.0)) for p, _ in comments)
    comment_now = sum(w.comment_weight * (1.0 + (p or 0.0)) * w.unit(at) for p, at in comments) / here
    mood = sum(p or 0.0 for p, _ in comments) / len(comments) if comments else 0.0
    lines.append(
        Line(
            "Comments",
            comment_raw,
            f"{len(comments)} comment{'s' if len(comments) != 1 else ''}, "
            f"mood {mood:+.2f}, ×{w.comment_weight:g}",
        )
    )
    findings = list(
        session.scalars(
            select(BetaFeedback.decided_at).where(
                BetaFeedback.idea_id == idea.id, BetaFeedback.status == "accepted"
            )
        )
    )
    lines.append(
        Line("Beta findings", w.beta_weight * len(findings), f"{len(findings)} accepted ×{w.beta_weight:g}")
    )
    beta_now = sum(w.beta_weight * w.unit(at or now) for at in findings) / here
    undecayed = valued + comment_raw + w.beta_weight * len(findings)
    half = f"half-life {w.half_life_days} days" if w.half_life_days else "no decay"
    lines.append(Line("Recency", decayed + comment_now + beta_now - undecayed, half))
    if abs(as_cast - decayed) > 0.005:  # votes keep the tier and value their voters had when they voted
        lines.append(
            Line("Tiers and values at voting time", as_cast - decayed, "re-scored when weights are saved")
        )
    before = as_cast + comment_now + beta_now
    product = product_mood(session, idea.board_id, w, now)
    if product.mood is not None:
        lines.append(
            Line(
                "Product reviews",
                before * (product.factor - 1.0),
                f"×{product.factor:.2f}: mood {product.mood:+.2f} over {product.reviews} recent review"
                f"{'s' if product.reviews != 1 else ''}, weight {w.review_weight:g}",
            )
        )
    return Breakdown(score=before * product.factor, lines=lines, votes=len(rows))


def ranked(session: Session, board_id: int, *, limit: int = 50, offset: int = 0, filters=None):
    """(idea, score now) in priority order on one board (open ideas, or as the workspace filters say)."""
    from cocreate.backlog.workspace import Filters
    from cocreate.ideas.models import Idea

    w = weights_for(session, board_id)
    query = select(Idea).where(
        Idea.board_id == board_id, Idea.merged_into_id.is_(None), Idea.moderation_state.in_(VISIBLE_STATES)
    )
    query = (filters or Filters()).apply(query, board_id)
    ideas = session.scalars(query.order_by(Idea.priority.desc(), Idea.id).limit(limit).offset(offset)).all()
    k = scale(session, board_id, w)
    return [(idea, idea.priority * k) for idea in ideas]


def preview(session: Session, board_id: int, new: Weights, *, top: int = 20, candidates: int = 300):
    """The top ideas under new weights, re-scored from the rows of the `candidates` ranked highest now:
    [(idea, new score, new rank, rank now)]. Nothing is saved."""
    from cocreate.ideas.models import Vote

    current = ranked(session, board_id, limit=candidates)
    rank_now = {idea.id: n for n, (idea, _) in enumerate(current, start=1)}
    ids = list(rank_now)
    totals = extras_of(session, new, ids)
    rows = (
        session.execute(
            select(Vote.idea_id, Vote.user_id, Vote.importance, Vote.created_at, User.customer_value)
            .join(User, User.id == Vote.user_id)
            .where(Vote.idea_id.in_(ids))
        ).all()
        if ids
        else []
    )
    tiers = tiers_of(session, {r[1] for r in rows})
    for idea_id, user_id, importance, at, value in rows:
        totals[idea_id] += new.vote(importance, tiers.get(user_id, "member"), value, at)
    k = scale(session, board_id, new)
    scored = sorted(
        ((idea, totals.get(idea.id, 0.0) * k) for idea, _ in current), key=lambda p: (-p[1], p[0].id)
    )
    return [(idea, score, n, rank_now[idea.id]) for n, (idea, score) in enumerate(scored[:top], start=1)]
