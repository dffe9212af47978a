"""Staff capture pages: record a customer's idea, or add a customer's vote, on their behalf."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from cocreate.accounts.models import User
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.ideas import bp
from cocreate.ideas import queries as q
from cocreate.ideas.access import check_view_board, check_view_idea
from cocreate.ideas.forms import CaptureIdeaForm, CaptureVoteForm
from cocreate.ideas.models import Idea, Importance
from cocreate.ideas.services.capture import check_staff, do_capture_idea, do_capture_vote
from cocreate.web.forms import show_on_form
from cocreate.web.rendering import render


@bp.route("/b/<slug>/capture", methods=["GET", "POST"])
@login_required
def capture_idea(slug: str):
    """A staff member records an idea a customer told them about."""
    check_staff(current_user)
    board = check_view_board(q.board_by_slug(db.session, slug), current_user)
    form = CaptureIdeaForm()
    form.tags.choices = [SelectChoice(t.slug, t.name) for t in board.tags]
    if form.validate_on_submit():
        try:
            idea = do_capture_idea(
                db.session,
                actor=current_user,
                board=board,
                customer_email=form.customer_email.data,
                customer_name=form.customer_name.data or "",
                title=form.title.data,
                body=form.body.data or "",
                tag_slugs=form.tags.data or [],
            )
        except DomainError as exc:
            show_on_form(form, exc, "title", fields={"email": "customer_email"})
        else:
            db.session.commit()
            flash(f"Recorded for {idea.author.display_name}. They have been told in the app.", "success")
            return redirect(url_for("ideas.idea", idea_id=idea.id), 303)
    return render("ideas/capture.html", board=board, form=form), 422 if form.errors else 200


@bp.route("/i/<int:idea_id>/capture-vote", methods=["GET", "POST"])
@login_required
def capture_vote(idea_id: int):
    """A staff member adds a customer's support to an idea."""
    check_staff(current_user)
    idea = check_view_idea(db.session.get(Idea, idea_id), current_user)
    form = CaptureVoteForm()
    form.importance.choices = [SelectChoice(level.value, level.label) for level in Importance]
    if form.validate_on_submit():
        try:
            vote = do_capture_vote(
                db.session,
                actor=current_user,
                idea=idea,
                customer_email=form.customer_email.data,
                customer_name=form.customer_name.data or "",
                importance=form.importance.data or Importance.NICE.value,
            )
        except DomainError as exc:
            show_on_form(form, exc, "customer_email", fields={"email": "customer_email"})
        else:
            customer = db.session.get(User, vote.user_id)
            db.session.commit()
            flash(f"{customer.display_name}'s vote is counted.", "success")
            return redirect(url_for("ideas.idea", idea_id=idea.id), 303)
    return render("ideas/capture_vote.html", idea=idea, form=form), 422 if form.errors else 200
