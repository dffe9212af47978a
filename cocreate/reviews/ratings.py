"""A product's stored rating counters (count, sum, histogram, Bayesian score), changed in one UPDATE each."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from cocreate.reviews.models import Product
from cocreate.reviews.scoring import bayesian_average


def change_ratings(
    session: Session, product_id: int, *, add: int | None = None, remove: int | None = None
) -> None:
    """Count a rating in (`add`), out (`remove`) or both (a changed rating), then store the Bayesian score
    computed from the values that UPDATE returned (it holds the lock, so the score matches the counts)."""
    if add is None and remove is None:
        return
    values = {"review_count": Product.review_count + int(add is not None) - int(remove is not None)}
    values["rating_sum"] = Product.rating_sum + (add or 0) - (remove or 0)
    if add is not None:
        values[f"stars_{add}"] = getattr(Product, f"stars_{add}") + 1
    if remove is not None:
        column = f"stars_{remove}"
        values[column] = (values.get(column) if add == remove else getattr(Product, column)) - 1
    total, count_now = session.execute(
        update(Product)
        .where(Product.id == product_id)
        .values(values)
        .returning(Product.rating_sum, Product.review_count)
    ).one()
    session.execute(
        update(Product).where(Product.id == product_id).values(bayes_score=bayesian_average(total, count_now))
    )
