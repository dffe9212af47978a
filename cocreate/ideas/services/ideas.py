"""Proposing and editing ideas."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.channels import WEB, Origin
from cocreate.db import utcnow
from cocreate.errors import InvalidInput, NotAllowed
from cocreate.events import IdeaCreated, IdeaEdited, emit
from cocreate.ideas.access import can_edit_idea, check_member, check_view_board
from cocreate.ideas.models import Board, Idea, IdeaRevision, Tag
from cocreate.ideas.scoring import hot_score
from cocreate.markup import clean_text, one_line, plain_excerpt, render_markdown
from cocreate.moderation.access import is_trusted
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.moderation.screening import screen
from cocreate.moderation.services import after_create, after_edit, initial_state

TITLE_MIN, TITLE_MAX = 4, 140
BODY_MAX = 20_000
TAGS_MAX = 5


def check_idea_text(title: str, body: str) -> tuple[str, str]:
    """Normalise and validate an idea's title and body."""
    title, body = one_line(title), clean_text(body)
    if len(title) < TITLE_MIN:
        raise InvalidInput(f"Give your idea a title of at least {TITLE_MIN} characters.", field="title")
    if len(title) > TITLE_MAX:
        raise InvalidInput(f"Titles are at most {TITLE_MAX} characters.", field="title")
    if len(body) > BODY_MAX:
        raise InvalidInput(f"Descriptions are at most {BODY_MAX:,} characters.", field="body")
    return title, body


def check_tags(session: Session, board: Board, tag_slugs: Sequence[str]) -> list[Tag]:
    """The board's tags named by slug; an unknown tag is an error, not silently dropped."""
    slugs = list(dict.fromkeys(s.strip() for s in tag_slugs if s and s.strip()))
    if len(slugs) > TAGS_MAX:
        raise InvalidInput(f"Choose at most {TAGS_MAX} tags.", field="tags")
    if not slugs:
        return []
    tags = session.scalars(select(Tag).where(Tag.board_id == board.id, Tag.slug.in_(slugs))).all()
    unknown = sorted(set(slugs) - {t.slug for t in tags})
    if unknown:
        raise InvalidInput(f"Unknown tag for this board: {', '.join(unknown)}.", field="tags")
    return sorted(tags, key=lambda t: t.name)


def do_create_idea(
    session: Session,
    *,
    actor: User | None,
    board: Board,
    title: str,
    body: str = "",
    tag_slugs: Sequence[str] = (),
    origin: Origin = WEB,
    hold: bool = False,
) -> Idea:
    """Propose an idea on a board (`hold`: always wait for a moderator, e.g. from a shared kiosk)."""
    check_member(actor, "propose an idea")
    check_view_board(board, actor)
    title, body = check_idea_text(title, body)
    tags = check_tags(session, board, tag_slugs)
    screening = screen(session, actor, {"title": title, "body": body})
    title, body = screening.fields["title"], screening.fields["body"]
    now = utcnow()
    idea = Idea(
        board_id=board.id,
        author_id=actor.id,
        title=title,
        body=body,
        body_html=render_markdown(body),
        excerpt=plain_excerpt(body),
        **origin.columns(),
        moderation_state=initial_state(
            screening, pre=hold or board.moderation == "pre", trusted=not hold and is_trusted(session, actor)
        ),
        tags=tags,
        hot_score=hot_score(0, now),
        created_at=now,
        updated_at=now,
    )
    session.add(idea)
    if idea.moderation_state in VISIBLE_STATES:
        session.execute(update(Board).where(Board.id == board.id).values(idea_count=Board.idea_count + 1))
    session.flush()
    after_create(session, idea, screening)
    emit(session, IdeaCreated(actor_id=actor.id, idea_id=idea.id, board_id=board.id, channel=idea.channel))
    return idea


def do_edit_idea(
    session: Session,
    *,
    actor: User | None,
    idea: Idea,
    title: str,
    body: str,
    tag_slugs: Sequence[str],
    edit_window: timedelta,
    now: datetime | None = None,
) -> Idea:
    """Edit an idea (author within the window, moderators always), keeping the previous text."""
    check_member(actor, "edit ideas")
    now = now or utcnow()
    if not can_edit_idea(idea, actor, now=now, window=edit_window):
        if actor.id == idea.author_id:
            minutes = int(edit_window.total_seconds() // 60)
            raise NotAllowed(f"Ideas can be edited for {minutes} minutes after posting.")
        raise NotAllowed("You can only edit your own ideas.")
    title, body = check_idea_text(title, body)
    tags = check_tags(session, idea.board, tag_slugs)
    if title == idea.title and body == idea.body and tags == list(idea.tags):
        return idea
    screening = screen(session, actor, {"title": title, "body": body}, trusted=is_trusted(session, actor))
    title, body = screening.fields["title"], screening.fields["body"]
    session.add(
        IdeaRevision(
            idea_id=idea.id,
            editor_id=actor.id,
            title=idea.title,
            body=idea.body,
            tags=", ".join(t.name for t in idea.tags),
            created_at=now,
        )
    )
    idea.title, idea.body = title, body
    idea.body_html = render_markdown(body)
    idea.excerpt = plain_excerpt(body)
    idea.tags = tags
    idea.updated_at = idea.edited_at = now
    session.flush()
    if actor.id == idea.author_id:
        after_edit(session, idea, actor, screening)
    emit(session, IdeaEdited(actor_id=actor.id, idea_id=idea.id))
    return idea
