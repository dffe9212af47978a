"""Administration of boards and roles."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from cocreate.accounts.models import Role, User
from cocreate.accounts.services import do_set_role
from cocreate.accounts.session import safe_next
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.ideas.access import check_admin
from cocreate.ideas.forms import BoardForm
from cocreate.ideas.models import Board
from cocreate.ideas.services import do_create_board, do_update_board
from cocreate.web.forms import show_on_form
from cocreate.web.rendering import render

bp = Blueprint("admin", __name__)


@bp.before_request
@login_required
def _admins_only():
    check_admin(current_user)


def _board_kwargs(form: BoardForm) -> dict:
    return {
        "name": form.name.data,
        "description": form.description.data or "",
        "is_private": form.is_private.data,
        "allowed_roles": form.allowed_roles.data or [],
        "vote_budget": form.vote_budget.data,
        "moderation": form.moderation.data or "post",
        "tag_names": (form.tags.data or "").split(","),
        "support_milestones": form.support_milestones.data or "",
        "expiry_days": form.expiry_days.data,
    }


@bp.route("/boards", methods=["GET", "POST"])
def boards():
    """List boards and create a new one."""
    form = BoardForm()
    if form.validate_on_submit():
        try:
            board = do_create_board(db.session, actor=current_user, **_board_kwargs(form))
        except DomainError as exc:
            show_on_form(form, exc, "name")
        else:
            db.session.commit()
            flash(f"Board “{board.name}” created.", "success")
            return redirect(url_for("ideas.board", slug=board.slug))
    all_boards = db.session.scalars(select(Board).order_by(Board.name)).all()
    return render("admin/boards.html", form=form, boards=all_boards), 422 if form.errors else 200


@bp.route("/boards/<int:board_id>", methods=["GET", "POST"])
def edit_board(board_id: int):
    """Change a board's settings and tags."""
    board = db.session.get(Board, board_id) or abort(404, "No such board.")
    form = BoardForm(obj=None if request.method == "POST" else board)
    if request.method == "GET":
        form.allowed_roles.data = sorted(board.allowed_role_set)
        form.tags.data = ", ".join(t.name for t in board.tags)
    if form.validate_on_submit():
        try:
            do_update_board(db.session, actor=current_user, board=board, **_board_kwargs(form))
        except DomainError as exc:
            show_on_form(form, exc, "name")
        else:
            db.session.commit()
            flash("Board saved.", "success")
            return redirect(url_for("admin.boards"))
    return render("admin/board_edit.html", form=form, board=board), 422 if form.errors else 200


@bp.get("/users")
def users():
    """Everyone, with their roles: searched by name or e-mail, filtered by role, a page at a time."""
    from cocreate.accounts.queries import people_page

    search, role = request.args.get("q", ""), request.args.get("role") or None
    page = request.args.get("page", "1")
    found = people_page(db.session, search=search, role=role, page=int(page) if page.isdigit() else 1)
    return render("admin/users.html", found=found, search=search, role=role, roles=list(Role))


@bp.post("/users/<int:user_id>/role")
def set_role(user_id: int):
    """Give a person another role (signs them out everywhere)."""
    user = db.session.get(User, user_id) or abort(404, "No such person.")
    try:
        role = Role(request.form.get("role", ""))
    except ValueError:
        abort(400, "Unknown role.")
    do_set_role(db.session, actor=current_user, user=user, role=role)
    db.session.commit()
    flash(f"{user.username} is now {role.value}.", "success")
    return redirect(safe_next(request.form.get("next"), url_for("admin.users")))
