"""Survey pages: a person answers the questions they were asked (the built-in one about a shipped idea also
on that idea's own page); the product team attaches questions to moments and reads the scores."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from cocreate.db import MAX_ID
from cocreate.errors import Conflict, DomainError
from cocreate.extensions import db
from cocreate.ideas.access import check_team, check_view_idea
from cocreate.ideas.models import Board, Idea
from cocreate.insights import bp, shipped, surveys
from cocreate.insights.models import Moment, Survey, SurveyKind
from cocreate.reviews.models import Product
from cocreate.web.rendering import render


def _pending_page(errors: dict[int, str] | None = None, values: dict | None = None):
    invitations = surveys.pending(db.session, current_user)
    return render(
        "insights/surveys.html",
        invitations=invitations,
        anchors={inv.id: surveys.anchors(inv.survey) for inv in invitations},
        errors=errors or {},
        values=values or {},
    ), 422 if errors else 200


def _submit(invitation_of, done_url: str):
    """Answer one question from the posted form. Returns (the redirect, None) once it is answered, or when
    it was answered before; else (None, the reason to show by the form). Refusals (403, 404) are raised."""
    try:
        invitation = invitation_of()
    except DomainError as exc:
        return _refused(exc)
    try:
        surveys.do_answer(
            db.session,
            actor=current_user,
            invitation=invitation,
            score=request.form.get("score"),
            comment=request.form.get("comment", ""),
        )
    except Conflict as exc:  # answered before: the question has left its list, say so on the next page
        db.session.rollback()
        flash(exc.message, "info")
    except DomainError as exc:
        return _refused(exc)
    else:
        db.session.commit()
        flash("Thank you! The team reads every answer.", "success")
    return redirect(done_url, 303), None


def _refused(exc: DomainError):
    db.session.rollback()
    if exc.status in (403, 404):
        raise exc
    return None, exc.message


@bp.get("/surveys")
@login_required
def my_surveys():
    """The questions this person has been asked and not yet answered."""
    return _pending_page()


@bp.post("/surveys/<int:invitation_id>")
@login_required
def answer(invitation_id: int):
    """Answer one question."""
    invitation = surveys.invitation_for(db.session, current_user, invitation_id)
    done, error = _submit(lambda: invitation, url_for("insights.my_surveys"))
    return done or _pending_page({invitation_id: error}, {invitation_id: request.form})


@bp.route("/i/<int:idea_id>/rate", methods=["GET", "POST"])
@login_required
def rate_shipped(idea_id: int):
    """The built-in question that follows a shipped idea, on the idea's own page, for its supporters."""
    idea = db.session.get(Idea, idea_id) if 0 < idea_id <= MAX_ID else None
    if idea is None:
        abort(404, "No such idea.")
    check_view_idea(idea, current_user)
    error = None
    if request.method == "POST":
        done, error = _submit(
            lambda: shipped.shipped_invitation(db.session, actor=current_user, idea=idea),
            url_for("ideas.idea", idea_id=idea.id),
        )
        if done:
            return done
    return render(
        "insights/rate.html",
        idea=idea,
        question=surveys.SHIPPED_QUESTION,
        scale=surveys.SHIPPED_SCALE,
        error=error,
        summary=shipped.shipped_summary(db.session, idea.id),
    ), 422 if error else 200


def _team_page(error: str | None = None):
    items = db.session.scalars(select(Survey).order_by(Survey.active.desc(), Survey.id.desc())).all()
    return render(
        "insights/team_surveys.html",
        items=[(s, surveys.result(db.session, s)) for s in items],
        kinds=list(SurveyKind),
        moments=list(Moment),
        moment_labels={m.value: m.label for m in Moment},
        products=db.session.scalars(select(Product).order_by(Product.name)).all(),
        boards=db.session.scalars(select(Board).order_by(Board.name)).all(),
        names={
            "product": dict(db.session.execute(select(Product.id, Product.name)).all()),
            "board": dict(db.session.execute(select(Board.id, Board.name)).all()),
        },
        error=error,
        form=request.form if error else {},
    ), 422 if error else 200


@bp.route("/team/surveys", methods=["GET", "POST"])
@login_required
def team_surveys():
    """Attach NPS, CSAT and CES questions to moments, and read their scores."""
    check_team(current_user, "run surveys")
    if request.method == "GET":
        return _team_page()
    form = request.form
    product = board = None
    if form.get("product"):
        product = db.session.scalar(select(Product).where(Product.slug == form["product"][:200]))
        if product is None:
            return _team_page("No such product.")
    if form.get("board"):
        board = db.session.scalar(select(Board).where(Board.slug == form["board"][:200]))
        if board is None:
            return _team_page("No such board.")
    try:
        survey = surveys.do_create_survey(
            db.session,
            actor=current_user,
            kind=form.get("kind", ""),
            moment=form.get("moment", ""),
            question=form.get("question", ""),
            product=product,
            board=board,
        )
    except DomainError as exc:
        db.session.rollback()
        if exc.status in (403, 404):
            raise
        return _team_page(exc.message)
    db.session.commit()
    flash(f"Asking “{survey.question}” {Moment(survey.moment).label.lower()}.", "success")
    return redirect(url_for("insights.team_surveys"), 303)


@bp.post("/team/surveys/<int:survey_id>/active")
@login_required
def set_active(survey_id: int):
    """Pause or resume a survey."""
    check_team(current_user, "run surveys")
    survey = db.session.get(Survey, survey_id) if survey_id else None
    if survey is None:
        abort(404, "No such survey.")
    surveys.do_set_active(
        db.session, actor=current_user, survey=survey, active=request.form.get("active") == "1"
    )
    db.session.commit()
    flash("Survey resumed." if survey.active else "Survey paused: nobody is asked it now.", "success")
    return redirect(url_for("insights.team_surveys"), 303)
