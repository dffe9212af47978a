"""`flask worker`: deliver the outbox, now and then or in a loop, with every feature's sender (e-mail,
webhooks), and the periodic work (thresholds' expiry, re-scoring). It sits above the feature packages,
beside create_app: the outbox (a low package everyone queues into) knows none of its senders."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from cocreate.backlog.weights import rescore_pending
from cocreate.db import write_intent
from cocreate.extensions import db
from cocreate.ideas.thresholds import expire_ideas
from cocreate.notifications.mail import smtp_sender
from cocreate.outbox.services import drain

HOUSEKEEPING_EVERY = 3600.0  # seconds between expiry runs


def senders(config) -> dict:
    from cocreate.backlog.sender import WebhookSender

    found = {"webhook": WebhookSender(config)}
    email = smtp_sender(config)
    if email is not None:
        found["email"] = email
    return found


@click.command("worker")
@click.option("--once", is_flag=True, help="Deliver what is due, then stop (for cron and tests).")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between looks at the outbox.")
@click.option("--max-seconds", default=0.0, help="Stop after this long (0: run until stopped).")
@with_appcontext
def worker_command(once: bool, interval: float, max_seconds: float) -> None:
    """Deliver queued e-mail and webhooks with retries and backoff (several workers share the outbox on
    PostgreSQL); expire ideas that gathered no support in time, hourly."""
    available = senders(current_app.config)
    if "email" not in available:
        click.echo("SMTP_HOST is not set: e-mail stays queued until it is.")
    started = time.monotonic()
    housekept = None
    while True:
        if housekept is None or time.monotonic() - housekept >= HOUSEKEEPING_EVERY:
            with write_intent():
                warned, expired = expire_ideas(db.session)
                db.session.commit()
            housekept = time.monotonic()
            if warned or expired:
                click.echo(f"warned {warned} authors, expired {expired} ideas")
        with write_intent():
            rescore_pending(db.session)  # boards whose ranking weights changed
            sent, failed = drain(db.session, available)
        if sent or failed or once:
            click.echo(f"delivered {sent}, failed {failed} (will retry)")
        if once or (max_seconds and time.monotonic() - started >= max_seconds):
            return
        time.sleep(interval)
