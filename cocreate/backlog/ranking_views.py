"""The product team's workspace: the ranked list with filters and saved views, why each idea ranks where it
does, weights with a preview, status changes for many ideas at once, and exports."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, request, stream_with_context, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from cocreate.backlog import bp, ranking, ranking_reads
from cocreate.backlog.models import SavedView
from cocreate.backlog.weights import check_weights, do_set_weights, pending
from cocreate.backlog.workspace import (
    SENTIMENTS,
    Filters,
    do_bulk_status,
    do_delete_view,
    do_save_view,
)
from cocreate.db import utcnow
from cocreate.errors import DomainError, InvalidInput
from cocreate.extensions import db
from cocreate.ideas.access import check_team, check_view_idea
from cocreate.ideas.models import Channel, Idea
from cocreate.ideas.queries import visible_boards
from cocreate.web.rendering import is_htmx, render

TEMPLATE = "backlog/ranking.html"


def _board(slug: str | None):
    boards = visible_boards(db.session, current_user)
    if not boards:
        abort(404, "No boards yet.")
    if slug:
        board = next((b for b in boards if b.slug == slug), None)
    else:  # the customers' boards come before the staff's own
        board = next((b for b in boards if not b.is_private), boards[0])
    if board is None:
        abort(404, "No such board.")
    return boards, board


def _page(boards, board, *, filters: Filters | None = None, weights=None, errors=None, **extra):
    filters = filters or Filters()
    return render(
        TEMPLATE,
        boards=boards,
        board=board,
        rows=ranking_reads.ranked(db.session, board.id, limit=50, filters=filters),
        filters=filters,
        sentiments=SENTIMENTS,
        channels=[c.value for c in Channel],
        views=db.session.scalars(
            select(SavedView).where(SavedView.user_id == current_user.id).order_by(SavedView.name)
        ).all(),
        weights=weights or ranking.weights_for(db.session, board.id),
        pending=board.id in set(pending(db.session)),
        errors=errors or {},
        **extra,
    )


@bp.get("/manage/ranking")
@login_required
def ranked_list():
    """The board's ideas by priority, filtered, with the weights that order them."""
    check_team(current_user)
    boards, board = _board(request.args.get("board"))
    return _page(boards, board, filters=Filters.parse(request.args))


@bp.get("/manage/ranking/why/<int:idea_id>")
@login_required
def why(idea_id: int):
    """An idea's score, signal by signal."""
    check_team(current_user)
    idea = check_view_idea(db.session.get(Idea, idea_id), current_user)
    found = ranking_reads.breakdown(db.session, idea)
    if is_htmx():
        return render(TEMPLATE, block="why", idea=idea, breakdown=found)
    return render("backlog/why.html", idea=idea, breakdown=found)


@bp.post("/manage/ranking/<slug>/preview")
@login_required
def preview(slug: str):
    """The new top 20 under the weights in the form; nothing is saved."""
    check_team(current_user)
    boards, board = _board(slug)
    error, found, weights = None, None, ranking.weights_for(db.session, board.id)
    try:
        weights = check_weights(request.form)
    except InvalidInput as exc:
        error = exc.message
    else:
        found = ranking_reads.preview(db.session, board.id, weights)
    if is_htmx():
        return render(TEMPLATE, block="preview", preview_rows=found, error=error), 422 if error else 200
    return _page(boards, board, weights=weights, preview_rows=found, error=error), 422 if error else 200


@bp.post("/manage/ranking/<slug>/weights")
@login_required
def save_weights(slug: str):
    """Save the weights and re-score the board (at once when small, else by the worker)."""
    check_team(current_user)
    boards, board = _board(slug)
    try:
        weights = check_weights(request.form)
    except InvalidInput as exc:
        return _page(boards, board, errors={exc.field: exc.message}), 422
    now = do_set_weights(db.session, actor=current_user, board=board, weights=weights)
    db.session.commit()
    flash(
        "Weights saved; the ranking below uses them."
        if now
        else "Weights saved. The worker is re-scoring this board's votes; the order updates when it is done.",
        "success",
    )
    return redirect(url_for("backlog.ranked_list", board=board.slug), 303)


@bp.post("/manage/ranking/<slug>/bulk-status")
@login_required
def bulk_status(slug: str):
    """Move the ticked ideas to one status, with one note for their followers."""
    check_team(current_user)
    boards, board = _board(slug)
    try:
        ids = [int(v) for v in request.form.getlist("idea_ids")]
    except ValueError:
        abort(400, "Idea numbers are whole numbers.")
    back = url_for("backlog.ranked_list") + "?" + (request.form.get("back") or f"board={board.slug}")[:500]
    try:
        moved, skipped = do_bulk_status(
            db.session,
            actor=current_user,
            board_id=board.id,
            idea_ids=ids,
            status=request.form.get("status", ""),
            note=request.form.get("note", ""),
        )
    except DomainError as exc:
        db.session.rollback()
        if exc.status in (403, 404):
            raise
        flash(exc.message, "error")
        return redirect(back, 303)
    db.session.commit()
    flash(
        f"Moved {moved} idea{'s' if moved != 1 else ''}."
        + (" Not moved: " + " ".join(skipped) if skipped else ""),
        "success" if not skipped else "error",
    )
    return redirect(back, 303)


@bp.post("/manage/ranking/views")
@login_required
def save_view():
    """Keep the current board and filters under a name."""
    check_team(current_user)
    _, board = _board(request.form.get("board"))
    filters = Filters.parse(request.form)
    try:
        view = do_save_view(
            db.session,
            actor=current_user,
            board_slug=board.slug,
            name=request.form.get("name", ""),
            filters=filters,
        )
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("backlog.ranked_list") + f"?board={board.slug}&{filters.query_string()}", 303)
    db.session.commit()
    flash(f"Saved the view “{view.name}”.", "success")
    return redirect(url_for("backlog.ranked_list") + "?" + view.query, 303)


@bp.post("/manage/ranking/views/<int:view_id>/delete")
@login_required
def delete_view(view_id: int):
    """Forget a saved view."""
    view = db.session.get(SavedView, view_id) or abort(404, "No such view.")
    do_delete_view(db.session, actor=current_user, view=view)
    db.session.commit()
    flash(f"Deleted the view “{view.name}”.", "success")
    return redirect(url_for("backlog.ranked_list"), 303)


@bp.get("/manage/ranking/export.<any(csv, json):kind>")
@login_required
def export(kind: str):
    """The ranked list of one board (or every board with board=all), filtered, as CSV or JSON, streamed."""
    from cocreate.backlog.export import as_csv, as_json, rows

    check_team(current_user)
    slug = request.args.get("board", "all")
    boards = visible_boards(db.session, current_user) if slug == "all" else [_board(slug)[1]]
    base_url = (current_app.config.get("BASE_URL") or request.host_url).rstrip("/")
    found = rows(db.session, boards, Filters.parse(request.args), base_url)
    body = as_csv(found) if kind == "csv" else as_json(found)
    name = f"cocreate-ranking-{slug}-{utcnow():%Y%m%d}.{kind}"
    return Response(
        stream_with_context(body),
        mimetype="text/csv" if kind == "csv" else "application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
