"""Who runs beta programs. Services call these; templates mirror them."""

from __future__ import annotations

from cocreate.accounts.models import User
from cocreate.errors import NotAllowed


def can_manage(user: User | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.role in ("product", "admin"))


def check_manager(user: User | None) -> User:
    if not can_manage(user):
        raise NotAllowed("Only the product team and admins run beta programs.")
    return user
