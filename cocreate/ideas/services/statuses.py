"""Moving ideas through statuses, with a history of who, when and why."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.events import StatusChanged, emit
from cocreate.ideas.access import can_change_status, check_view_idea
from cocreate.ideas.models import Idea, Status, StatusChange

NOTE_MAX = 2_000


def check_status(value: str) -> Status:
    """A known status."""
    try:
        return Status(value)
    except ValueError:
        known = ", ".join(s.value for s in Status)
        raise InvalidInput(f"Unknown status. Use one of: {known}.", field="status") from None


def do_change_status(
    session: Session, *, actor: User | None, idea: Idea, status: str, note: str = ""
) -> StatusChange:
    """Set an idea's status. Votes on shipped or declined ideas stop counting against budgets."""
    check_view_idea(idea, actor)
    if not can_change_status(actor):
        raise NotAllowed("Only moderators, product people and admins can change an idea's status.")
    new = check_status(status)
    return apply_status(session, idea, new, note=note, actor=actor)


def apply_status(
    session: Session, idea: Idea, new: Status, *, note: str = "", actor: User | None = None
) -> StatusChange:
    """Move an idea to a status and record it (actor None: CoCreate itself). Callers checked who may."""
    # Two moderators at once: one history. FOR NO KEY UPDATE, like the vote counter's UPDATE: a plain FOR
    # UPDATE would wait for concurrent voters' foreign-key locks while they wait for us (a deadlock).
    session.refresh(idea, ["status"], with_for_update={"key_share": True})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput(f"Notes are at most {NOTE_MAX:,} characters.", field="note")
    old = Status(idea.status)
    if new == old:
        raise Conflict(f"The idea is already {old.label.lower()}.", field="status")
    change = StatusChange(
        idea_id=idea.id,
        actor_id=actor.id if actor else None,
        old_status=old.value,
        new_status=new.value,
        note=note,
        created_at=utcnow(),
    )
    idea.status = new.value
    idea.updated_at = change.created_at
    session.add(change)
    session.flush()
    emit(
        session,
        StatusChanged(
            actor_id=change.actor_id, idea_id=idea.id, old_status=old.value, new_status=new.value, note=note
        ),
    )
    return change
