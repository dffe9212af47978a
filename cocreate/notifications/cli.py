"""`flask notifications digest`: the daily digest e-mails (run it once a day from cron)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from cocreate.db import write_intent
from cocreate.extensions import db
from cocreate.notifications.loop import queue_digests

notifications_cli = click.Group("notifications", help="Notifications and e-mail.")


@notifications_cli.command("digest")
@with_appcontext
def digest_command() -> None:
    """Queue one digest e-mail per person who asked for it (the worker sends them)."""
    with write_intent():
        queued = queue_digests(db.session)
        db.session.commit()
    click.echo(f"Queued {queued} digest e-mail{'s' if queued != 1 else ''}.")
