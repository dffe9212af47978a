"""Board and idea pages, comments and statuses (votes: vote_views.py). Each view: load, check access, call
one service, commit, render."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from cocreate.db import read_only, utcnow
from cocreate.errors import DomainError, InvalidInput
from cocreate.extensions import db
from cocreate.ideas import bp, hooks, services
from cocreate.ideas import queries as q
from cocreate.ideas.access import (
    can_change_status,
    can_edit_comment,
    can_edit_idea,
    check_view_board,
    check_view_idea,
)
from cocreate.ideas.board_reads import SORT_LABELS
from cocreate.ideas.board_rows import board_page
from cocreate.ideas.board_versions import board_with_page
from cocreate.ideas.forms import IdeaForm
from cocreate.ideas.models import Comment, Idea
from cocreate.ideas.services.votes import open_votes_on_board, vote_budget
from cocreate.moderation.access import can_see
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.moderation.queries import case_for
from cocreate.web.anonymous_cache import anonymous_cache
from cocreate.web.forms import show_on_form
from cocreate.web.rendering import is_htmx, render

IDEA_TEMPLATE = "ideas/idea.html"


def _edit_window() -> timedelta:
    return timedelta(minutes=current_app.config["IDEA_EDIT_WINDOW_MINUTES"])


def load_idea(idea_id: int) -> Idea:
    return check_view_idea(q.idea_for_page(db.session, idea_id), current_user)


def _back_to(idea: Idea, anchor: str = ""):
    return redirect(url_for("ideas.idea", idea_id=idea.id) + anchor)


@bp.get("/boards")
@anonymous_cache
def boards():
    """The boards this person can see."""
    return render("ideas/boards.html", boards=q.visible_boards(db.session, current_user))


@bp.get("/b/<slug>")
@anonymous_cache
@read_only
def board(slug: str):
    """A board's ideas: sorted, filtered, a page at a time."""
    args = request.args.to_dict()  # a plain dict: MultiDict.get raises and catches a KeyError per miss
    sort = args.get("sort", "hot")
    status = args.get("status") or None
    tag = args.get("tag") or None
    board, page = board_with_page(
        db.session,
        slug,
        current_user,
        sort=sort,
        status=status,
        tag=tag,
        cursor=args.get("cursor") or None,
        limit=current_app.config["BOARD_PAGE_SIZE"],
    )
    check_view_board(board, current_user)
    return board_page(
        "idea_rows" if args.get("cursor") else "idea_list",
        board=board,
        page=page,
        sort=sort,
        status=status,
        tag=tag,
        sorts=SORT_LABELS,
        **_budget(board),
    )


def _budget(board) -> dict:
    """The board's budget for this person and how many of their votes are left (None without a budget, or
    for visitors)."""
    if not board.vote_budget:
        return {"my_budget": None, "votes_left": None}
    mine = vote_budget(db.session, board, current_user)
    if not current_user.is_authenticated:
        return {"my_budget": mine, "votes_left": None}
    return {
        "my_budget": mine,
        "votes_left": max(0, mine - open_votes_on_board(db.session, current_user.id, board.id)),
    }


@bp.route("/b/<slug>/new", methods=["GET", "POST"])
@login_required
def new_idea(slug: str):
    """Propose an idea."""
    board = check_view_board(q.board_by_slug(db.session, slug), current_user)
    form = IdeaForm()
    form.tags.choices = [SelectChoice(t.slug, t.name) for t in board.tags]
    if form.validate_on_submit():
        try:
            idea = services.do_create_idea(
                db.session,
                actor=current_user,
                board=board,
                title=form.title.data,
                body=form.body.data or "",
                tag_slugs=form.tags.data or [],
            )
        except DomainError as exc:
            show_on_form(form, exc, "title")
        else:
            db.session.commit()
            if idea.moderation_state in VISIBLE_STATES:
                flash("Your idea is posted. Share it so others can vote.", "success")
            else:
                flash(
                    "Thank you! Your idea will appear on the board once a moderator has looked at it.",
                    "success",
                )
            return redirect(url_for("ideas.idea", idea_id=idea.id))
    return render("ideas/edit.html", board=board, form=form, idea=None), 422 if form.errors else 200


def _rating(idea):
    """How supporters rate it once shipped (insights), or None."""
    return hooks.idea_panels["rating"](db.session, idea, current_user)


def _backlog(idea):
    """Where it stands in the product team's backlog (backlog)."""
    return hooks.idea_panels["backlog"](db.session, idea, current_user)


