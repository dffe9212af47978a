"""Queueing (inside the caller's transaction) and draining (the worker) the outbox.

Draining takes due messages with FOR UPDATE SKIP LOCKED on PostgreSQL, so several workers share the queue
and each message is handled by one of them; SQLite's single writer does the same by itself. A failed
delivery is retried with growing pauses, from a minute to a day, for about four days, then it is marked
dead; every attempt is logged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.db import utcnow
from cocreate.outbox.models import DeliveryAttempt, OutboxMessage

# Pauses after the 1st, 2nd, ... failure: minutes first, then hours, then a day at a time (about 4 days).
BACKOFF = [timedelta(minutes=m) for m in (1, 5, 15, 60, 180, 360, 720, 1440, 1440, 1440)]
MAX_ATTEMPTS = len(BACKOFF) + 1


class DeliveryFailed(Exception):
    """A sender could not deliver; the message says why (kept in the delivery log)."""


class DeliveryRefused(DeliveryFailed):
    """Retrying cannot help (410 Gone, a disabled endpoint, a forbidden address): the message is dead now."""


Sender = Callable[[OutboxMessage], str]  # returns what the other side answered; raises DeliveryFailed


def enqueue_email(
    session: Session, *, to: str, subject: str, text: str, link: str = "", key: str | None = None
) -> OutboxMessage | None:
    """Queue an e-mail in the caller's transaction (`link`: a path on this site, made absolute when sent);
    None when a message with this key was queued before."""
    return enqueue(
        session, kind="email", destination=to, subject=subject, payload={"text": text, "link": link}, key=key
    )


def enqueue(
    session: Session, *, kind: str, destination: str, subject: str, payload: dict, key: str | None
) -> OutboxMessage | None:
    """Queue any message in the caller's transaction; None when one with this key was queued before."""
    message = OutboxMessage(
        kind=kind, destination=destination[:500], subject=subject[:200], payload=payload, key=key
    )
    try:
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        return None
    return message


def enqueue_emails(session: Session, emails: list[dict]) -> int:
    """Queue many e-mails in one statement (each dict: to, subject, text, link); for fan-outs such as a
    status change reaching every follower, where a savepoint per message would be slow."""
    if not emails:
        return 0
    now = utcnow()
    session.execute(
        insert(OutboxMessage),
        [
            {
                "kind": "email",
                "destination": e["to"],
                "subject": e["subject"][:200],
                "payload": {"text": e["text"], "link": e.get("link", "")},
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now,
                "last_error": "",
                "created_at": now,
            }
            for e in emails
        ],
    )
    return len(emails)


def due(session: Session, now: datetime, limit: int, kinds: tuple[str, ...]) -> list[OutboxMessage]:
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == "pending",
            OutboxMessage.next_attempt_at <= now,
            OutboxMessage.kind.in_(kinds),
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(session.scalars(query))


def deliver(session: Session, message: OutboxMessage, send: Sender, now: datetime | None = None) -> bool:
    """One attempt: sent, or scheduled again (or dead after the last try). The caller commits."""
    now = now or utcnow()
    started = time.perf_counter()
    final = False
    try:
        answer = send(message)
    except DeliveryFailed as exc:
        ok, detail, final = False, str(exc)[:2000], isinstance(exc, DeliveryRefused)
    else:
        ok, detail = True, (answer or "")[:2000]
    elapsed = int((time.perf_counter() - started) * 1000)
    message.attempts += 1
    if ok:
        message.status, message.sent_at, message.last_error = "sent", now, ""
    else:
        message.last_error = detail
        if final or message.attempts >= MAX_ATTEMPTS:
            message.status = "dead"
        else:
            message.next_attempt_at = now + BACKOFF[message.attempts - 1]
    session.add(
        DeliveryAttempt(message_id=message.id, attempted_at=now, ok=ok, detail=detail, milliseconds=elapsed)
    )
    return ok


def drain(
    session: Session, senders: dict[str, Sender], *, limit: int = 100, now: datetime | None = None
) -> tuple[int, int]:
    """Deliver what is due, one message per transaction; returns (sent, failed)."""
    sent = failed = 0
    while True:
        batch = due(session, now or utcnow(), 1, tuple(senders))
        if not batch:
            session.commit()
            return sent, failed
        message = batch[0]
        if deliver(session, message, senders[message.kind], now):
            sent += 1
        else:
            failed += 1
        session.commit()
        if sent + failed >= limit:
            return sent, failed
