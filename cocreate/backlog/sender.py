"""The worker's sender for webhook messages: builds the request for the message's connector, signs it,
POSTs it through the guarded transport and reads the answer. Only 2xx counts as delivered; 410 Gone switches
the connector off (its queued messages are then not sent); anything else is retried by the outbox."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.orm import object_session

from cocreate.backlog import signing, transport
from cocreate.backlog.models import Connector
from cocreate.backlog.payloads import auth_headers, event_body, item_request, link_from_answer
from cocreate.backlog.services import allowed_hosts, item_of
from cocreate.db import utcnow
from cocreate.outbox.models import OutboxMessage
from cocreate.outbox.services import DeliveryFailed, DeliveryRefused


def body_bytes(body: dict) -> bytes:
    return json.dumps(body, separators=(",", ":"), sort_keys=True).encode()


def message_id(message: OutboxMessage) -> str:
    """The webhook-id: the same on every retry of a message, different for every message."""
    return f"msg_{message.id}"


class WebhookSender:
    def __init__(self, config) -> None:
        self.base_url = (config.get("BASE_URL") or "").rstrip("/")

    def __call__(self, message: OutboxMessage) -> str:
        session = object_session(message)
        payload = message.payload
        connector = session.get(Connector, payload.get("connector_id"))
        if connector is None:
            raise DeliveryRefused("The connector was removed.")
        if not connector.enabled:
            raise DeliveryRefused(f"The connector is switched off. {connector.disabled_reason}".strip())
        data = {**payload["data"], "url": self.base_url + payload["data"].get("url", "")}
        at = datetime.fromisoformat(payload["at"])
        if payload.get("purpose") == "item":
            url, body = item_request(connector, data, at)
        else:
            url, body = connector.url, event_body(payload["type"], data, at)
        raw = body_bytes(body)
        headers = auth_headers(connector)
        if connector.kind == "webhook":
            headers.update(signing.headers(connector.secret, message_id(message), raw))
        try:
            answer = transport.post(url, raw, headers, allowed_hosts(session))
        except transport.Refused as exc:
            raise DeliveryRefused(str(exc)) from exc
        except transport.Unreachable as exc:
            raise DeliveryFailed(str(exc)) from exc
        said = f"HTTP {answer.status}: {answer.body[:500]}"
        if answer.status == 410:
            connector.enabled = False
            connector.disabled_reason = (
                f"{url} answered 410 Gone on {utcnow():%Y-%m-%d %H:%M} UTC; switch it on again once the "
                "endpoint is back."
            )
            raise DeliveryRefused(said + " (the connector is now switched off)")
        if not 200 <= answer.status < 300:
            raise DeliveryFailed(said)
        if payload.get("purpose") == "item":
            self._link(session, payload["data"]["idea_id"], connector, answer.body)
        return said

    @staticmethod
    def _link(session, idea_id: int, connector: Connector, answer: str) -> None:
        item = item_of(session, idea_id)
        if item is None:
            return
        item.external_key, item.external_url = link_from_answer(connector, answer)
        item.state, item.linked_at = "linked", utcnow()
