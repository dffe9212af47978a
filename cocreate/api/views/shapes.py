"""How objects look in the API (the OpenAPI schemas in cocreate/api/openapi.py describe the same shapes)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from cocreate.ideas.models import Board, Comment, Idea


def when(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def link(path: str) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + path


def board(b: Board) -> dict:
    return {
        "slug": b.slug,
        "name": b.name,
        "description": b.description,
        "private": b.is_private,
        "idea_count": b.idea_count,
        "vote_budget": b.vote_budget,
        "tags": [{"slug": t.slug, "name": t.name} for t in b.tags],
        "url": link(f"/b/{b.slug}"),
    }


def idea_summary(row, my_vote: str | None) -> dict:
    return {
        "id": row.id,
        "title": row.title,
        "excerpt": row.excerpt,
        "status": row.status,
        "vote_count": row.vote_count,
        "comment_count": row.comment_count,
        "author": row.author_name,
        "tags": [t.slug for t in row.tags],
        "created_at": when(row.created_at),
        "my_vote": my_vote,
        "url": link(f"/i/{row.id}"),
    }


def idea(i: Idea, my_vote: str | None) -> dict:
    return {
        "id": i.id,
        "board": i.board.slug,
        "title": i.title,
        "body": i.body,
        "body_html": i.body_html,
        "status": i.status,
        "moderation_state": i.moderation_state,
        "vote_count": i.vote_count,
        "comment_count": i.comment_count,
        "sentiment": i.sentiment,
        "channel": i.channel,
        "via": i.via,
        "author": {"username": i.author.username, "display_name": i.author.display_name},
        "tags": [t.slug for t in i.tags],
        "merged_into": i.merged_into_id,
        "created_at": when(i.created_at),
        "edited_at": when(i.edited_at),
        "my_vote": my_vote,
        "url": link(f"/i/{i.id}"),
    }


def comment(c: Comment) -> dict:
    return {
        "id": c.id,
        "idea_id": c.idea_id,
        "parent_id": c.parent_id,
        "body": c.body,
        "body_html": c.body_html,
        "author": {"username": c.author.username, "display_name": c.author.display_name},
        "moderation_state": c.moderation_state,
        "sentiment": c.sentiment,
        "channel": c.channel,
        "via": c.via,
        "created_at": when(c.created_at),
        "edited_at": when(c.edited_at),
    }
