"""Who sees held contributions and who moderates. Services call these; templates mirror them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.errors import NotAllowed
from cocreate.moderation.models import VISIBLE_STATES


def check_moderator(user: User | None) -> User:
    """A moderator or admin, or NotAllowed."""
    if user is None or not user.is_authenticated or not user.is_moderator:
        raise NotAllowed("Only moderators can do this.")
    return user


def is_moderator(user: User | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_moderator)


def is_trusted(session: Session, user: User) -> bool:
    """Staff skip the queue, and so do members of the trusted tier (REWARDS_TRUSTED_TIER)."""
    from cocreate.rewards.perks import skips_moderation

    return user.is_staff or skips_moderation(session, user.id)


def can_see(obj, viewer: User | None) -> bool:
    """Visible contributions: everyone. Held, hidden or rejected ones: their author and moderators."""
    if obj.moderation_state in VISIBLE_STATES:
        return True
    if viewer is None or not viewer.is_authenticated:
        return False
    return viewer.is_moderator or viewer.id == obj.author_id
