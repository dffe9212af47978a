"""Who sees held contributions and who moderates. Services call these; templates mirror them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cocreate.accounts import perks
from cocreate.accounts.models import Role, User
from cocreate.errors import NotAllowed
from cocreate.moderation.models import VISIBLE_STATES, State


def check_moderator(user: User | None) -> User:
    """A moderator or admin, or NotAllowed."""
    if user is None or not user.is_authenticated or not user.is_moderator:
        raise NotAllowed("Only moderators can do this.")
    return user


def is_moderator(user: User | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_moderator)


def is_trusted(session: Session, user: User) -> bool:
    """Staff skip the queue, and so do members of the trusted tier (REWARDS_TRUSTED_TIER)."""
    return user.is_staff or perks.skips_moderation(session, user.id)


def can_view_private(allowed_roles: frozenset[str], user: User | None) -> bool:
    """A private board with these roles: admins and those roles."""
    if user is None or not user.is_authenticated:
        return False
    return user.role == Role.ADMIN or user.role in allowed_roles


def board_allows(obj, viewer: User | None) -> bool:
    """False when the contribution lives on a private board this person may not see (ideas, comments)."""
    from cocreate.moderation.kinds import kind_of

    board = kind_of(obj).board(obj)
    return board is None or not board.is_private or can_view_private(board.allowed_role_set, viewer)


def can_see(obj, viewer: User | None) -> bool:
    """Nothing on a private board the viewer may not see, and nothing its author removed. Otherwise visible
    contributions: everyone; held, hidden or rejected ones: their author and moderators."""
    if not board_allows(obj, viewer) or obj.moderation_state == State.REMOVED.value:
        return False  # removed: its author took it down; what is left (no text) is for the log alone
    if obj.moderation_state in VISIBLE_STATES:
        return True
    if viewer is None or not viewer.is_authenticated:
        return False
    return viewer.is_moderator or viewer.id == obj.author_id
