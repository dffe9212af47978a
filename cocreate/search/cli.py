"""`flask search reindex`: rebuild the search index from the database, with a progress bar."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from cocreate.extensions import db
from cocreate.search import service
from cocreate.search.documents import count_documents

search_cli = click.Group("search", help="The search index.")


@search_cli.command("reindex")
@with_appcontext
def reindex() -> None:
    """Rebuild the index from every published idea, review and story."""
    started = time.perf_counter()
    total = count_documents(db.session)
    db.session.rollback()
    engine = service.backend()
    with click.progressbar(length=total, label=f"Indexing ({engine.name})") as bar:
        done = service.rebuild(bar.update)
    click.echo(f"Indexed {done:,} documents in {time.perf_counter() - started:.1f} s ({engine.name}).")
