"""Beta programs for the product team: set up, open and close, participants, waitlist, feedback,
invitations and the participants CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC

from flask import Response, abort, flash, redirect, request, stream_with_context, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from cocreate.beta import bp, queries, services
from cocreate.beta.forms import ProgramForm
from cocreate.beta.models import BetaFeedback, BetaProgram, BetaSignup
from cocreate.beta.views import load_program
from cocreate.errors import DomainError, InvalidInput
from cocreate.extensions import db
from cocreate.ideas.models import Idea
from cocreate.web.csv_cells import safe_cell
from cocreate.web.forms import show_on_form
from cocreate.web.rendering import render

MAX_IDEAS = 20
CANDIDATES = 60


def _fill_choices(form: ProgramForm, program: BetaProgram | None = None) -> None:
    """Products to choose from, and the ideas a program could answer: those the team has taken up (under
    review, planned, in progress), most supported first, and those it answers already."""
    from cocreate.moderation.models import VISIBLE_STATES
    from cocreate.reviews.queries import products_ranked

    form.product_id.choices = [SelectChoice("", "No product")] + [
        SelectChoice(str(p.id), p.name) for p in products_ranked(db.session)
    ]
    taken_up = db.session.scalars(
        select(Idea)
        .where(
            Idea.status.in_(("under_review", "planned", "in_progress")),
            Idea.moderation_state.in_(VISIBLE_STATES),
            Idea.merged_into_id.is_(None),
        )
        .order_by(Idea.vote_count.desc(), Idea.id)
        .limit(CANDIDATES)
    ).all()
    ideas = list(dict.fromkeys([*(program.ideas if program else []), *taken_up]))
    form.ideas.choices = [
        SelectChoice(str(i.id), f"{i.title} ({i.vote_count} votes, {i.status.replace('_', ' ')})")
        for i in ideas
    ]


def _program_fields(form: ProgramForm) -> dict:
    """What the form says, in the services' terms (times are UTC; ideas by number)."""
    from cocreate.reviews.models import Product

    numbers = [n for n in (form.ideas.data or []) if n]
    if any(not n.isdigit() for n in numbers) or len(numbers) > MAX_IDEAS:
        raise InvalidInput(f"Choose up to {MAX_IDEAS} ideas from the list.", field="ideas")
    ideas = (
        list(db.session.scalars(select(Idea).where(Idea.id.in_([int(n) for n in numbers]))))
        if numbers
        else []
    )
    if len(ideas) != len(set(numbers)):
        raise InvalidInput("One of those ideas does not exist.", field="ideas")
    product = (
        db.session.get(Product, int(form.product_id.data)) if (form.product_id.data or "").isdigit() else None
    )
    return {
        "name": form.name.data,
        "description": form.description.data or "",
        "product": product,
        "ideas": ideas,
        "capacity": form.capacity.data,
        "opens_at": form.opens_at.data.replace(tzinfo=UTC),
        "closes_at": form.closes_at.data.replace(tzinfo=UTC),
        "min_tier": form.min_tier.data,
        "questions": services.parse_questions(form.questions.data),
        "consents": services.parse_consents(form.consents.data),
        "terms": form.terms.data or "",
        "needs_approval": form.needs_approval.data,
        "tier_priority": form.tier_priority.data,
    }


@bp.route("/manage/beta", methods=["GET", "POST"])
@login_required
def manage():
    """Every program, and a form to set up a new one."""
    services.check_manager(current_user)
    form = ProgramForm()
    _fill_choices(form)
    if form.validate_on_submit():
        try:
            created = services.do_create_program(db.session, actor=current_user, **_program_fields(form))
        except DomainError as exc:
            show_on_form(form, exc, "name")
        else:
            db.session.commit()
            flash(f"“{created.name}” is saved as a draft. Open it when you are ready.", "success")
            return redirect(url_for("beta.manage_program", slug=created.slug))
    return render("beta/manage.html", form=form, programs=queries.all_programs(db.session)), (
        422 if form.errors else 200
    )


