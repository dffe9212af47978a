"""What the idea page shows about an idea's backlog item."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from cocreate.backlog.models import BacklogItem, Connector
from cocreate.backlog.services import board_connector
from cocreate.ideas.access import is_team


@dataclass
class BacklogState:
    item: BacklogItem | None
    connector: Connector | None  # where "Send to backlog" would go (the product team, no item yet)
    team: bool = False  # the viewer is of the product team: the item's details are shown


def backlog_state(session: Session, idea, team: bool) -> BacklogState:
    item = session.scalar(
        select(BacklogItem)
        .where(BacklogItem.idea_id == idea.id)
        .options(joinedload(BacklogItem.connector), joinedload(BacklogItem.message))
    )
    connector = board_connector(session, idea.board_id) if team and item is None else None
    return BacklogState(item=item, connector=connector, team=team)


def idea_panel(session: Session, idea, viewer) -> BacklogState:
    """The backlog panel of an idea's page (ideas/hooks.py): the team sees its connectors' details."""
    return backlog_state(session, idea, team=is_team(viewer))
