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


MAX_MILESTONES = 10


def check_thresholds(milestones: str | Iterable[int], expiry_days: int | None) -> tuple[str, int | None]:
    """Support milestones as stored ("10,50,100"): ascending whole numbers; and an expiry of 1–3,650 days."""
    if isinstance(milestones, str):
        parts = [p.strip() for p in milestones.replace(";", ",").split(",") if p.strip()]
        if not all(p.isdigit() for p in parts):
            raise InvalidInput(
                "Milestones are whole numbers separated by commas, e.g. 10, 50, 100, 500.",
                field="support_milestones",
            )
        steps = [int(p) for p in parts]
    else:
        steps = list(milestones)
    if len(steps) > MAX_MILESTONES:
        raise InvalidInput(f"A board has at most {MAX_MILESTONES} milestones.", field="support_milestones")
    if any(not 1 <= n <= 1_000_000 for n in steps) or steps != sorted(set(steps)):
        raise InvalidInput(
            "Milestones go up, each between 1 and 1,000,000 supporters, e.g. 10, 50, 100, 500.",
            field="support_milestones",
        )
    if expiry_days is not None and not 1 <= expiry_days <= 3650:
        raise InvalidInput("Ideas expire after 1 to 3,650 days (empty: never).", field="expiry_days")
    if expiry_days is not None and not steps:
        raise InvalidInput(
            "Expiry needs milestones: an idea expires when it reaches no new one in time.",
            field="expiry_days",
        )
    return ",".join(str(n) for n in steps), expiry_days


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
    support_milestones: str | Iterable[int] = "",
    expiry_days: int | None = None,
) -> Board:
    """Create a board with its tags."""
    check_admin(actor)
    _check_moderation(moderation)
    milestones, expiry_days = check_thresholds(support_milestones, expiry_days)
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
        support_milestones=milestones,
        expiry_days=expiry_days,
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
    support_milestones: str | Iterable[int] = "",
    expiry_days: int | None = None,
) -> Board:
    """Change a board's settings and tag set (removing a tag removes it from ideas)."""
    check_admin(actor)
    _check_moderation(moderation)
    board.support_milestones, board.expiry_days = check_thresholds(support_milestones, expiry_days)
    board.name, board.description, board.allowed_roles = _check_board_fields(
        name, description, allowed_roles, vote_budget
    )
    board.is_private = is_private
    board.vote_budget = vote_budget
    board.moderation = moderation
    _set_tags(session, board, tag_names)
    session.flush()
    return board
