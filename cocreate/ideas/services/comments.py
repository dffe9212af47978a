"""Comments on ideas, with one level of replies and @mentions."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.channels import WEB, Origin
from cocreate.db import utcnow
from cocreate.errors import InvalidInput, NotAllowed
from cocreate.events import CommentAdded, emit
from cocreate.ideas.access import can_edit_comment, check_member, check_view_idea
from cocreate.ideas.models import Comment, Idea
from cocreate.markup import clean_text, mentioned_usernames, render_markdown
from cocreate.moderation.access import can_see, is_trusted
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.moderation.screening import screen
from cocreate.moderation.services import after_create, after_edit, initial_state

COMMENT_MAX = 5_000
MENTIONS_MAX = 20


def check_comment_body(body: str) -> str:
    """A comment's text, trimmed; empty or huge is an error."""
    body = clean_text(body)
    if not body:
        raise InvalidInput("Write something before posting.", field="body")
    if len(body) > COMMENT_MAX:
        raise InvalidInput(f"Comments are at most {COMMENT_MAX:,} characters.", field="body")
    return body


def _resolve_mentions(session: Session, body: str) -> list[User]:
    names = sorted(mentioned_usernames(body))[:MENTIONS_MAX]
    if not names:
        return []
    return list(session.scalars(select(User).where(func.lower(User.username).in_(names))))


def do_add_comment(
    session: Session,
    *,
    actor: User | None,
    idea: Idea,
    body: str,
    parent_id: int | None = None,
    origin: Origin = WEB,
) -> Comment:
    """Comment on an idea, or reply to a comment (a reply to a reply joins the same thread)."""
    check_member(actor, "comment")
    check_view_idea(idea, actor)
    body = check_comment_body(body)
    screening = screen(session, actor, {"body": body})
    body = screening.fields["body"]
    parent = None
    if parent_id is not None:
        parent = session.get(Comment, parent_id)
        if parent is None or parent.idea_id != idea.id or not can_see(parent, actor):
            raise InvalidInput("The comment you replied to does not exist on this idea.", field="parent_id")
        if parent.parent_id is not None:  # one level of replies: attach to the thread's root
            parent = session.get(Comment, parent.parent_id)
    mentioned = _resolve_mentions(session, body)
    comment = Comment(
        idea_id=idea.id,
        author_id=actor.id,
        parent_id=parent.id if parent else None,
        body=body,
        body_html=render_markdown(body, {u.username.lower() for u in mentioned}),
        **origin.columns(),
        moderation_state=initial_state(
            screening, pre=idea.board.moderation == "pre", trusted=is_trusted(session, actor)
        ),
    )
    session.add(comment)
    if comment.moderation_state in VISIBLE_STATES:
        session.execute(update(Idea).where(Idea.id == idea.id).values(comment_count=Idea.comment_count + 1))
    session.flush()
    session.expire(idea, ["comment_count"])
    after_create(session, comment, screening)
    emit(
        session,
        CommentAdded(
            actor_id=actor.id,
            idea_id=idea.id,
            comment_id=comment.id,
            parent_id=comment.parent_id,
            mentioned_user_ids=tuple(u.id for u in mentioned if u.id != actor.id),
        ),
    )
    return comment


def do_edit_comment(
    session: Session,
    *,
    actor: User | None,
    comment: Comment,
    body: str,
    edit_window: timedelta,
    now: datetime | None = None,
) -> Comment:
    """Change one's comment; a returned comment goes back to the moderators."""
    check_member(actor, "edit comments")
    now = now or utcnow()
    if not can_edit_comment(comment, actor, now=now, window=edit_window):
        if actor.id == comment.author_id:
            minutes = int(edit_window.total_seconds() // 60)
            raise NotAllowed(f"Comments can be edited for {minutes} minutes after posting.")
        raise NotAllowed("You can only edit your own comments.")
    body = check_comment_body(body)
    if body == comment.body:
        return comment
    screening = screen(session, actor, {"body": body}, trusted=is_trusted(session, actor))
    body = screening.fields["body"]
    mentioned = _resolve_mentions(session, body)
    comment.body = body
    comment.body_html = render_markdown(body, {u.username.lower() for u in mentioned})
    comment.edited_at = now
    session.flush()
    after_edit(session, comment, actor, screening)
    return comment
