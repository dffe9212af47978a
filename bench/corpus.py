"""Shared by bench/sentiment.py and bench/search.py: a fresh database, migrated, filled with N ideas whose
titles and bodies come from the demo vocabulary, and the `flask` command line pointed at it."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ensure_database(url: str) -> None:
    """Create a PostgreSQL database named in `url` that does not exist yet (the bench's own, never `test`)."""
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}):
            conn.execute(text(f'CREATE DATABASE "{target.database}"'))
            print(f"Created the database {target.database}.")
    server.dispose()


def fresh_corpus(out: Path, database_url: str | None, ideas: int, seed: int) -> tuple[list[str], dict]:
    """Build the database under `out` (or at `database_url`); return the flask command and its environment."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    url = database_url or f"sqlite:///{out / 'bench.db'}"
    ensure_database(url)
    env = dict(os.environ, DATABASE_URL=url, COCREATE_INSTANCE_PATH=str(out), COCREATE_ENV="development")
    flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "cocreate"]
    if url.startswith("postgresql"):
        subprocess.run(
            [*flask, "db", "downgrade", "base"], env=env, check=False, cwd=ROOT, capture_output=True
        )
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, cwd=ROOT, capture_output=True)
    os.environ.update(env)

    from sqlalchemy import insert

    from cocreate import create_app
    from cocreate.accounts.models import User
    from cocreate.db import utcnow
    from cocreate.demo import content as C
    from cocreate.extensions import db
    from cocreate.ideas.models import Board, Idea

    rng = random.Random(seed)
    sentences = [s for s in (*C.BODY_SENTENCES, *C.COMMENTS, *C.REVIEW_BODIES) if isinstance(s, str) and s]
    features = feature_phrases()
    with create_app().app_context():
        now = utcnow()
        user = User(email="bench@example.com", username="bench", display_name="Bench", password_hash="x")
        boards = [Board(slug=f"board-{n}", name=f"Board {n}") for n in range(5)]
        db.session.add_all([user, *boards])
        db.session.flush()
        rows = [
            {
                "board_id": boards[i % 5].id,
                "author_id": user.id,
                "title": f"{rng.choice(features)} for {rng.choice(features)}"[:140],
                "body": " ".join(rng.sample(sentences, 3)),
                "created_at": now,
                "updated_at": now,
            }
            for i in range(ideas)
        ]
        for start in range(0, len(rows), 10_000):
            db.session.execute(insert(Idea), rows[start : start + 10_000])
        db.session.commit()
    return flask, env


def feature_phrases() -> list[str]:
    from cocreate.demo import content as C

    return [f for f in C.FEATURES if isinstance(f, str)]
