"""`flask rewards top-reviewer`: the monthly badge (run it from cron on the 1st)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from cocreate.db import utcnow, write_intent
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.rewards.badges import do_award_top_reviewer

rewards_cli = click.Group("rewards", help="Points, tiers and badges.")


@rewards_cli.command("top-reviewer")
@click.option("--month", default=None, help="YYYY-MM; default: last month.")
@with_appcontext
def top_reviewer(month: str | None) -> None:
    """Award the "Top reviewer of the month" badge for one month."""
    if month is None:
        now = utcnow()
        year, number = (now.year - 1, 12) if now.month == 1 else (now.year, now.month - 1)
    else:
        try:
            year, number = (int(p) for p in month.split("-"))
        except ValueError:
            raise click.BadParameter("use YYYY-MM, for example 2026-10", param_hint="--month") from None
    with write_intent():
        try:
            winner = do_award_top_reviewer(db.session, year, number)
        except DomainError as exc:
            raise click.BadParameter(exc.message, param_hint="--month") from None
        db.session.commit()
    if winner is None:
        click.echo(f"Nobody published a review in {year}-{number:02d}.")
    else:
        click.echo(f"Top reviewer of {year}-{number:02d}: user {winner} (badge awarded once).")


@rewards_cli.command("replay")
@with_appcontext
def replay_command() -> None:
    """Credit points for everything that happened before rewards existed (idempotent), with a progress bar."""
    from cocreate.rewards.replay import count_events, replay

    with write_intent(), click.progressbar(length=count_events(db.session), label="Crediting points") as bar:
        replay(db.session, bar.update)
        db.session.commit()
    click.echo("Done: every past contribution is credited once.")
