"""`flask backlog rescore`: weigh every vote again with the boards' current weights, tiers and values."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from cocreate.db import refresh_statistics, write_intent
from cocreate.extensions import db

backlog_cli = click.Group("backlog", help="Ranking and backlog connectors.")


@backlog_cli.command("rescore")
@click.option("--board", "slug", default=None, help="Only this board (its address).")
@with_appcontext
def rescore_command(slug: str | None) -> None:
    """Re-score boards (all, or one), with a progress bar."""
    from cocreate.backlog.weights import rescore
    from cocreate.ideas.models import Board

    query = select(Board).order_by(Board.id)
    if slug:
        query = query.where(Board.slug == slug)
    boards = db.session.scalars(query).all()
    if slug and not boards:
        raise click.ClickException(f"No board at {slug}.")
    with write_intent(), click.progressbar(boards, label="Re-scoring boards") as bar:
        total = 0
        for board in bar:
            total += rescore(db.session, board.id)
            db.session.commit()
    refresh_statistics(db.session)
    click.echo(f"Re-scored {total:,} ideas on {len(boards)} board(s).")
