"""`flask reviews import-orders`: order records from a CSV file, for verified-purchase labels."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from cocreate.db import write_intent
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.reviews.services import import_orders

reviews_cli = click.Group("reviews", help="Products and reviews.")


@reviews_cli.command("import-orders")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
@with_appcontext
def import_orders_command(csv_file) -> None:
    """Import CSV_FILE with the header email,product,order_date (product is the product's slug)."""
    with write_intent():
        try:
            result = import_orders(db.session, csv_file.read())
        except DomainError as exc:
            db.session.rollback()
            raise click.ClickException(exc.message) from None
        db.session.commit()
    click.echo(
        f"Imported {result.added} orders ({result.duplicates} already known); "
        f"{result.reviews_verified} reviews are now verified purchases."
    )
    for error in result.errors:
        click.echo(error, err=True)
