"""Boards, ideas, votes and comments."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cocreate.api import bp
from cocreate.api.gate import origin
from cocreate.api.inputs import Field, json_object, limit_arg, text_arg
from cocreate.api.problems import ApiError
from cocreate.api.views import shapes
from cocreate.db import MAX_ID
from cocreate.extensions import db
from cocreate.ideas.access import check_view_board, check_view_idea
from cocreate.ideas.board_reads import board_ideas
from cocreate.ideas.models import Comment, Idea
from cocreate.ideas.queries import board_by_slug, idea_for_page, viewer_vote, visible_boards
from cocreate.ideas.services.comments import COMMENT_MAX, do_add_comment
from cocreate.ideas.services.ideas import BODY_MAX, TITLE_MAX, do_create_idea, do_edit_idea
from cocreate.ideas.services.votes import do_change_importance, do_vote, do_withdraw_vote
from cocreate.moderation.access import is_moderator
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.web.pagination import decode_cursor, encode_cursor


def visible_board(slug: str):
    return check_view_board(board_by_slug(db.session, slug), current_user)


def _idea(idea_id: int) -> Idea:
    return check_view_idea(idea_for_page(db.session, idea_id), current_user)


def _created(body: dict, location: str):
    return body, 201, {"Location": location}


@bp.get("/boards")
def list_boards():
    """The boards this person may see."""
    return {"items": [shapes.board(b) for b in visible_boards(db.session, current_user)]}


@bp.get("/boards/<slug>/ideas")
def list_ideas(slug: str):
    """A board's published ideas, sorted and filtered like the board page, one page per cursor."""
    board = visible_board(slug)
    page = board_ideas(
        db.session,
        board,
        sort=text_arg("sort") or "hot",
        status=text_arg("status"),
        tag=text_arg("tag"),
        cursor=text_arg("cursor", 400),
        limit=limit_arg(),
        viewer=current_user,
    )
    return {
        "items": [shapes.idea_summary(i, page.my_votes.get(i.id)) for i in page.ideas],
        "next_cursor": page.next_cursor,
    }


IDEA_FIELDS = {
    "title": Field(str, required=True, max_length=TITLE_MAX),
    "body": Field(str, max_length=BODY_MAX),
    "tags": Field(list, max_items=5),
}


@bp.post("/boards/<slug>/ideas")
def create_idea(slug: str):
    """Propose an idea; it is stamped with the API channel."""
    board = visible_board(slug)
    data = json_object(IDEA_FIELDS)
    idea = do_create_idea(
        db.session,
        actor=current_user,
        board=board,
        title=data["title"],
        body=data.get("body", ""),
        tag_slugs=data.get("tags", []),
        origin=origin(),
    )
    db.session.commit()
    idea = idea_for_page(db.session, idea.id)
    return _created(shapes.idea(idea, None), url_for("api.get_idea", idea_id=idea.id))


@bp.get("/ideas/<int:idea_id>")
def get_idea(idea_id: int):
    """One idea with the caller's own vote."""
    idea = _idea(idea_id)
    return shapes.idea(idea, viewer_vote(db.session, idea, current_user))


EDIT_FIELDS = {
    "title": Field(str, max_length=TITLE_MAX),
    "body": Field(str, max_length=BODY_MAX),
    "tags": Field(list, max_items=5),
}


@bp.patch("/ideas/<int:idea_id>")
def edit_idea(idea_id: int):
    """Change an idea's title, body or tags (its author within the edit window; moderators)."""
    idea = _idea(idea_id)
    data = json_object(EDIT_FIELDS)
    do_edit_idea(
        db.session,
        actor=current_user,
        idea=idea,
        title=data.get("title", idea.title),
        body=data.get("body", idea.body),
        tag_slugs=data.get("tags", [t.slug for t in idea.tags]),
        edit_window=timedelta(minutes=current_app.config["IDEA_EDIT_WINDOW_MINUTES"]),
    )
    db.session.commit()
    idea = idea_for_page(db.session, idea_id)
    return shapes.idea(idea, viewer_vote(db.session, idea, current_user))


VOTE_FIELDS = {"importance": Field(str)}


@bp.put("/ideas/<int:idea_id>/vote")
def put_vote(idea_id: int):
    """Vote for an idea, or change how important it is to you. Putting the same vote twice changes nothing."""
    idea = _idea(idea_id)
    data = json_object(VOTE_FIELDS)
    importance = data.get("importance", "nice")
    existing = viewer_vote(db.session, idea, current_user)
    if existing is None:
        do_vote(db.session, actor=current_user, idea=idea, importance=importance, origin=origin())
        status = 201
    else:
        if existing != importance:
            do_change_importance(db.session, actor=current_user, idea=idea, importance=importance)
        status = 200
    db.session.commit()
    db.session.refresh(idea)
    return {"idea_id": idea.id, "importance": importance, "vote_count": idea.vote_count}, status


@bp.delete("/ideas/<int:idea_id>/vote")
def delete_vote(idea_id: int):
    """Withdraw your vote."""
    idea = _idea(idea_id)
    do_withdraw_vote(db.session, actor=current_user, idea=idea)
    db.session.commit()
    return "", 204


@bp.get("/ideas/<int:idea_id>/comments")
def list_comments(idea_id: int):
    """An idea's comments, oldest first (replies carry parent_id). Held comments show to their author
    and to moderators only, as on the page."""
    idea = _idea(idea_id)
    limit = limit_arg(50)
    stmt = select(Comment).where(Comment.idea_id == idea.id).options(selectinload(Comment.author))
    if not is_moderator(current_user):
        shown = Comment.moderation_state.in_(VISIBLE_STATES)
        if current_user.is_authenticated:
            shown = shown | (Comment.author_id == current_user.id)
        stmt = stmt.where(shown)
    cursor = text_arg("cursor", 400)
    if cursor:
        _, after = decode_cursor(cursor, int)
        stmt = stmt.where(Comment.id > after)
    rows = list(db.session.scalars(stmt.order_by(Comment.id).limit(limit + 1)))
    nxt = encode_cursor(rows[limit - 1].id, rows[limit - 1].id) if len(rows) > limit else None
    return {"items": [shapes.comment(c) for c in rows[:limit]], "next_cursor": nxt}


COMMENT_FIELDS = {"body": Field(str, required=True, max_length=COMMENT_MAX), "parent_id": Field(int)}


@bp.post("/ideas/<int:idea_id>/comments")
def create_comment(idea_id: int):
    """Comment on an idea, or reply to a comment with parent_id."""
    idea = _idea(idea_id)
    data = json_object(COMMENT_FIELDS)
    parent_id = data.get("parent_id")
    if parent_id is not None and not 1 <= parent_id <= MAX_ID:
        raise ApiError(422, "No such comment to reply to.", [{"field": "parent_id", "message": "Unknown."}])
    comment = do_add_comment(
        db.session, actor=current_user, idea=idea, body=data["body"], parent_id=parent_id, origin=origin()
    )
    db.session.commit()
    comment = db.session.scalar(
        select(Comment).where(Comment.id == comment.id).options(selectinload(Comment.author))
    )
    return _created(shapes.comment(comment), url_for("api.list_comments", idea_id=idea_id))
