"""Status changes sent by a backlog: POST /backlog/inbound/<connector id>, signed the Standard Webhooks way
with the connector's inbound secret. Body (JSON):

    {"idea_id": 12, "status": "shipped", "note": "In release 4.2"}      or
    {"external_key": "SHOP-12", "status": "in_progress"}

Statuses a backlog may set: planned, in_progress, shipped, declined. A forged signature, a stale timestamp or
a webhook-id seen before changes nothing.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.backlog.models import BacklogItem, Connector, InboundReceipt
from cocreate.backlog.signing import BadSignature, verify
from cocreate.ideas.models import Idea, Status
from cocreate.ideas.services.statuses import apply_status
from cocreate.storable import storable

SETTABLE = (Status.PLANNED, Status.IN_PROGRESS, Status.SHIPPED, Status.DECLINED)


class InboundError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _body(raw: bytes) -> dict:
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise InboundError(400, "The body is not JSON.") from None
    if not isinstance(body, dict):
        raise InboundError(422, "The body is a JSON object with idea_id or external_key, and status.")
    texts = [v for v in body.values() if isinstance(v, str)] + list(body)
    if not all(storable(t) for t in texts):
        raise InboundError(422, "A field holds a NUL character or invalid Unicode.")
    return body


def _idea(session: Session, connector: Connector, body: dict) -> Idea:
    idea_id, key = body.get("idea_id"), body.get("external_key")
    if isinstance(idea_id, int) and not isinstance(idea_id, bool):
        idea = session.get(Idea, idea_id)
    elif isinstance(key, str) and key:
        item = session.scalar(
            select(BacklogItem).where(
                BacklogItem.connector_id == connector.id, BacklogItem.external_key == key
            )
        )
        idea = item.idea if item else None
    else:
        raise InboundError(422, "Say which idea: idea_id (a number) or external_key (a string).")
    if idea is None or idea.board_id != connector.board_id:
        raise InboundError(404, "No such idea on this connector's board.")
    return idea


def apply_inbound(session: Session, connector_id: int, headers: dict[str, str], raw: bytes) -> dict:
    connector = session.get(Connector, connector_id)
    if connector is None:
        raise InboundError(404, "No such connector.")
    try:
        message_id = verify(connector.inbound_secret, {k.lower(): v for k, v in headers.items()}, raw)
    except BadSignature as exc:
        raise InboundError(401, str(exc)) from None
    if not connector.enabled:
        raise InboundError(409, "This connector is switched off.")
    if session.scalar(
        select(InboundReceipt.id).where(
            InboundReceipt.connector_id == connector.id, InboundReceipt.message_id == message_id
        )
    ):
        raise InboundError(409, "This webhook-id was already received.")
    body = _body(raw)
    idea = _idea(session, connector, body)
    try:
        status = Status(body.get("status"))
    except ValueError:
        status = None
    if status not in SETTABLE:
        raise InboundError(422, "status is one of: " + ", ".join(s.value for s in SETTABLE) + ".")
    note = body.get("note") if isinstance(body.get("note"), str) else ""
    session.add(InboundReceipt(connector_id=connector.id, message_id=message_id))
    session.flush()  # a concurrent copy of the same message fails here, before anything changes
    change = apply_status(session, idea, status, note=(f"From {connector.name}. " + note).strip())
    return {"idea_id": idea.id, "status": change.new_status, "old_status": change.old_status}
