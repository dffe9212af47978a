"""The in-store kiosk: large touch targets, three things to do (propose an idea, rate a product, answer a
question), back to the start after each answer. The device holds only its kiosk token, in a cookie; nothing
a customer types stays on it (no autocomplete, no caching, a fresh page after each answer)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, make_response, redirect, request, url_for
from sqlalchemy import select

from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.insights import surveys
from cocreate.insights.kiosks import do_kiosk_idea, find_kiosk
from cocreate.insights.models import Survey, SurveyKind
from cocreate.reviews.models import Product
from cocreate.web.ratelimit import limiter
from cocreate.web.rendering import render

bp = Blueprint("kiosk", __name__, url_prefix="/kiosk")
COOKIE = "cocreate_kiosk"
COOKIE_DAYS = 400  # browsers cap cookie lifetimes at about this
SUBMISSIONS_PER_MINUTE = 20  # per kiosk: a queue of customers, not a script


@bp.before_request
def _identify():
    g.kiosk = find_kiosk(db.session, request.cookies.get(COOKIE))
    if g.kiosk is None and request.endpoint != "kiosk.activate":
        return render("kiosk/not_set_up.html"), 403
    return None


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"  # nothing typed here may be shown to the next person
    return response


def _rate_limited() -> bool:
    decision = limiter().hit(f"kiosk:{g.kiosk.id}:{g.kiosk.prefix}", SUBMISSIONS_PER_MINUTE, 60)
    return not decision.allowed


def _busy():
    return render(
        "kiosk/message.html", title="One moment, please", text="Many answers in a row: try again in a minute."
    ), 429


@bp.route("/activate", methods=["GET", "POST"])
def activate():
    """Set up this device as a kiosk by entering the token an admin created."""
    error = None
    if request.method == "POST":
        plain = (request.form.get("token") or "").strip()
        kiosk = find_kiosk(db.session, plain)
        if kiosk is not None:
            response = make_response(redirect(url_for("kiosk.home"), 303))
            response.set_cookie(
                COOKIE,
                plain,
                max_age=COOKIE_DAYS * 86400,
                httponly=True,
                samesite="Strict",
                secure=current_app.config["SESSION_COOKIE_SECURE"],
                path="/kiosk",
            )
            return response
        error = "This kiosk token is unknown or switched off. Ask an admin for the token on the Kiosks page."
    return render("kiosk/activate.html", error=error), 422 if error else 200


def _rating_surveys() -> list[Survey]:
    return [s for s in surveys.kiosk_surveys(db.session) if s.kind == SurveyKind.CSAT.value]


@bp.get("/")
def home():
    """The three big buttons."""
    asked = [s for s in surveys.kiosk_surveys(db.session) if s.kind != SurveyKind.CSAT.value]
    return render("kiosk/home.html", kiosk=g.kiosk, can_rate=bool(_rating_surveys()), questions=asked)


@bp.route("/idea", methods=["GET", "POST"])
def idea():
    """Propose an idea; a moderator publishes it."""
    error, form = None, {}
    if request.method == "POST":
        if _rate_limited():
            return _busy()
        form = request.form
        try:
            do_kiosk_idea(db.session, kiosk=g.kiosk, title=form.get("title", ""), body=form.get("body", ""))
        except DomainError as exc:
            db.session.rollback()
            error = exc.message
        else:
            db.session.commit()
            return redirect(url_for("kiosk.thanks", what="idea"), 303)
    return render("kiosk/idea.html", kiosk=g.kiosk, error=error, form=form), 422 if error else 200


@bp.get("/rate")
def rate_pick():
    """Choose the product to rate."""
    chosen = _rating_surveys()
    if not chosen:
        abort(404, "Rating products is not set up for kiosks.")
    specific = {s.product_id for s in chosen if s.product_id}
    query = select(Product).order_by(Product.name)
    if all(s.product_id for s in chosen):
        query = query.where(Product.id.in_(specific))
    return render("kiosk/rate_pick.html", products=db.session.scalars(query.limit(60)).all())


@bp.route("/rate/<slug>", methods=["GET", "POST"])
def rate(slug: str):
    """Stars for one product (a CSAT answer about it), with an optional word."""
    product = db.session.scalar(select(Product).where(Product.slug == slug[:200])) or abort(
        404, "No such product."
    )
    survey = next(
        (
            s
            for s in sorted(_rating_surveys(), key=lambda s: s.product_id is None)
            if s.product_id in (None, product.id)
        ),
        None,
    )
    if survey is None:
        abort(404, "This product is not rated at kiosks.")
    return _answer(survey, product)


@bp.route("/question/<int:survey_id>", methods=["GET", "POST"])
def question(survey_id: int):
    """An NPS or CES question asked at kiosks."""
    survey = db.session.get(Survey, survey_id) if survey_id else None
    if survey is None or survey.moment != "kiosk" or not survey.active:
        abort(404, "This question is not asked here.")
    return _answer(survey, None)


def _answer(survey: Survey, product: Product | None):
    error = None
    if request.method == "POST":
        if _rate_limited():
            return _busy()
        try:
            surveys.do_answer_at_kiosk(
                db.session,
                kiosk=g.kiosk,
                survey=survey,
                product=product,
                score=request.form.get("score"),
                comment=request.form.get("comment", ""),
            )
        except DomainError as exc:
            db.session.rollback()
            error = exc.message
        else:
            db.session.commit()
            return redirect(url_for("kiosk.thanks", what="answer"), 303)
    question_text = survey.question
    if product is not None and survey.product_id is None and "{subject}" not in question_text:
        question_text = f"{survey.question} ({product.name})"
    return render(
        "kiosk/answer.html",
        survey=survey,
        product=product,
        question=question_text,
        anchors=surveys.anchors(survey),
        error=error,
    ), 422 if error else 200


@bp.get("/thanks")
def thanks():
    """Thank the customer, then the page returns to the start by itself."""
    return render("kiosk/thanks.html", what=request.args.get("what", ""))
