"""Asking for a contribution to be indexed again once the transaction commits, for a change made with a Core
UPDATE (which the search service's flush hooks do not see). Services of any package call touch(); the
search package (above them all) reads what was touched just before the commit (search/service.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

TOUCHED = "search_touched"


def touch(session: Session, obj) -> None:
    """Index `obj` again once this transaction commits, as it stands then."""
    session.info.setdefault(TOUCHED, []).append(obj)
