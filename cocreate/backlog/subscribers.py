"""Events that reach backlogs: webhooks that follow them, and ideas sent automatically on their board's
last support milestone. All in the event's transaction, as outbox rows."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cocreate.backlog.services import board_connector, do_send_to_backlog, enqueue_event, item_of
from cocreate.events import IdeaCreated, IdeaMilestoneReached, StatusChanged, subscribe
from cocreate.moderation.models import VISIBLE_STATES


def _idea(session: Session, idea_id: int):
    from cocreate.ideas.models import Idea

    return session.get(Idea, idea_id)


@subscribe(IdeaCreated)
def on_idea_created(session: Session, event: IdeaCreated) -> None:
    idea = _idea(session, event.idea_id)
    if idea is not None and idea.moderation_state in VISIBLE_STATES:  # held ideas stay in the building
        enqueue_event(session, idea, "idea.created")


@subscribe(StatusChanged)
def on_status_changed(session: Session, event: StatusChanged) -> None:
    idea = _idea(session, event.idea_id)
    if idea is not None:
        enqueue_event(
            session, idea, "idea.status_changed", {"old_status": event.old_status, "note": event.note}
        )


@subscribe(IdeaMilestoneReached)
def on_milestone(session: Session, event: IdeaMilestoneReached) -> None:
    idea = _idea(session, event.idea_id)
    if idea is None:
        return
    enqueue_event(
        session, idea, "idea.milestone_reached", {"milestone": event.supporters, "final": event.final}
    )
    if event.final and item_of(session, idea.id) is None:
        connector = board_connector(session, idea.board_id)
        if connector is not None and connector.auto_send:
            do_send_to_backlog(session, actor=None, idea=idea, automatic=True)
