"""The search page (results as you type), "similar ideas" under the title of a new idea, and possible
duplicates of an idea in the moderation queue."""

from __future__ import annotations

from flask import Blueprint, abort, request
from flask_login import current_user, login_required
from sqlalchemy import select

from cocreate.extensions import db
from cocreate.ideas.access import can_view_board
from cocreate.ideas.models import Idea, Status
from cocreate.ideas.queries import board_by_slug, visible_boards
from cocreate.moderation.access import can_see, check_moderator
from cocreate.reviews.models import Product
from cocreate.search import service
from cocreate.search.backend import KINDS, PER_PAGE, clean_query
from cocreate.sentiment import LABELS
from cocreate.web.rendering import render

bp = Blueprint("search", __name__)


def _choice(name: str, allowed) -> str | None:
    value = request.args.get(name) or None
    return value if value in allowed else None


@bp.get("/search")
def search():
    """One box; filters by type, board, status and sentiment; highlighted snippets; "did you mean"."""
    text = clean_query(request.args.get("q"))
    boards = visible_boards(db.session, current_user)
    board = next((b for b in boards if b.slug == request.args.get("board")), None)
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    filters = {
        "kind": _choice("kind", KINDS),
        "board": board.slug if board else None,
        "status": _choice("status", {s.value for s in Status}),
        "sentiment": _choice("sentiment", LABELS),
    }
    results = None
    if text or any(filters.values()):
        results = service.search(
            db.session,
            current_user,
            text,
            kinds=(filters["kind"],) if filters["kind"] else (),
            board_id=board.id if board else None,
            status=filters["status"],
            sentiment=filters["sentiment"],
            page=page,
        )
    product_ids = {h.product_id for h in results.hits if h.product_id} if results else set()
    products = (
        dict(db.session.execute(select(Product.id, Product.slug).where(Product.id.in_(product_ids))).all())
        if product_ids
        else {}
    )
    return render(
        "search/search.html",
        block="results",
        q=text,
        results=results,
        page=page,
        per_page=PER_PAGE,
        filters={k: v for k, v in filters.items() if v},
        boards=boards,
        kinds=KINDS,
        statuses=list(Status),
        labels=LABELS,
        product_slugs=products,
    )


@bp.get("/b/<slug>/similar")
def similar(slug: str):
    """Ideas like the title being typed (htmx fragment under the title field)."""
    board = board_by_slug(db.session, slug)
    if board is None or not can_view_board(board, current_user):
        abort(404, "No such board.")
    hits = service.similar_ideas(request.args.get("title", ""), board.id)
    return render("search/_similar.html", hits=hits, board=board)


@bp.get("/moderation/ideas/<int:idea_id>/duplicates")
@login_required
def duplicates(idea_id: int):
    """For the moderation queue: published ideas on the same board that read like this one, candidates to
    merge."""
    check_moderator(current_user)
    idea = db.session.get(Idea, idea_id)
    if idea is None or not can_see(idea, current_user):  # nor any idea of a board the moderator may not see
        abort(404, "No such idea.")
    hits = [h for h in service.similar_ideas(idea.title, idea.board_id, limit=6) if h.object_id != idea.id]
    return render("moderation/duplicates.html", block="duplicates", idea=idea, hits=hits[:5])
