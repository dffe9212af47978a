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
import subprocess
import time

from corpus import ROOT, fresh_corpus

OUT = ROOT / "bench" / "out" / "sentiment"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    flask, env = fresh_corpus(OUT, args.database_url, args.texts, seed=7)
    started = time.perf_counter()
    subprocess.run(
        [*flask, "sentiment", "backfill", f"--workers={args.workers}"], env=env, check=True, cwd=ROOT
    )
    elapsed = time.perf_counter() - started
    database = "postgresql" if env["DATABASE_URL"].startswith("postgresql") else "sqlite"
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
