"""Rating math: a Bayesian average to rank products, a Wilson lower bound to rank reviews by helpfulness.

Bayesian average: (C·m + Σ ratings) / (C + n) with a prior of C reviews at mean m, so a product with one
5-star review does not outrank one with 400 reviews averaging 4.8.
Wilson lower bound (95 %): the helpful share we can be confident of, given how few people answered.
"""

from __future__ import annotations

import math

PRIOR_MEAN = 3.5
PRIOR_WEIGHT = 5
Z = 1.959964  # 95 % confidence


def bayesian_average(
    rating_sum: int, count: int, prior_mean: float = PRIOR_MEAN, prior_weight: int = PRIOR_WEIGHT
) -> float:
    """Average rating pulled towards the prior while there are few reviews."""
    return round((prior_weight * prior_mean + rating_sum) / (prior_weight + count), 6)


def wilson_lower_bound(positive: int, negative: int) -> float:
    """Lower bound of the 95 % confidence interval of the positive share; 0 with no answers."""
    n = positive + negative
    if n == 0:
        return 0.0
    p = positive / n
    centre = p + Z * Z / (2 * n)
    margin = Z * math.sqrt((p * (1 - p) + Z * Z / (4 * n)) / n)
    return round((centre - margin) / (1 + Z * Z / n), 6)
