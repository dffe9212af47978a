"""Beta programs for customers: browse, sign up, withdraw, accept new terms, send feedback. The product
team's pages are in team_views.py."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from cocreate.beta import bp, queries, services
from cocreate.beta.forms import FeedbackForm
from cocreate.beta.models import BetaProgram, ProgramState
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.web.rendering import render


def load_program(slug: str) -> BetaProgram:
    program = db.session.scalar(select(BetaProgram).where(BetaProgram.slug == slug))
    if program is None or (
        program.state == ProgramState.DRAFT.value and not services.can_manage(current_user)
    ):
        abort(404, "No such beta program.")
    return program


@bp.get("/beta")
def index():
    """Programs taking testers, and the ones you are in."""
    mine = queries.my_signups(db.session, current_user.id) if current_user.is_authenticated else []
    return render("beta/index.html", programs=queries.public_programs(db.session), mine=mine)


def _program_page(program: BetaProgram, *, error: str | None = None, status: int = 200, form=None):
    signup = (
        services.signup_of(db.session, program, current_user.id) if current_user.is_authenticated else None
    )
    feedback_form = form or FeedbackForm(formdata=None)
    feedback_form.idea_id.choices = [SelectChoice("", "No idea in particular")] + [
        SelectChoice(str(i.id), i.title) for i in program.ideas
    ]
    return render(
        "beta/program.html",
        program=program,
        signup=signup,
        position=services.waitlist_position(db.session, signup) if signup else None,
        waiting=queries.waitlist_count(db.session, program.id),
        error=error,
        answers_given=request.form if request.method == "POST" else {},
        feedback_form=feedback_form,
        my_feedback=queries.feedback_of(db.session, program.id, current_user.id) if signup else [],
        can_manage=services.can_manage(current_user),
    ), status


@bp.get("/beta/<slug>")
def program(slug: str):
    """A program: what it is, its seats and waitlist, and your place in it."""
    return _program_page(load_program(slug))


def _attempt(program: BetaProgram, action, success: str):
    """Run a participant's action; a refusal is shown on the program page with its status code."""
    try:
        action()
    except DomainError as exc:
        db.session.rollback()
        if exc.status == 404:
            raise
        return _program_page(program, error=exc.message, status=422 if exc.status == 400 else exc.status)
    db.session.commit()
    flash(success, "success")
    return redirect(url_for("beta.program", slug=program.slug))


@bp.post("/beta/<slug>/signup")
@login_required
def signup(slug: str):
    """Sign up: accept the terms and consents, answer the screening questions."""
    program = load_program(slug)
    answers = {q["key"]: request.form.get(f"q_{q['key']}", "") for q in program.questions}
    return _attempt(
        program,
        lambda: services.do_sign_up(
            db.session,
            actor=current_user,
            program=program,
            terms_version=request.form.get("terms_version", ""),
            consents=request.form.getlist("consent"),
            answers=answers,
        ),
        "You signed up. Your place is shown below.",
    )


@bp.post("/beta/<slug>/withdraw")
@login_required
def withdraw(slug: str):
    """Leave the program or its waitlist."""
    program = load_program(slug)
    return _attempt(
        program,
        lambda: services.do_withdraw(db.session, actor=current_user, program=program),
        "You left the beta.",
    )


@bp.post("/beta/<slug>/terms")
@login_required
def accept_terms(slug: str):
    """Accept the new version of the terms."""
    program = load_program(slug)
    return _attempt(
        program,
        lambda: services.do_accept_terms(
            db.session,
            actor=current_user,
            program=program,
            terms_version=request.form.get("terms_version", ""),
        ),
        "Thank you: you accepted the new terms.",
    )


@bp.post("/beta/<slug>/feedback")
@login_required
def feedback(slug: str):
    """Send a bug report, a suggestion or praise."""
    program = load_program(slug)
    form = FeedbackForm()
    form.idea_id.choices = [SelectChoice("", "")] + [SelectChoice(str(i.id), i.title) for i in program.ideas]
    if not form.validate_on_submit():
        return _program_page(program, error="Please fix the feedback form below.", status=422, form=form)
    idea = next((i for i in program.ideas if str(i.id) == form.idea_id.data), None)
    return _attempt(
        program,
        lambda: services.do_submit_feedback(
            db.session,
            actor=current_user,
            program=program,
            kind=form.kind.data,
            title=form.title.data,
            body=form.body.data,
            idea=idea,
        ),
        "Thank you! The team reads every report.",
    )