@bp.get("/i/<int:idea_id>")
@anonymous_cache
def idea(idea_id: int):
    """An idea with its votes, status timeline and comments; a merged duplicate redirects to the kept idea."""
    idea = load_idea(idea_id)
    if idea.merged_into_id is not None:
        return redirect(url_for("ideas.idea", idea_id=idea.merged_into_id), 301)
    return render(
        IDEA_TEMPLATE,
        idea=idea,
        votes=q.vote_summary(db.session, idea, current_user),
        timeline=q.status_timeline(db.session, idea),
        discussion=q.discussion(db.session, idea, current_user),
        can_edit=can_edit_idea(idea, current_user, now=utcnow(), window=_edit_window()),
        can_change_status=can_change_status(current_user),
        backlog=_backlog(idea),
        rating=_rating(idea),
        case=case_for(db.session, "idea", idea.id) if idea.moderation_state not in VISIBLE_STATES else None,
        removal=_removal(idea),
    )


def _removal(idea: Idea) -> dict | None:
    """For the author of an idea they may still take down: how many others' votes it would release."""
    from cocreate.ideas.services.removal import REMOVABLE, others_votes

    mine = current_user.is_authenticated and current_user.id == idea.author_id
    if not mine or idea.status not in REMOVABLE or idea.merged_into_id is not None:
        return None
    return {"others": others_votes(db.session, idea)}


def _comment_or_404(comment_id: int) -> Comment:
    """The comment, if this person may see it: one answer for a missing one and for one on a board or idea
    they may not see, so that the answer tells nothing of what exists."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or not can_see(comment, current_user) or not can_see(comment.idea, current_user):
        abort(404, "No such comment.")
    return comment


@bp.post("/i/<int:idea_id>/delete")
@login_required
def delete_idea(idea_id: int):
    """The author deletes their idea, or withdraws it when others voted (their votes come free)."""
    idea = load_idea(idea_id)
    board = idea.board
    released = services.do_remove_idea(db.session, actor=current_user, idea=idea)
    db.session.commit()
    if released:
        flash(
            f"Your idea is withdrawn. The {released} people who voted for it have their vote back.", "success"
        )
    else:
        flash("Your idea is deleted.", "success")
    return redirect(url_for("ideas.board", slug=board.slug))


@bp.post("/comments/<int:comment_id>/delete")
@login_required
def delete_comment(comment_id: int):
    """The author deletes their comment; replies to it stay."""
    comment = _comment_or_404(comment_id)
    idea = load_idea(comment.idea_id)
    services.do_remove_comment(db.session, actor=current_user, comment=comment)
    db.session.commit()
    flash("Your comment is deleted.", "success")
    return _back_to(idea, "#discussion")


@bp.route("/i/<int:idea_id>/edit", methods=["GET", "POST"])
@login_required
def edit_idea(idea_id: int):
    """Edit an idea; the previous text goes into the history."""
    idea = load_idea(idea_id)
    form = IdeaForm(obj=None if request.method == "POST" else idea)
    form.tags.choices = [SelectChoice(t.slug, t.name) for t in idea.board.tags]
    if request.method == "GET":
        form.tags.data = [t.slug for t in idea.tags]
    if not can_edit_idea(idea, current_user, now=utcnow(), window=_edit_window()) and request.method == "GET":
        abort(403, "You cannot edit this idea (authors can edit for a short while after posting).")
    if form.validate_on_submit():
        try:
            services.do_edit_idea(
                db.session,
                actor=current_user,
                idea=idea,
                title=form.title.data,
                body=form.body.data or "",
                tag_slugs=form.tags.data or [],
                edit_window=_edit_window(),
            )
        except DomainError as exc:
            show_on_form(form, exc, "title")
        else:
            db.session.commit()
            flash("Your changes are saved.", "success")
            return _back_to(idea)
    return render("ideas/edit.html", board=idea.board, form=form, idea=idea), 422 if form.errors else 200


@bp.get("/i/<int:idea_id>/history")
def idea_history(idea_id: int):
    """Earlier versions of an idea's text."""
    idea = load_idea(idea_id)
    return render("ideas/history.html", idea=idea, revisions=q.idea_revisions(db.session, idea))


