"""Writing and editing reviews; product rating counters change atomically with each."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.channels import WEB, Origin
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed, NotFound
from cocreate.events import ReviewEdited, ReviewPublished, emit
from cocreate.ideas.access import check_member
from cocreate.markup import clean_text, one_line, render_markdown
from cocreate.moderation.access import is_trusted
from cocreate.moderation.models import VISIBLE_STATES, State
from cocreate.moderation.screening import screen
from cocreate.moderation.services import after_create, after_edit, do_remove_own, initial_state
from cocreate.reviews.models import INCENTIVES, HelpfulVote, OrderRecord, Product, Review, ReviewRevision
from cocreate.reviews.ratings import change_ratings

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
    title = one_line(title)
    if not 3 <= len(title) <= TITLE_MAX:
        raise InvalidInput(f"Titles are 3–{TITLE_MAX} characters.", field="title")
    body = clean_text(body)
    if len(body) > BODY_MAX:
        raise InvalidInput(f"Reviews are at most {BODY_MAX:,} characters.", field="body")
    pros, cons = one_line(pros), one_line(cons)
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
    origin: Origin = WEB,
) -> Review:
    """Publish a review; a person reviews a product once (then edits). A review its author removed is
    written again in its place (its points come back with it, once)."""
    check_member(actor, "write a review")
    stars, title, body, pros, cons = check_review_fields(rating, title, body, pros, cons)
    if incentive is not None and incentive not in INCENTIVES:
        raise InvalidInput("Unknown incentive.", field="incentive")
    screening = screen(session, actor, {"title": title, "body": body, "pros": pros, "cons": cons})
    title, body, pros, cons = (screening.fields[k] for k in ("title", "body", "pros", "cons"))
    now = utcnow()
    values = dict(
        created_at=now,
        updated_at=now,
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
        **origin.columns(),
        moderation_state=initial_state(
            screening, pre=product.moderation == "pre", trusted=is_trusted(session, actor)
        ),
    )
    removed = session.scalar(
        select(Review)
        .where(
            Review.product_id == product.id,
            Review.author_id == actor.id,
            Review.moderation_state == State.REMOVED.value,
        )
        .with_for_update()
    )
    if removed is not None:
        review = removed
        for name, value in values.items():
            setattr(review, name, value)
        session.flush()
    else:
        review = Review(**values)
        try:
            with session.begin_nested():
                session.add(review)
        except IntegrityError:
            raise Conflict("You have already reviewed this product. Edit your review instead.") from None
    if review.moderation_state in VISIBLE_STATES:
        change_ratings(session, product.id, add=stars)
        session.expire(product)
    after_create(session, review, screening)
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
    if review.moderation_state == State.REMOVED.value:
        raise NotFound("You removed this review; write a new one instead.")
    stars, title, body, pros, cons = check_review_fields(rating, title, body, pros, cons)
    if (stars, title, body, pros, cons) == (
        review.rating,
        review.title,
        review.body,
        review.pros,
        review.cons,
    ):
        return review  # nothing changed: no revision, no event
    screening = screen(
        session,
        actor,
        {"title": title, "body": body, "pros": pros, "cons": cons},
        trusted=is_trusted(session, actor),
    )
    title, body, pros, cons = (screening.fields[k] for k in ("title", "body", "pros", "cons"))
    old_rating, state = session.execute(
        select(Review.rating, Review.moderation_state).where(Review.id == review.id).with_for_update()
    ).one()  # lock, so two edits at once move the histogram once each
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
    if stars != old_rating and state in VISIBLE_STATES:
        change_ratings(session, review.product_id, add=stars, remove=old_rating)
        session.expire(review.product)
    after_edit(session, review, actor, screening)
    emit(session, ReviewEdited(actor_id=actor.id, review_id=review.id, product_id=review.product_id))
    return review


def do_remove_review(session: Session, *, actor: User | None, review: Review) -> None:
    """Delete one's review: out of the product's rating and lists, its text and history erased, its points
    reversed. Writing a review of the product again starts afresh."""
    check_member(actor, "remove a review")
    do_remove_own(session, actor=actor, obj=review)
    session.execute(delete(ReviewRevision).where(ReviewRevision.review_id == review.id))
    session.execute(delete(HelpfulVote).where(HelpfulVote.review_id == review.id))  # they judged the old text
    review.helpful_count = review.unhelpful_count = 0
