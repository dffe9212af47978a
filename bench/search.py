"""Benchmark: search over 100k ideas. Full reindex time, then two-word query latency (p50, p99) through the
same service the search page uses, on Whoosh (embedded) or PostgreSQL full-text.

    .venv/bin/python bench/search.py                              # Whoosh on SQLite under bench/out/search/
    .venv/bin/python bench/search.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_search

The reindex is timed through `flask --app cocreate search reindex`, as an operator would run it. Queries are
two words drawn from the demo vocabulary, timed one after another in one process (one searcher per process,
reopened only when the index changed). Prints Markdown rows for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "search"
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
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
    from cocreate.search import service

    rng = random.Random(3)
    sentences = [s for s in (*C.BODY_SENTENCES, *C.COMMENTS, *C.REVIEW_BODIES) if isinstance(s, str) and s]
    features = [f for f in C.FEATURES if isinstance(f, str)]
    app = create_app()
    with app.app_context():
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
            for i in range(args.ideas)
        ]
        for start in range(0, len(rows), 10_000):
            db.session.execute(insert(Idea), rows[start : start + 10_000])
        db.session.commit()
    started = time.perf_counter()
    subprocess.run([*flask, "search", "reindex"], env=env, check=True, cwd=ROOT)
    reindex = time.perf_counter() - started

    words = sorted({w.lower() for f in features for w in f.split() if len(w) > 3})
    with app.app_context():
        engine = service.backend()
        service.search(db.session, None, "warm up")
        timings = []
        for _ in range(args.queries):
            text = " ".join(rng.sample(words, 2))
            began = time.perf_counter()
            service.search(db.session, None, text)
            timings.append((time.perf_counter() - began) * 1000)
        timings.sort()
        p50 = statistics.median(timings)
        p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"| reindex | {args.ideas:,} ideas | {reindex:.1f} s | {engine.name} |")
    print(f"| two-word query | {args.queries} queries | p50 {p50:.1f} ms, p99 {p99:.1f} ms | {engine.name} |")


if __name__ == "__main__":
    main()