@bp.post("/i/<int:idea_id>/comments")
@login_required
def comment(idea_id: int):
    """Comment or reply; htmx re-renders the discussion."""
    idea = load_idea(idea_id)
    parent = request.form.get("parent_id", "").strip()
    if parent and not parent.isdigit():
        abort(400, "The comment you replied to does not exist on this idea.")
    try:
        new = services.do_add_comment(
            db.session,
            actor=current_user,
            idea=idea,
            body=request.form.get("body", ""),
            parent_id=int(parent) if parent else None,
        )
    except DomainError as exc:
        if is_htmx():
            raise
        db.session.rollback()
        flash(exc.message, "error")
        return _back_to(idea, "#discussion")
    db.session.commit()
    if is_htmx():
        return render(
            IDEA_TEMPLATE,
            block="discussion",
            idea=idea,
            discussion=q.discussion(db.session, idea, current_user),
        )
    return _back_to(idea, f"#comment-{new.id}")


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id: int):
    """Edit one's comment (soon after posting, or to fix one moderators returned)."""
    comment = _comment_or_404(comment_id)
    idea = load_idea(comment.idea_id)
    if not can_edit_comment(comment, current_user, now=utcnow(), window=_edit_window()):
        abort(403, "You can only edit your own comments, for a short while after posting.")
    error, body = None, comment.body
    if request.method == "POST":
        body = request.form.get("body", "")
        try:
            services.do_edit_comment(
                db.session, actor=current_user, comment=comment, body=body, edit_window=_edit_window()
            )
        except DomainError as exc:
            db.session.rollback()
            if exc.status in (403, 404):
                raise
            error = exc.message
        else:
            db.session.commit()
            flash("Your comment is saved.", "success")
            return _back_to(idea, f"#comment-{comment.id}")
    case = (
        case_for(db.session, "comment", comment.id)
        if comment.moderation_state not in VISIBLE_STATES
        else None
    )
    return render(
        "ideas/comment_edit.html", idea=idea, comment=comment, body=body, error=error, case=case
    ), 422 if error else 200


@bp.post("/i/<int:idea_id>/status")
@login_required
def change_status(idea_id: int):
    """Move an idea to another status with a note (staff only)."""
    idea = load_idea(idea_id)
    services.do_change_status(
        db.session,
        actor=current_user,
        idea=idea,
        status=request.form.get("status", ""),
        note=request.form.get("note", ""),
    )
    db.session.commit()
    if is_htmx():
        return render(
            IDEA_TEMPLATE,
            block="status_panel",
            idea=idea,
            timeline=q.status_timeline(db.session, idea),
            can_change_status=True,
            backlog=_backlog(idea),
            my_vote=q.viewer_vote(db.session, idea, current_user),
            oob=True,  # the chip and the vote box in the idea's head change too
        )
    flash("Status updated.", "success")
    return _back_to(idea, "#status")


@bp.get("/roadmap")
def roadmap():
    """Planned, in progress and shipped: what the team is doing with what people asked for."""
    from cocreate.ideas import roadmap as r

    boards = q.visible_boards(db.session, current_user)
    board = next((b for b in boards if b.slug == request.args.get("board")), None)
    column = request.args.get("column")
    column = column if column in r.COLUMNS else None
    page = request.args.get("page", "")
    columns = r.roadmap(db.session, current_user, board, only=column, page=int(page) if page.isdigit() else 1)
    if column and is_htmx():  # "Show more" in one column: its next page of cards
        return render("ideas/roadmap.html", block="more_cards", col=columns[column], board=board)
    return render("ideas/roadmap.html", block="columns", columns=columns, boards=boards, board=board)


@bp.get("/changelog")
def changelog():
    """Shipped ideas, newest first, crediting the people who proposed them."""
    from cocreate.ideas import roadmap as r

    page = r.changelog(db.session, current_user, cursor=request.args.get("cursor") or None)
    return render("ideas/changelog.html", block="entries" if request.args.get("cursor") else None, page=page)


@bp.post("/i/<int:idea_id>/merge")
@login_required
def merge(idea_id: int):
    """Merge this idea into another (its number or address): votes move, voters are told."""
    from cocreate.ideas.services.merge import do_merge

    source = load_idea(idea_id)
    raw = (request.form.get("target") or "").strip().rstrip("/").split("/")[-1].lstrip("#")
    target = db.session.get(Idea, int(raw)) if raw.isdigit() else None
    if target is None:
        raise InvalidInput("Give the number of the idea to keep (as in its address, /i/123).", field="target")
    moved = do_merge(db.session, actor=current_user, source=source, target=target)
    db.session.commit()
    flash(f"Merged into “{target.title}”: {moved} vote{'s' if moved != 1 else ''} moved.", "success")
    return redirect(url_for("ideas.idea", idea_id=target.id))
