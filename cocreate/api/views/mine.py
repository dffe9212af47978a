"""The caller's own contributions, newest first, one list per kind (GET /me/ideas, /me/votes, ...). Held
and rejected ones are included: they are the caller's own, with their moderation state; what the caller
removed is not."""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cocreate.api import bp
from cocreate.api.inputs import limit_arg, text_arg
from cocreate.api.views import shapes
from cocreate.api.views.catalog import review_shape
from cocreate.api.views.community import story_shape
from cocreate.api.views.shapes import link, when
from cocreate.extensions import db
from cocreate.ideas.access import check_member
from cocreate.ideas.models import Comment, Idea, Vote
from cocreate.moderation.models import State
from cocreate.reviews.models import Review, UGCItem
from cocreate.web.pagination import decode_cursor, encode_cursor


def _page(model, owner_column, options=()):
    """One page of the caller's rows of `model`, newest first, and the next cursor."""
    user = check_member(current_user, "see your own contributions")
    limit = limit_arg()
    stmt = select(model).where(owner_column == user.id).options(*options)
    if hasattr(model, "moderation_state"):  # votes have none
        stmt = stmt.where(model.moderation_state != State.REMOVED.value)
    cursor = text_arg("cursor", 400)
    if cursor:
        _, before = decode_cursor(cursor, int)
        stmt = stmt.where(model.id < before)
    rows = list(db.session.scalars(stmt.order_by(model.id.desc()).limit(limit + 1)))
    nxt = encode_cursor(rows[limit - 1].id, rows[limit - 1].id) if len(rows) > limit else None
    return rows[:limit], nxt


@bp.get("/me/ideas")
def my_ideas():
    """Ideas you proposed (on any channel), with your vote on each."""
    ideas, nxt = _page(
        Idea,
        Idea.author_id,
        (selectinload(Idea.board), selectinload(Idea.author), selectinload(Idea.tags)),
    )
    mine = dict(
        db.session.execute(
            select(Vote.idea_id, Vote.importance).where(
                Vote.user_id == current_user.id, Vote.idea_id.in_([i.id for i in ideas])
            )
        ).all()
    )
    return {"items": [shapes.idea(i, mine.get(i.id)) for i in ideas], "next_cursor": nxt}


@bp.get("/me/votes")
def my_votes():
    """Ideas you voted for, with the importance you gave."""
    votes, nxt = _page(Vote, Vote.user_id, (selectinload(Vote.idea),))
    items = [
        {
            "idea_id": v.idea_id,
            "title": v.idea.title,
            "status": v.idea.status,
            "importance": v.importance,
            "channel": v.channel,
            "via": v.via,
            "created_at": when(v.created_at),
            "url": link(f"/i/{v.idea_id}"),
        }
        for v in votes
    ]
    return {"items": items, "next_cursor": nxt}


@bp.get("/me/comments")
def my_comments():
    """Comments you wrote."""
    comments, nxt = _page(Comment, Comment.author_id, (selectinload(Comment.author),))
    return {"items": [shapes.comment(c) for c in comments], "next_cursor": nxt}


@bp.get("/me/reviews")
def my_reviews():
    """Reviews you wrote."""
    reviews, nxt = _page(
        Review, Review.author_id, (selectinload(Review.author), selectinload(Review.product))
    )
    return {"items": [review_shape(r) for r in reviews], "next_cursor": nxt}


@bp.get("/me/stories")
def my_stories():
    """Stories and photos you shared."""
    items, nxt = _page(
        UGCItem,
        UGCItem.author_id,
        (
            selectinload(UGCItem.photos),
            selectinload(UGCItem.author),
            selectinload(UGCItem.product),
            selectinload(UGCItem.campaign),
        ),
    )
    return {"items": [story_shape(i) for i in items], "next_cursor": nxt}
