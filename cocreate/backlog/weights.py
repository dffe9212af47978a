"""Product teams set their board's ranking weights; boards are re-scored at once when small, else by the
worker (or `flask --app cocreate backlog rescore`)."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.backlog.ranking import IMPORTANCE, MAX_HALF_LIFE, MIN_HALF_LIFE, TIERS, Weights, rescore_board
from cocreate.db import expire_loaded, utcnow
from cocreate.errors import InvalidInput
from cocreate.ideas.access import check_team
from cocreate.ideas.models import Board, Idea, RankingWeights, Vote

RESCORE_NOW_UP_TO = 20_000  # votes on the board; above that the worker re-scores it


def _factor(value, field: str, top: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInput("Weights are numbers, e.g. 1.5.", field=field) from None
    if not 0 <= number <= top or number != number:
        raise InvalidInput(f"Weights here are between 0 and {top:g}.", field=field)
    return round(number, 3)


def check_weights(fields: dict) -> Weights:
    """Weights from a form's values (missing ones keep their defaults)."""
    base = Weights()
    importance = {
        k: _factor(fields.get(f"importance_{k}", v), f"importance_{k}", 10) for k, v in IMPORTANCE.items()
    }
    tiers = {k: _factor(fields.get(f"tier_{k}", v), f"tier_{k}", 10) for k, v in TIERS.items()}
    try:
        half_life = int(fields.get("half_life_days", base.half_life_days))
    except (TypeError, ValueError):
        raise InvalidInput("The half-life is a whole number of days.", field="half_life_days") from None
    if half_life and not MIN_HALF_LIFE <= half_life <= MAX_HALF_LIFE:
        raise InvalidInput(
            f"The half-life is 0 (no decay) or {MIN_HALF_LIFE}–{MAX_HALF_LIFE:,} days.",
            field="half_life_days",
        )
    return Weights(
        importance=importance,
        tiers=tiers,
        value_weight=_factor(fields.get("value_weight", base.value_weight), "value_weight", 5),
        half_life_days=half_life,
        comment_weight=_factor(fields.get("comment_weight", base.comment_weight), "comment_weight", 10),
        beta_weight=_factor(fields.get("beta_weight", base.beta_weight), "beta_weight", 50),
        review_weight=_factor(fields.get("review_weight", base.review_weight), "review_weight", 10),
    )


def do_set_weights(session: Session, *, actor: User | None, board: Board, weights: Weights) -> bool:
    """Save a board's weights; True when it was re-scored at once (else the worker does it soon)."""
    check_team(actor)
    row = session.get(RankingWeights, board.id) or RankingWeights(board_id=board.id)
    row.importance, row.tiers = dict(weights.importance), dict(weights.tiers)
    row.value_weight, row.half_life_days = weights.value_weight, weights.half_life_days
    row.comment_weight, row.beta_weight = weights.comment_weight, weights.beta_weight
    row.review_weight = weights.review_weight
    row.updated_by_id, row.updated_at, row.rescored_at = actor.id, utcnow(), None
    session.add(row)
    session.flush()
    expire_loaded(session, Board, board.id, "ranking_weights")  # votes weigh with the new row from now on
    votes = session.scalar(
        select(func.count(Vote.id)).join(Idea, Idea.id == Vote.idea_id).where(Idea.board_id == board.id)
    )
    if votes <= RESCORE_NOW_UP_TO:
        rescore(session, board.id)
        return True
    return False


def rescore(session: Session, board_id: int) -> int:
    """Re-score a board with its current weights and note when (unless they changed meanwhile)."""
    started = utcnow()
    scored = rescore_board(session, board_id)
    row = session.get(RankingWeights, board_id)
    if row is not None and row.updated_at <= started:
        row.rescored_at = utcnow()
    return scored


def pending(session: Session) -> list[int]:
    """Boards whose weights changed since they were last re-scored."""
    return list(
        session.scalars(
            select(RankingWeights.board_id).where(
                or_(
                    RankingWeights.rescored_at.is_(None),
                    RankingWeights.rescored_at < RankingWeights.updated_at,
                )
            )
        )
    )


def rescore_pending(session: Session) -> int:
    """Re-score each pending board in its own transaction; returns how many."""
    done = 0
    for board_id in pending(session):
        rescore(session, board_id)
        session.commit()
        done += 1
    return done
