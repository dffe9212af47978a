"""Connectors (admins), allowed hosts (admins), "send to backlog" (product team) and the events webhooks
follow. Everything that leaves the building is an outbox row in the caller's transaction; the worker's
WebhookSender (backlog/sender.py) delivers it."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.backlog.models import EVENTS, KINDS, AllowedHost, BacklogItem, Connector
from cocreate.backlog.payloads import idea_data
from cocreate.backlog.signing import new_secret
from cocreate.backlog.transport import Refused, check_url, public
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput
from cocreate.ideas.access import check_admin, check_team, check_view_idea
from cocreate.ideas.models import Board, Idea
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.outbox.services import enqueue

GITHUB_REPO_RE = re.compile(r"^[A-Za-z0-9_.-]{1,39}/[A-Za-z0-9_.-]{1,100}$")
JIRA_KEY_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,19}$")
HOST_RE = re.compile(r"^[a-z0-9.-]{1,253}$|^\[?[0-9a-f:.]+\]?$")


def allowed_hosts(session: Session) -> frozenset[str]:
    return frozenset(session.scalars(select(AllowedHost.host)))


def _check_connector(session: Session, kind: str, name: str, url: str, project: str, events: Iterable[str]):
    if kind not in KINDS:
        raise InvalidInput(f"A connector is one of: {', '.join(KINDS)}.", field="kind")
    name = (name or "").strip()
    if not 2 <= len(name) <= 80:
        raise InvalidInput("Give the connector a name of 2–80 characters.", field="name")
    url = (url or "").strip()
    if len(url) > 500:
        raise InvalidInput("URLs are at most 500 characters.", field="url")
    try:
        _, host, _, _ = check_url(url)
    except Refused as exc:
        raise InvalidInput(str(exc), field="url") from None
    try:  # a literal private address is refused now; names are checked again at every delivery
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None and not public(str(literal)) and host not in allowed_hosts(session):
        raise InvalidInput(
            f"{host} is a private or loopback address. Allow the host below first if you really mean it.",
            field="url",
        )
    project = (project or "").strip()
    if kind == "github" and not GITHUB_REPO_RE.match(project):
        raise InvalidInput("For GitHub, the project is the repository as owner/name.", field="project")
    if kind == "jira" and not JIRA_KEY_RE.match(project):
        raise InvalidInput("For Jira, the project is its key in capitals, e.g. SHOP.", field="project")
    chosen = sorted({e for e in events if e})
    unknown = [e for e in chosen if e not in EVENTS]
    if unknown:
        raise InvalidInput(f"Unknown event: {', '.join(unknown)}.", field="events")
    return name, url, project, ",".join(chosen)


def do_create_connector(
    session: Session,
    *,
    actor: User | None,
    board: Board,
    kind: str,
    name: str,
    url: str,
    project: str = "",
    token: str = "",
    events: Iterable[str] = (),
    auto_send: bool = False,
) -> Connector:
    """Connect a board to a backlog; the signing secrets are made here."""
    check_admin(actor)
    name, url, project, chosen = _check_connector(session, kind, name, url, project, events)
    if len(token or "") > 500:
        raise InvalidInput("Tokens are at most 500 characters.", field="token")
    if kind in ("github", "jira") and not (token or "").strip():
        raise InvalidInput(f"{kind.capitalize()} needs a token to create issues.", field="token")
    connector = Connector(
        board_id=board.id,
        kind=kind,
        name=name,
        url=url,
        project=project,
        token=(token or "").strip(),
        secret=new_secret(),
        inbound_secret=new_secret(),
        events=chosen if kind == "webhook" else "",
        auto_send=auto_send,
        created_by_id=actor.id,
    )
    session.add(connector)
    session.flush()
    return connector


def do_set_enabled(session: Session, *, actor: User | None, connector: Connector, enabled: bool) -> None:
    """Switch a connector off, or on again (after a 410, once the endpoint is back)."""
    check_admin(actor)
    connector.enabled = enabled
    connector.disabled_reason = "" if enabled else f"Switched off by {actor.display_name}."
    session.flush()


def do_delete_connector(session: Session, *, actor: User | None, connector: Connector) -> None:
    """Remove a connector; messages still queued for it are not sent."""
    check_admin(actor)
    session.delete(connector)
    session.flush()


def do_allow_host(session: Session, *, actor: User | None, host: str) -> AllowedHost:
    """Let connectors reach a host on a private or loopback network (e.g. an on-premises Jira)."""
    check_admin(actor)
    host = (host or "").strip().lower()
    if not HOST_RE.match(host):
        raise InvalidInput("Give a host name or an IP address, without scheme or port.", field="host")
    allowed = AllowedHost(host=host.strip("[]"), added_by_id=actor.id)
    try:
        with session.begin_nested():
            session.add(allowed)
    except IntegrityError:
        raise Conflict(f"{host} is already allowed.", field="host") from None
    return allowed


def do_remove_allowed_host(session: Session, *, actor: User | None, allowed: AllowedHost) -> None:
    check_admin(actor)
    session.delete(allowed)
    session.flush()


def board_connector(session: Session, board_id: int) -> Connector | None:
    """The board's connector that receives backlog items: the first enabled one."""
    return session.scalar(
        select(Connector)
        .where(Connector.board_id == board_id, Connector.enabled)
        .order_by(Connector.id)
        .limit(1)
    )


