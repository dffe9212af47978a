"""`flask demo load`: the demo community, with a progress bar."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from cocreate.backlog.weights import rescore
from cocreate.db import refresh_statistics, write_intent
from cocreate.demo.beta import generate_beta
from cocreate.demo.generator import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    Size,
    database_is_empty,
    expected_rows,
    generate,
    wipe,
)
from cocreate.demo.surveys import generate_surveys
from cocreate.extensions import db
from cocreate.ideas.models import Board
from cocreate.media import uploads_dir
from cocreate.rewards.replay import count_events, replay
from cocreate.search import service as search_service
from cocreate.search.documents import count_documents

REPLAY_LIMIT = 5_000  # ideas; bigger (benchmark) communities skip crediting points
# The smallest community the demo's stories, flags and beta program are written for: the four demo accounts,
# the stories' authors and their flaggers (demo/moderation.py), and ideas on several boards.
MIN_USERS, MIN_IDEAS = 20, 10
# The largest community it builds (in memory first, then in bulk): the benches' 1M ideas fit well within.
MAX = {"users": 1_000_000, "ideas": 2_000_000, "votes": 20_000_000, "comments": 2_000_000}
demo_cli = click.Group("demo", help="Demo data.")


def print_sign_ins() -> None:
    click.echo(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
    for email, _username, name, role in DEMO_ACCOUNTS:
        click.echo(f"  {role.value:<10} {email:<26} ({name})")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has people in it.")
@click.option("--reset", is_flag=True, help="Delete everything first.")
@click.option("--users", default=Size.users, show_default=True, type=click.IntRange(MIN_USERS, MAX["users"]))
@click.option("--ideas", default=Size.ideas, show_default=True, type=click.IntRange(MIN_IDEAS, MAX["ideas"]))
@click.option("--votes", default=Size.votes, show_default=True, type=click.IntRange(0, MAX["votes"]))
@click.option("--comments", default=Size.comments, show_default=True, type=click.IntRange(0, MAX["comments"]))
@click.option("--seed", default=42, show_default=True)
@with_appcontext
def load(if_empty: bool, reset: bool, users: int, ideas: int, votes: int, comments: int, seed: int) -> None:
    """Load a deterministic demo community: boards, people, ideas, votes, comments, statuses."""
    if votes > users * ideas:  # refused before anything is written
        raise click.ClickException(
            f"--votes {votes:,} is more than people × ideas ({users * ideas:,}): each person votes once "
            "per idea. Ask for fewer votes or more people or ideas."
        )
    with write_intent():
        if not database_is_empty(db.session):
            if if_empty:
                click.echo("Demo data already loaded; keeping it.")
                db.session.rollback()
                print_sign_ins()
                return
            if not reset:
                raise click.ClickException("The database is not empty. Use --reset to replace everything.")
            wipe(db.session)
        size = Size(users=users, ideas=ideas, votes=votes, comments=comments)
        with click.progressbar(length=expected_rows(size), label="Building the demo community") as bar:
            uploads = uploads_dir()
            counts = generate(db.session, size, seed=seed, progress=bar.update, uploads=uploads)
        db.session.commit()
    click.echo("Loaded " + ", ".join(f"{n:,} {what}" for what, n in counts.items()) + ".")
    if ideas <= REPLAY_LIMIT:
        with (
            write_intent(),
            click.progressbar(length=count_events(db.session), label="Crediting points") as bar,
        ):
            replay(db.session, bar.update)
            db.session.commit()
        with write_intent():
            generate_beta(db.session)
            db.session.commit()
    else:
        click.echo(
            f"More than {REPLAY_LIMIT:,} ideas: skipping points (run `flask --app cocreate rewards replay`)."
        )
    with write_intent():
        generate_surveys(db.session, seed=seed)
        db.session.commit()
    with write_intent():
        boards = list(db.session.scalars(select(Board.id).order_by(Board.id)))
        with click.progressbar(boards, label="Scoring ideas for the product team") as bar:
            for board_id in bar:
                rescore(db.session, board_id)
                db.session.commit()
    refresh_statistics(db.session)
    with click.progressbar(length=count_documents(db.session), label="Building the search index") as bar:
        db.session.rollback()
        search_service.rebuild(bar.update)
    print_sign_ins()
