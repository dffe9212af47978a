"""Ranking scores, stored on each idea so that every sort is an index scan.

hot:      log10(votes) + age term. Ten times the votes are worth HOT_DECADE_SECONDS of recency.
trending: the sum over votes of 2^((t_vote - EPOCH) / TREND_HALF_LIFE). Every stored score grows by the
          same factor as time passes, so ordering by it equals ordering by a decayed vote count "now",
          and a vote changes it by an atomic addition (withdrawing subtracts the same weight).
          With a 7-day half-life the exponent stays below float range until about 2044.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

EPOCH = datetime(2025, 1, 1, tzinfo=UTC)
HOT_DECADE_SECONDS = 4 * 24 * 3600
TREND_HALF_LIFE_SECONDS = 7 * 24 * 3600


def hot_score(vote_count: int, created_at: datetime) -> float:
    """Votes with time decay: newer ideas need fewer votes to rank as high."""
    order = math.log10(max(vote_count, 1))
    return round(order + (created_at - EPOCH).total_seconds() / HOT_DECADE_SECONDS, 7)


def trend_weight(at: datetime) -> float:
    """What one vote cast at `at` adds to an idea's trend score."""
    return 2.0 ** ((at - EPOCH).total_seconds() / TREND_HALF_LIFE_SECONDS)
