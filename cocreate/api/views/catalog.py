"""Products and their reviews, beta programs and sign-ups."""

from __future__ import annotations

from flask import url_for
from flask_login import current_user
from sqlalchemy import select

from cocreate.api import bp
from cocreate.api.gate import origin
from cocreate.api.inputs import Field, json_object, limit_arg, text_arg
from cocreate.api.views.shapes import link, when
from cocreate.beta.models import BetaProgram, ProgramState
from cocreate.beta.queries import public_programs
from cocreate.beta.services.seats import do_sign_up, do_withdraw, signup_of, waitlist_position
from cocreate.errors import NotFound
from cocreate.extensions import db
from cocreate.reviews.models import Review
from cocreate.reviews.queries import product_by_slug, product_reviews, products_ranked
from cocreate.reviews.services.reviews import BODY_MAX, PROS_CONS_MAX, TITLE_MAX, do_write_review


def product_or_404(slug: str):
    product = product_by_slug(db.session, slug)
    if product is None:
        raise NotFound("No such product.")
    return product


def review_shape(r: Review) -> dict:
    return {
        "id": r.id,
        "product": r.product.slug,
        "rating": r.rating,
        "title": r.title,
        "body": r.body,
        "pros": r.pros,
        "cons": r.cons,
        "verified_purchase": r.verified_purchase,
        "helpful_count": r.helpful_count,
        "moderation_state": r.moderation_state,
        "sentiment": r.sentiment,
        "channel": r.channel,
        "via": r.via,
        "author": {"username": r.author.username, "display_name": r.author.display_name},
        "created_at": when(r.created_at),
    }


@bp.get("/products")
def list_products():
    """Products, best rated first."""
    return {
        "items": [
            {
                "slug": p.slug,
                "name": p.name,
                "description": p.description,
                "review_count": p.review_count,
                "average_rating": round(p.rating_sum / p.review_count, 2) if p.review_count else None,
                "url": link(f"/p/{p.slug}"),
            }
            for p in products_ranked(db.session)
        ]
    }


@bp.get("/products/<slug>/reviews")
def list_reviews(slug: str):
    """A product's published reviews (sort: helpful, new, highest, lowest)."""
    product = product_or_404(slug)
    page = product_reviews(
        db.session,
        product,
        sort=text_arg("sort") or "helpful",
        cursor=text_arg("cursor", 400),
        limit=limit_arg(),
        viewer=current_user,
    )
    return {"items": [review_shape(r) for r in page.reviews], "next_cursor": page.next_cursor}


REVIEW_FIELDS = {
    "rating": Field(int, required=True),
    "title": Field(str, required=True, max_length=TITLE_MAX),
    "body": Field(str, max_length=BODY_MAX),
    "pros": Field(str, max_length=PROS_CONS_MAX),
    "cons": Field(str, max_length=PROS_CONS_MAX),
}


@bp.post("/products/<slug>/reviews")
def create_review(slug: str):
    """Review a product (once per person); stamped with the API channel."""
    product = product_or_404(slug)
    data = json_object(REVIEW_FIELDS)
    review = do_write_review(
        db.session,
        actor=current_user,
        product=product,
        rating=data["rating"],
        title=data["title"],
        body=data.get("body", ""),
        pros=data.get("pros", ""),
        cons=data.get("cons", ""),
        origin=origin(),
    )
    db.session.commit()
    review = db.session.get(Review, review.id)
    return review_shape(review), 201, {"Location": url_for("api.list_reviews", slug=slug)}


def _program(p: BetaProgram, mine) -> dict:
    return {
        "slug": p.slug,
        "name": p.name,
        "description": p.description,
        "state": p.state,
        "capacity": p.capacity,
        "seats_taken": p.seats_taken,
        "opens_at": when(p.opens_at),
        "closes_at": when(p.closes_at),
        "min_tier": p.min_tier,
        "terms_version": p.terms_version,
        "consents": list(p.consents or []),
        "questions": [
            {"key": q["key"], "label": q["label"], "choices": list(q.get("choices") or [])}
            for q in (p.questions or [])
        ],
        "my_signup": _signup(mine) if mine else None,
        "url": link(f"/beta/{p.slug}"),
    }


def _signup(s) -> dict:
    return {
        "status": s.status,
        "signed_up_at": when(s.signed_up_at),
        "waitlist_position": waitlist_position(db.session, s),
    }


def _beta(slug: str) -> BetaProgram:
    program = db.session.scalar(select(BetaProgram).where(BetaProgram.slug == slug))
    if program is None or program.state == ProgramState.DRAFT.value:
        raise NotFound("No such beta program.")
    return program


def _mine(program: BetaProgram):
    return signup_of(db.session, program, current_user.id) if current_user.is_authenticated else None


@bp.get("/beta/programs")
def list_programs():
    """Beta programs that are open, closed or finished (drafts stay with the team)."""
    return {"items": [_program(p, _mine(p)) for p in public_programs(db.session)]}


SIGNUP_FIELDS = {
    "terms_version": Field(int, required=True),
    "consents": Field(list, max_items=50),
    "answers": Field(dict, max_items=50),
}


@bp.post("/beta/programs/<slug>/signup")
def sign_up(slug: str):
    """Join a beta: a seat while there is one, else the waitlist. Accept the terms of the version you read."""
    program = _beta(slug)
    data = json_object(SIGNUP_FIELDS)
    do_sign_up(
        db.session,
        actor=current_user,
        program=program,
        terms_version=data["terms_version"],
        consents=data.get("consents", []),
        answers=data.get("answers", {}),
    )
    db.session.commit()
    program = _beta(slug)
    return _program(program, _mine(program)), 201


@bp.delete("/beta/programs/<slug>/signup")
def withdraw(slug: str):
    """Leave a beta; your seat goes to the first on the waitlist."""
    program = _beta(slug)
    do_withdraw(db.session, actor=current_user, program=program)
    db.session.commit()
    return "", 204
