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