def item_of(session: Session, idea_id: int) -> BacklogItem | None:
    return session.scalar(select(BacklogItem).where(BacklogItem.idea_id == idea_id))


def do_send_to_backlog(
    session: Session, *, actor: User | None, idea: Idea, automatic: bool = False
) -> BacklogItem:
    """Create the idea's backlog item through its board's connector (once per idea)."""
    if not automatic:
        check_view_idea(idea, actor)
        check_team(actor, "send ideas to a backlog")
    if idea.moderation_state not in VISIBLE_STATES or idea.merged_into_id is not None:
        raise Conflict("Only published ideas can be sent to a backlog.")
    existing = item_of(session, idea.id)
    if existing is not None:
        where = existing.external_key or "its backlog"
        raise Conflict(f"This idea was already sent to {where}.")
    connector = board_connector(session, idea.board_id)
    if connector is None:
        raise Conflict("This board has no working backlog connector; an admin can add one.")
    item = BacklogItem(
        idea_id=idea.id,
        connector_id=connector.id,
        sent_by_id=None if automatic else actor.id,
        created_at=utcnow(),
    )
    try:
        with session.begin_nested():
            session.add(item)
    except IntegrityError:  # someone else sent it a moment ago
        raise Conflict("This idea was already sent to its backlog.") from None
    message = enqueue(
        session,
        kind="webhook",
        destination=connector.url,
        subject=f"backlog item: {idea.title}",
        payload=_payload(connector, "backlog.item.requested", idea, purpose="item"),
        key=f"backlog-item:{idea.id}",
    )
    item.message_id = message.id if message is not None else None
    return item


def _payload(connector: Connector, kind: str, idea: Idea, *, purpose: str) -> dict:
    return {
        "connector_id": connector.id,
        "purpose": purpose,
        "type": kind,
        "at": utcnow().isoformat(),
        "data": idea_data(idea, ""),  # the worker puts the site's address in front of the link
    }


def enqueue_event(session: Session, idea: Idea, kind: str, extra: dict | None = None) -> int:
    """Queue a signed event for each enabled webhook of the idea's board that follows it."""
    queued = 0
    for connector in session.scalars(
        select(Connector).where(
            Connector.board_id == idea.board_id, Connector.enabled, Connector.kind == "webhook"
        )
    ):
        if kind not in connector.event_set:
            continue
        payload = _payload(connector, kind, idea, purpose="event")
        payload["data"].update(extra or {})
        enqueue(session, kind="webhook", destination=connector.url, subject=kind, payload=payload, key=None)
        queued += 1
    return queued
