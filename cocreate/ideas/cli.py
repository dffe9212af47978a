"""`flask ideas expire`: warn and expire ideas that gather no support in time (the worker runs it hourly)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from cocreate.db import write_intent
from cocreate.extensions import db
from cocreate.ideas.thresholds import expire_ideas

ideas_cli = click.Group("ideas", help="Idea boards.")


@ideas_cli.command("expire")
@with_appcontext
def expire_command() -> None:
    """Tell authors a week before their idea expires; expire those whose time is up."""
    with write_intent():
        warned, expired = expire_ideas(db.session)
        db.session.commit()
    click.echo(f"Warned {warned} author(s) of ideas about to expire; expired {expired} idea(s).")
