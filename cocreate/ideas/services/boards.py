"""Creating and configuring boards (admins only)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import Role, User
from cocreate.errors import Conflict, InvalidInput
from cocreate.ideas.access import check_admin
from cocreate.ideas.models import Board, Tag

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TAGS_PER_BOARD = 40


def slugify(text: str, limit: int = 60) -> str:
    """Lowercase ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")


def _check_board_fields(
    name: str, description: str, allowed_roles: Iterable[str], vote_budget: int | None
) -> tuple[str, str, str]:
    name = name.strip()
    if not 2 <= len(name) <= 80:
        raise InvalidInput("Board names are 2–80 characters.", field="name")
    if len(description) > 2000:
        raise InvalidInput("Descriptions are at most 2,000 characters.", field="description")
    roles = sorted({r for r in allowed_roles if r})
    unknown = [r for r in roles if r not in {x.value for x in Role}]
    if unknown:
        raise InvalidInput(f"Unknown role: {', '.join(unknown)}.", field="allowed_roles")
    if vote_budget is not None and not 1 <= vote_budget <= 1000:
        raise InvalidInput("A vote budget is between 1 and 1,000 votes.", field="vote_budget")
    return name, description.strip(), ",".join(roles)


def _set_tags(session: Session, board: Board, tag_names: Iterable[str]) -> None:
    wanted: dict[str, str] = {}
    for raw in tag_names:
        name = raw.strip()[:40]
        if name and slugify(name, 40):
            wanted.setdefault(slugify(name, 40), name)
    if len(wanted) > MAX_TAGS_PER_BOARD:
        raise InvalidInput(f"A board has at most {MAX_TAGS_PER_BOARD} tags.", field="tags")
    existing = {t.slug: t for t in board.tags}
    for slug, name in wanted.items():
        if slug in existing:
            existing[slug].name = name
        else:
            board.tags.append(Tag(slug=slug, name=name))
    for slug, tag in existing.items():
        if slug not in wanted:
            board.tags.remove(tag)
            session.delete(tag)


def _check_moderation(mode: str) -> None:
    if mode not in ("post", "pre"):
        raise InvalidInput(
            "Moderation is “post” (publish at once) or “pre” (hold for review).", field="moderation"
        )


def do_create_board(
    session: Session,
    *,
    actor: User | None,
    name: str,
    description: str = "",
    slug: str = "",
    is_private: bool = False,
    allowed_roles: Iterable[str] = (),
    vote_budget: int | None = None,
    tag_names: Iterable[str] = (),
    moderation: str = "post",
) -> Board:
    """Create a board with its tags."""
    check_admin(actor)
    _check_moderation(moderation)
    name, description, roles = _check_board_fields(name, description, allowed_roles, vote_budget)
    slug = slugify(slug or name)
    if not SLUG_RE.match(slug):
        raise InvalidInput("Choose a name with letters or digits.", field="name")
    if session.scalar(select(Board.id).where(Board.slug == slug)):
        raise Conflict(f"A board with the address “{slug}” already exists.", field="name")
    board = Board(
        slug=slug,
        name=name,
        description=description,
        is_private=is_private,
        allowed_roles=roles,
        vote_budget=vote_budget,
        moderation=moderation,
    )
    try:
        with session.begin_nested():
            session.add(board)
            _set_tags(session, board, tag_names)
    except IntegrityError as exc:
        raise Conflict(f"A board with the address “{slug}” already exists.", field="name") from exc
    return board


def do_update_board(
    session: Session,
    *,
    actor: User | None,
    board: Board,
    name: str,
    description: str,
    is_private: bool,
    allowed_roles: Iterable[str],
    vote_budget: int | None,
    tag_names: Iterable[str],
    moderation: str = "post",
) -> Board:
    """Change a board's settings and tag set (removing a tag removes it from ideas)."""
    check_admin(actor)
    _check_moderation(moderation)
    board.name, board.description, board.allowed_roles = _check_board_fields(
        name, description, allowed_roles, vote_budget
    )
    board.is_private = is_private
    board.vote_budget = vote_budget
    board.moderation = moderation
    _set_tags(session, board, tag_names)
    session.flush()
    return board
