"""`flask mail ingest`: messages to the ideas address become ideas, from a Maildir or as an SMTP server."""

from __future__ import annotations

import signal
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from cocreate.db import write_intent
from cocreate.extensions import db
from cocreate.ideas.mail_intake import IntakeSettings, do_ingest

mail_cli = click.Group("mail", help="E-mail intake: messages to the ideas address become ideas.")


@mail_cli.command("ingest")
@click.option("--maildir", type=click.Path(file_okay=False), help="Read the new messages of this Maildir.")
@click.option(
    "--listen", metavar="HOST:PORT", help="Be an SMTP server for the ideas address, e.g. 127.0.0.1:2525."
)
@with_appcontext
def ingest_command(maildir: str | None, listen: str | None) -> None:
    """Turn messages to MAIL_INTAKE_ADDRESS into ideas (see README: E-mail intake)."""
    if bool(maildir) == bool(listen):
        raise click.UsageError("Give either --maildir PATH or --listen HOST:PORT.")
    if maildir:
        counts = ingest_maildir(maildir)
        click.echo(", ".join(f"{n} {status}" for status, n in counts.items()) or "No new messages.")
        return
    host, _, port = listen.rpartition(":")
    if not host or not port.isdigit():
        raise click.UsageError("--listen takes HOST:PORT, such as 127.0.0.1:2525.")
    from cocreate.ideas.smtp_intake import start_listener

    stop = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop)  # before the server's thread starts: it inherits the mask
    controller = start_listener(current_app._get_current_object(), host, int(port))
    click.echo(
        f"Taking in mail for {current_app.config['MAIL_INTAKE_ADDRESS']} on {host}:{port} (Ctrl+C stops)."
    )
    try:
        signal.sigwait(stop)
    finally:
        controller.stop()


def ingest_maildir(path: str) -> dict[str, int]:
    """Read every message in path/new, then move it to path/cur marked seen (Maildir's rule). A message is
    recorded before it moves, so a crash in between reads it again as a duplicate, never as a second idea."""
    root = Path(path)
    if not (root / "new").is_dir() or not (root / "cur").is_dir():
        raise click.UsageError(f"{path} is not a Maildir (it needs new/ and cur/).")
    settings = IntakeSettings.from_config(current_app.config)
    names = sorted(p.name for p in (root / "new").iterdir() if p.is_file() and not p.name.startswith("."))
    counts: dict[str, int] = {}
    with click.progressbar(names, label="Reading mail", show_pos=True) as bar:
        for name in bar:
            source = root / "new" / name
            with source.open("rb") as handle:
                raw = handle.read(settings.max_bytes + 1)
            with write_intent():
                outcome = do_ingest(db.session, raw, settings)
                db.session.commit()
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            source.rename(root / "cur" / (name.split(":2,")[0] + ":2,S"))
    return counts
