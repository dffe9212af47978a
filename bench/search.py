"""Benchmark: search over 100k ideas. Full reindex time, then two-word query latency (p50, p99) through the
same service the search page uses, on Whoosh (embedded) or PostgreSQL full-text.

    .venv/bin/python bench/search.py                              # Whoosh on SQLite under bench/out/search/
    .venv/bin/python bench/search.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_search
    ... --floor   # PostgreSQL: also time finding and counting the matches alone, in SQL

The reindex is timed through `flask --app cocreate search reindex`, as an operator would run it. Queries are
two words drawn from the demo vocabulary, timed one after another in one process (one searcher per process,
reopened only when the index changed). Prints Markdown rows for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import time

from corpus import ROOT, feature_phrases, fresh_corpus

OUT = ROOT / "bench" / "out" / "search"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--floor", action="store_true", help="PostgreSQL: also time counting the matches alone, in SQL"
    )
    args = parser.parse_args()
    flask, env = fresh_corpus(OUT, args.database_url, args.ideas, seed=3)

    from cocreate import create_app
    from cocreate.extensions import db
    from cocreate.search import service

    rng = random.Random(3)
    features = feature_phrases()
    app = create_app()
    started = time.perf_counter()
    subprocess.run([*flask, "search", "reindex"], env=env, check=True, cwd=ROOT)
    reindex = time.perf_counter() - started

    words = sorted({w.lower() for f in features for w in f.split() if len(w) > 3})
    queries = [" ".join(rng.sample(words, 2)) for _ in range(args.queries)]
    with app.app_context():
        engine = service.backend()
        service.search(db.session, None, "warm up")
        cache = getattr(engine, "_postings", None)  # Whoosh's per-process cache of decoded posting lists
        runs = {"": lambda: None}
        if cache is not None:
            runs = {", cold (posting cache emptied before each query)": cache.clear}
            runs[", warm (each word searched once before)"] = lambda: None
        rows = []
        for label, before_each in runs.items():
            if cache is not None and "warm" in label:
                for word in words:
                    service.search(db.session, None, word)
            p50, p99 = _timed(lambda text: service.search(db.session, None, text), queries, before_each)
            rows.append(
                f"| two-word query{label} | {args.queries} queries | p50 {p50:.1f} ms, p99 {p99:.1f} ms "
                f"| {engine.name} |"
            )
        if args.floor and engine.name == "postgresql":
            rows.append(_floor(db.engine, queries))
    print(f"| reindex | {args.ideas:,} ideas | {reindex:.1f} s | {engine.name} |")
    print("\n".join(rows))


def _timed(run, queries: list[str], before_each=lambda: None) -> tuple[float, float]:
    """p50 and p99 in milliseconds of run(query) over the queries, one after another."""
    timings = []
    for text in queries:
        before_each()
        began = time.perf_counter()
        run(text)
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.99))]


def _floor(engine, queries: list[str]) -> str:
    """The part of a PostgreSQL search no query shape avoids: finding and counting the matches."""
    from sqlalchemy import text

    sql = text(
        "SELECT count(*) FROM search_documents, websearch_to_tsquery('english', :t) AS q WHERE tsv @@ q"
    )
    with engine.connect() as connection:
        p50, _ = _timed(lambda words: connection.execute(sql, {"t": words}).scalar_one(), queries)
    return f"| counting the matches alone (SQL) | {len(queries)} queries | p50 {p50:.1f} ms | postgresql |"


if __name__ == "__main__":
    main()
