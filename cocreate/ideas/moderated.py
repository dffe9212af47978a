"""Ideas and comments as moderation handles them (moderation/kinds.py): what they count while visible, how
the queue previews and loads them, what removing one leaves. create_app registers them."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from cocreate.ideas.models import Board, Comment, Idea
from cocreate.markup import plain_excerpt
from cocreate.moderation.kinds import REMOVED_TEXT, Kind


def _idea_visibility(session: Session, idea, visible: bool) -> None:
    delta = 1 if visible else -1
    session.execute(
        update(Board).where(Board.id == idea.board_id).values(idea_count=Board.idea_count + delta)
    )


def _comment_visibility(session: Session, comment, visible: bool) -> None:
    delta = 1 if visible else -1
    session.execute(
        update(Idea).where(Idea.id == comment.idea_id).values(comment_count=Idea.comment_count + delta)
    )


KINDS = (
    Kind(
        "idea",
        "Idea",
        Idea,
        _idea_visibility,
        lambda o: (o.title, o.excerpt),
        lambda o: o.board,
        (("title", REMOVED_TEXT), ("body", ""), ("body_html", ""), ("excerpt", "")),
        load_many=lambda ids: select(Idea).where(Idea.id.in_(ids)).options(selectinload(Idea.board)),
        on_boards=lambda boards: select(Idea.id).where(Idea.board_id.in_(boards)),
    ),
    Kind(
        "comment",
        "Comment",
        Comment,
        _comment_visibility,
        lambda o: ("", plain_excerpt(o.body, 400)),
        lambda o: o.idea.board,
        (("body", REMOVED_TEXT), ("body_html", f"<p>{REMOVED_TEXT}</p>")),
        load_many=lambda ids: select(Comment).where(Comment.id.in_(ids)).options(selectinload(Comment.idea)),
        on_boards=lambda boards: (
            select(Comment.id).join(Idea, Idea.id == Comment.idea_id).where(Idea.board_id.in_(boards))
        ),
    ),
)
