"""Benchmark: `flask sentiment backfill` over 100k texts (ideas with demo-like titles and bodies).

    .venv/bin/python bench/sentiment.py                    # SQLite under bench/out/sentiment/
    .venv/bin/python bench/sentiment.py --texts 20000      # smaller
    .venv/bin/python bench/sentiment.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_sentiment

Builds a fresh database (schema from the migrations), inserts the texts in bulk with neutral tags, then times
the CLI as a user would run it (both cores by default). Prints a Markdown row for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "sentiment"
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    url = args.database_url or f"sqlite:///{OUT / 'bench.db'}"
    env = dict(os.environ, DATABASE_URL=url, COCREATE_INSTANCE_PATH=str(OUT), COCREATE_ENV="development")
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

    rng = random.Random(7)
    sentences = [s for s in (*C.REVIEW_BODIES, *C.BODY_SENTENCES, *C.COMMENTS) if isinstance(s, str) and s]
    app = create_app()
    with app.app_context():
        now = utcnow()
        user = User(email="bench@example.com", username="bench", display_name="Bench", password_hash="x")
        board = Board(slug="bench", name="Bench")
        db.session.add_all([user, board])
        db.session.flush()
        rows = [
            {
                "board_id": board.id,
                "author_id": user.id,
                "title": f"Idea {i}: " + rng.choice(sentences)[:100],
                "body": " ".join(rng.sample(sentences, 2)),
                "created_at": now,
                "updated_at": now,
            }
            for i in range(args.texts)
        ]
        for start in range(0, len(rows), 10_000):
            db.session.execute(insert(Idea), rows[start : start + 10_000])
        db.session.commit()
    started = time.perf_counter()
    subprocess.run(
        [*flask, "sentiment", "backfill", f"--workers={args.workers}"], env=env, check=True, cwd=ROOT
    )
    elapsed = time.perf_counter() - started
    database = "postgresql" if url.startswith("postgresql") else "sqlite"
    row = [
        "sentiment backfill",
        f"{args.texts:,} texts",
        f"{args.workers} workers",
        f"{elapsed:.1f} s",
        database,
    ]
    print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
