"""Writing and editing reviews; product rating counters change atomically with each."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.events import ReviewEdited, ReviewPublished, emit
from cocreate.ideas.access import check_member
from cocreate.ideas.models import Channel
from cocreate.markup import render_markdown
from cocreate.reviews.models import INCENTIVES, OrderRecord, Product, Review, ReviewRevision
from cocreate.reviews.scoring import bayesian_average

TITLE_MAX, BODY_MAX, PROS_CONS_MAX = 120, 10_000, 1_000


def check_review_fields(
    rating, title: str, body: str, pros: str, cons: str
) -> tuple[int, str, str, str, str]:
    """Normalise and validate what a reviewer wrote."""
    try:
        stars = int(rating)
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        raise InvalidInput("Choose a rating from 1 to 5 stars.", field="rating")
    title = " ".join((title or "").split())
    if not 3 <= len(title) <= TITLE_MAX:
        raise InvalidInput(f"Titles are 3–{TITLE_MAX} characters.", field="title")
    body = (body or "").strip()
    if len(body) > BODY_MAX:
        raise InvalidInput(f"Reviews are at most {BODY_MAX:,} characters.", field="body")
    pros, cons = (pros or "").strip(), (cons or "").strip()
    for name, value in (("pros", pros), ("cons", cons)):
        if len(value) > PROS_CONS_MAX:
            raise InvalidInput(f"{name.capitalize()} are at most {PROS_CONS_MAX:,} characters.", field=name)
    return stars, title, body, pros, cons


def _has_order(session: Session, user: User, product: Product) -> bool:
    return bool(
        session.scalar(
            select(OrderRecord.id)
            .where(OrderRecord.email == user.email, OrderRecord.product_id == product.id)
            .limit(1)
        )
    )


def _change_ratings(session: Session, product: Product, *, add: int, remove: int | None = None) -> None:
    """Count a new rating (or, with `remove`, a changed one) in one UPDATE, then the Bayesian score from
    the values that UPDATE returned."""
    values = {
        "review_count": Product.review_count + (1 if remove is None else 0),
        "rating_sum": Product.rating_sum + add - (remove or 0),
    }
    column = f"stars_{add}"
    values[column] = getattr(Product, column) + 1
    if remove is not None:  # an edit that changed the rating (callers skip unchanged ratings)
        old = f"stars_{remove}"
        values[old] = getattr(Product, old) - 1
    total, count_now = session.execute(
        update(Product)
        .where(Product.id == product.id)
        .values(values)
        .returning(Product.rating_sum, Product.review_count)
    ).one()
    session.execute(
        update(Product).where(Product.id == product.id).values(bayes_score=bayesian_average(total, count_now))
    )
    session.expire(product)


def do_write_review(
    session: Session,
    *,
    actor: User | None,
    product: Product,
    rating,
    title: str,
    body: str = "",
    pros: str = "",
    cons: str = "",
    incentive: str | None = None,
    channel: Channel = Channel.WEB,
) -> Review:
    """Publish a review; a person reviews a product once (then edits)."""
    check_member(actor, "write a review")
    stars, title, body, pros, cons = check_review_fields(rating, title, body, pros, cons)
    if incentive is not None and incentive not in INCENTIVES:
        raise InvalidInput("Unknown incentive.", field="incentive")
    review = Review(
        product_id=product.id,
        author_id=actor.id,
        rating=stars,
        title=title,
        body=body,
        body_html=render_markdown(body),
        pros=pros,
        cons=cons,
        incentive=incentive,
        verified_purchase=_has_order(session, actor, product),
        channel=Channel(channel).value,
    )
    try:
        with session.begin_nested():
            session.add(review)
    except IntegrityError:
        raise Conflict("You have already reviewed this product. Edit your review instead.") from None
    _change_ratings(session, product, add=stars)
    emit(
        session,
        ReviewPublished(
            actor_id=actor.id,
            review_id=review.id,
            product_id=product.id,
            rating=stars,
            verified_purchase=review.verified_purchase,
            incentive=incentive,
            channel=review.channel,
        ),
    )
    return review


def do_edit_review(
    session: Session,
    *,
    actor: User | None,
    review: Review,
    rating,
    title: str,
    body: str = "",
    pros: str = "",
    cons: str = "",
) -> Review:
    """Replace one's review; the previous version goes into its history."""
    check_member(actor, "edit a review")
    if actor.id != review.author_id:
        raise NotAllowed("You can only edit your own review.")
    stars, title, body, pros, cons = check_review_fields(rating, title, body, pros, cons)
    if (stars, title, body, pros, cons) == (
        review.rating,
        review.title,
        review.body,
        review.pros,
        review.cons,
    ):
        return review  # nothing changed: no revision, no event
    old_rating = session.execute(
        select(Review.rating).where(Review.id == review.id).with_for_update()
    ).scalar_one()  # lock, so two edits at once move the histogram once each
    session.add(
        ReviewRevision(
            review_id=review.id,
            rating=old_rating,
            title=review.title,
            body=review.body,
            pros=review.pros,
            cons=review.cons,
        )
    )
    review.rating, review.title, review.body, review.pros, review.cons = stars, title, body, pros, cons
    review.body_html = render_markdown(body)
    review.updated_at = utcnow()
    session.flush()
    if stars != old_rating:
        _change_ratings(session, review.product, add=stars, remove=old_rating)
    emit(session, ReviewEdited(actor_id=actor.id, review_id=review.id, product_id=review.product_id))
    return review
