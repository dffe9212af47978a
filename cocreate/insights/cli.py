"""`flask sentiment backfill`: re-tag every idea, comment, review and story."""

from __future__ import annotations

import os
import time

import click
from flask.cli import with_appcontext

from cocreate.db import write_intent
from cocreate.extensions import db
from cocreate.insights.backfill import BATCH, backfill, count_texts
from cocreate.tagging import thresholds

sentiment_cli = click.Group("sentiment", help="Sentiment tags on contributions.")


@sentiment_cli.command("backfill")
@click.option("--workers", default=os.cpu_count() or 1, show_default=True, help="Processes analysing text.")
@click.option("--batch", default=BATCH, show_default=True, help="Rows read and written at a time.")
@with_appcontext
def backfill_command(workers: int, batch: int) -> None:
    """Re-tag polarity, subjectivity and label of everything people wrote, with a progress bar."""
    if workers < 1 or batch < 1:
        raise click.BadParameter("workers and batch must be at least 1")
    started = time.perf_counter()
    with write_intent():
        total = count_texts(db.session)
        db.session.commit()
        with click.progressbar(length=total, label="Tagging sentiment") as bar:
            done = backfill(db.session, thresholds(), workers=workers, batch=batch, progress=bar.update)
    click.echo(f"Tagged {done:,} texts in {time.perf_counter() - started:.1f} s.")
