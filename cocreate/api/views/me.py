"""The caller's own data, the product team's ranking, and the OpenAPI document."""

from __future__ import annotations

from flask import jsonify, render_template
from flask_login import current_user
from sqlalchemy import func, select

from cocreate.api import bp
from cocreate.api.gate import current_token
from cocreate.api.inputs import limit_arg, text_arg
from cocreate.api.openapi import document
from cocreate.api.problems import ApiError
from cocreate.api.views.ideas import visible_board
from cocreate.api.views.shapes import link, when
from cocreate.backlog.ranking_reads import ranked
from cocreate.backlog.workspace import Filters
from cocreate.extensions import db
from cocreate.ideas.access import check_member, check_team
from cocreate.ideas.models import Comment, Idea, Vote
from cocreate.moderation.models import State
from cocreate.reviews.models import Review
from cocreate.rewards.queries import standing
from cocreate.web.pagination import decode_cursor, encode_cursor


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document of this API."""
    return jsonify(document())


@bp.get("/docs")
def docs():
    """The OpenAPI document as a page people read (Swagger UI from npm, under the CSP)."""
    return render_template("api/docs.html")


@bp.get("/me")
def me():
    """Who the token (or session) belongs to, their standing and how much they contributed."""
    user = check_member(current_user, "see your own data")
    removed = State.REMOVED.value  # what the person took down is no longer theirs to count
    counts = {
        name: db.session.scalar(select(func.count()).select_from(model).where(*where))
        for name, model, where in (
            ("ideas", Idea, (Idea.author_id == user.id, Idea.moderation_state != removed)),
            ("votes", Vote, (Vote.user_id == user.id,)),
            ("comments", Comment, (Comment.author_id == user.id, Comment.moderation_state != removed)),
            ("reviews", Review, (Review.author_id == user.id, Review.moderation_state != removed)),
        )
    }
    mine = standing(db.session, user.id)
    token = current_token()
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "member_since": when(user.created_at),
        "points": mine.lifetime,
        "balance": mine.balance,
        "tier": mine.tier.name,
        "badges": [badge.name for badge, _ in mine.badges],
        "contributions": counts,
        "token": {"name": token.name, "scope": token.scope} if token else None,
        "url": link(f"/u/{user.username}"),
    }


MAX_OFFSET = 100_000


@bp.get("/boards/<slug>/ranking")
def ranking(slug: str):
    """The product team's ranked list of a board with scores (product people and admins)."""
    check_team(current_user)
    board = visible_board(slug)
    cursor = text_arg("cursor", 400)
    offset = decode_cursor(cursor, int)[0] if cursor else 0
    if not 0 <= offset <= MAX_OFFSET:
        raise ApiError(400, "That page link is not valid any more; start from the first page.")
    limit = limit_arg(50)
    rows = ranked(db.session, board.id, limit=limit + 1, offset=offset, filters=Filters.parse(_filter_args()))
    items = [
        {
            "rank": offset + n,
            "idea_id": idea.id,
            "title": idea.title,
            "status": idea.status,
            "vote_count": idea.vote_count,
            "score": round(score, 3),
            "url": link(f"/i/{idea.id}"),
        }
        for n, (idea, score) in enumerate(rows[:limit], start=1)
    ]
    nxt = encode_cursor(offset + limit, 0) if len(rows) > limit else None
    return {"items": items, "next_cursor": nxt}


def _filter_args() -> dict:
    keys = ("status", "tag", "sentiment", "channel", "segment", "since", "until")
    return {k: text_arg(k) or "" for k in keys}
