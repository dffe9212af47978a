"""The product team's ranked list: why each idea ranks where it does, and weights with a preview."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, request, stream_with_context, url_for
from flask_login import current_user, login_required

from cocreate.backlog import bp, ranking
from cocreate.backlog.weights import check_team, check_weights, do_set_weights
from cocreate.db import utcnow
from cocreate.errors import InvalidInput
from cocreate.extensions import db
from cocreate.ideas.access import check_view_idea
from cocreate.ideas.models import CLOSED_STATUSES, Idea, Status
from cocreate.ideas.queries import visible_boards
from cocreate.web.rendering import is_htmx, render

TEMPLATE = "backlog/ranking.html"
OPEN_STATUSES = [s.value for s in Status if s not in CLOSED_STATUSES]


def _board(slug: str | None):
    boards = visible_boards(db.session, current_user)
    if not boards:
        abort(404, "No boards yet.")
    board = next((b for b in boards if b.slug == slug), None) if slug else boards[0]
    if board is None:
        abort(404, "No such board.")
    return boards, board


@bp.get("/manage/ranking")
@login_required
def ranked_list():
    """The board's open ideas by priority, with the weights that order them."""
    check_team(current_user)
    boards, board = _board(request.args.get("board"))
    status = request.args.get("status", "")
    statuses = [status] if status in {s.value for s in Status} else OPEN_STATUSES
    return _page(boards, board, statuses=statuses, status=status)


def _page(boards, board, *, statuses=None, status="", weights=None, errors=None, **extra):
    from cocreate.backlog.weights import pending

    return render(
        TEMPLATE,
        boards=boards,
        board=board,
        rows=ranking.ranked(db.session, board.id, limit=50, statuses=statuses or OPEN_STATUSES),
        status=status,
        weights=weights or ranking.weights_for(db.session, board.id),
        pending=board.id in set(pending(db.session)),
        errors=errors or {},
        **extra,
    )


@bp.get("/manage/ranking/why/<int:idea_id>")
@login_required
def why(idea_id: int):
    """An idea's score, signal by signal."""
    check_team(current_user)
    idea = check_view_idea(db.session.get(Idea, idea_id), current_user)
    found = ranking.breakdown(db.session, idea)
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
        found = ranking.preview(db.session, board.id, weights)
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
        db.session.rollback()
        rows = ranking.ranked(db.session, board.id, limit=50, statuses=OPEN_STATUSES)
        return render(
            TEMPLATE,
            boards=boards,
            board=board,
            rows=rows,
            status="",
            weights=ranking.weights_for(db.session, board.id),
            pending=False,
            errors={exc.field: exc.message},
        ), 422
    now = do_set_weights(db.session, actor=current_user, board=board, weights=weights)
    db.session.commit()
    flash(
        "Weights saved; the ranking below uses them."
        if now
        else "Weights saved. The worker is re-scoring this board's votes; the order updates when it is done.",
        "success",
    )
    return redirect(url_for("backlog.ranked_list", board=board.slug), 303)


@bp.get("/manage/ranking/export.<any(csv, json):kind>")
@login_required
def export(kind: str):
    """The ranked list of one board (or every board with board=all) as CSV or JSON, streamed."""
    from cocreate.backlog.export import as_csv, as_json, rows

    check_team(current_user)
    slug = request.args.get("board", "all")
    boards = visible_boards(db.session, current_user) if slug == "all" else [_board(slug)[1]]
    status = request.args.get("status", "")
    statuses = [status] if status in {s.value for s in Status} else OPEN_STATUSES
    base_url = (current_app.config.get("BASE_URL") or request.host_url).rstrip("/")
    found = rows(db.session, boards, statuses, base_url)
    body = as_csv(found) if kind == "csv" else as_json(found)
    name = f"cocreate-ranking-{slug}-{utcnow():%Y%m%d}.{kind}"
    return Response(
        stream_with_context(body),
        mimetype="text/csv" if kind == "csv" else "application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
