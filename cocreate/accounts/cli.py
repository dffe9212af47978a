"""`flask users ...`: manage accounts from the shell."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from cocreate.accounts.models import Role
from cocreate.accounts.services import do_register
from cocreate.db import write_intent
from cocreate.errors import DomainError
from cocreate.extensions import db

users_cli = click.Group("users", help="Manage accounts.")


@users_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--username", prompt=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def create_admin(email: str, username: str, password: str) -> None:
    """Create an administrator account."""
    with write_intent():
        try:
            user = do_register(db.session, email=email, username=username, password=password, role=Role.ADMIN)
        except DomainError as exc:
            db.session.rollback()
            raise click.ClickException(exc.message) from None
        db.session.commit()
    click.echo(f"Administrator {user.username} <{user.email}> created.")


@users_cli.command("import-values")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_values(path: str) -> None:
    """Set customer value and segment from a CSV (header email,value,segment); used by the ranking."""
    from cocreate.accounts.values import import_values as run

    with write_intent(), open(path, newline="", encoding="utf-8-sig") as handle:
        try:
            updated, unknown = run(db.session, handle)
        except DomainError as exc:
            db.session.rollback()
            raise click.ClickException(exc.message) from None
        db.session.commit()
    click.echo(
        f"Updated {updated} account(s); {unknown} row(s) not used: no account, or no consent to use "
        "purchase data (people opt in under Your data and privacy)."
    )
    click.echo("Run `flask --app cocreate backlog rescore` to weigh existing votes with the new values.")