@bp.route("/manage/beta/<slug>", methods=["GET", "POST"])
@login_required
def manage_program(slug: str):
    """One program for the team: settings, state, participants, waitlist, feedback, invitations."""
    services.check_manager(current_user)
    program = load_program(slug)
    form = ProgramForm(obj=program) if request.method == "GET" else ProgramForm()
    _fill_choices(form, program)
    if request.method == "GET":
        form.product_id.data = str(program.product_id or "")
        form.ideas.data = [str(i.id) for i in program.ideas]
        form.questions.data = "\n".join(
            " | ".join(filter(None, [q["label"], ", ".join(q["choices"]), ", ".join(q["eligible"])]))
            if q["eligible"] or q["choices"]
            else q["label"]
            for q in program.questions
        )
        form.consents.data = "\n".join(program.consents)
    if form.validate_on_submit():
        try:
            services.do_update_program(
                db.session, actor=current_user, program=program, **_program_fields(form)
            )
        except DomainError as exc:
            show_on_form(form, exc, "name")
        else:
            db.session.commit()
            flash("Saved.", "success")
            return redirect(url_for("beta.manage_program", slug=program.slug))
    return render(
        "beta/manage_program.html",
        program=program,
        form=form,
        people=queries.participants(db.session, program.id),
        waitlist=services.waitlist(db.session, program.id, limit=500),
        feedback=queries.program_feedback(db.session, program.id),
        invites=queries.invite_counts(db.session, program.id),
    ), (422 if form.errors else 200)


def _team_action(program: BetaProgram, action, success: str):
    try:
        result = action()
    except DomainError as exc:
        db.session.rollback()
        if exc.status in (403, 404):
            raise
        flash(exc.message, "error")
        return redirect(url_for("beta.manage_program", slug=program.slug)), 303
    db.session.commit()
    flash(success if isinstance(success, str) else success(result), "success")
    return redirect(url_for("beta.manage_program", slug=program.slug))


@bp.post("/manage/beta/<slug>/state")
@login_required
def set_state(slug: str):
    """Open, close or finish the program."""
    services.check_manager(current_user)
    program = load_program(slug)
    state = request.form.get("state", "")
    return _team_action(
        program,
        lambda: services.do_set_state(db.session, actor=current_user, program=program, state=state),
        f"The program is now {state}.",
    )


def _signup(program: BetaProgram, signup_id: int) -> BetaSignup:
    found = db.session.get(BetaSignup, signup_id)
    if found is None or found.program_id != program.id:
        abort(404, "No such participant.")
    return found


@bp.post("/manage/beta/<slug>/signups/<int:signup_id>/<action>")
@login_required
def decide_signup(slug: str, signup_id: int, action: str):
    """Approve, decline or remove one person."""
    services.check_manager(current_user)
    program = load_program(slug)
    found = _signup(program, signup_id)
    if action == "remove":
        run = lambda: services.do_remove(  # noqa: E731
            db.session, actor=current_user, signup=found, note=request.form.get("note", "")
        )
    elif action in ("approve", "decline"):
        run = lambda: services.do_decide_signup(  # noqa: E731
            db.session, actor=current_user, signup=found, approve=action == "approve"
        )
    else:
        abort(404)
    return _team_action(program, run, f"Done: {found.user.display_name} — {action}.")


@bp.post("/manage/beta/<slug>/feedback/<int:feedback_id>/<action>")
@login_required
def decide_feedback(slug: str, feedback_id: int, action: str):
    """Accept (the author earns points) or decline feedback."""
    services.check_manager(current_user)
    program = load_program(slug)
    item = db.session.get(BetaFeedback, feedback_id)
    if item is None or item.program_id != program.id or action not in ("accept", "decline"):
        abort(404, "No such feedback.")
    return _team_action(
        program,
        lambda: services.do_decide_feedback(
            db.session, actor=current_user, feedback=item, accept=action == "accept"
        ),
        f"Feedback {action}ed.",
    )


@bp.post("/manage/beta/<slug>/invite")
@login_required
def invite(slug: str):
    """Invite people by e-mail address (members are told in-app)."""
    services.check_manager(current_user)
    program = load_program(slug)

    def said(result) -> str:
        invited, refused = result
        return f"Invited {invited}." + (
            f" Not e-mail addresses: {', '.join(refused[:10])}." if refused else ""
        )

    return _team_action(
        program,
        lambda: services.do_invite(
            db.session, actor=current_user, program=program, emails=request.form.get("emails", "")
        ),
        said,
    )


@bp.get("/manage/beta/<slug>/participants.csv")
@login_required
def participants_csv(slug: str):
    """Everyone in the program with their status, terms version and answers."""
    services.check_manager(current_user)
    program = load_program(slug)
    keys = [q["key"] for q in program.questions]

    def rows():
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["name", "username", "email", "status", "signed_up_at", "terms_version", *keys])
        for signup, answers in queries.export_rows(db.session, program.id):
            writer.writerow(
                [
                    safe_cell(v)
                    for v in (
                        signup.user.display_name,
                        signup.user.username,
                        signup.user.email,
                        signup.status,
                        signup.signed_up_at.isoformat(),
                        signup.terms_version,
                        *(answers.get(k, "") for k in keys),
                    )
                ]
            )
            yield out.getvalue()
            out.seek(0)
            out.truncate()

    return Response(
        stream_with_context(rows()),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{program.slug}-participants.csv"'},
    )
