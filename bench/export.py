"""Benchmark: the ranked-list exports in-process (no HTTP), on the data `bench/run.py` generated.

    .venv/bin/python bench/export.py                 # bench/out/bench.db (run bench/run.py once first)
    .venv/bin/python bench/export.py --repeat 5

Times reading the rows alone, then CSV and JSON, each as the view streams them, for every board. The HTTP
figures (gunicorn, worker memory) come from bench/run.py. Prints Markdown rows for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'bench' / 'out' / 'bench.db'}")
    args = parser.parse_args()
    os.environ.setdefault("COCREATE_INSTANCE_PATH", str(ROOT / "bench" / "out" / "instance"))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("COCREATE_ENV", "development")
    from sqlalchemy import select

    from cocreate import create_app
    from cocreate.backlog.export import as_csv, as_json, rows
    from cocreate.backlog.workspace import Filters
    from cocreate.extensions import db
    from cocreate.ideas.models import Board

    app = create_app()
    database = "postgresql" if args.database_url.startswith("postgresql") else "sqlite"
    with app.app_context():
        boards = list(db.session.scalars(select(Board).order_by(Board.name)))
        timings: dict[str, list[float]] = {"rows only": [], "csv": [], "json": []}
        count = 0
        for _ in range(args.repeat):
            for label, make in (
                ("rows only", lambda: ((1,) for _ in rows(db.session, boards, Filters(), "http://x"))),
                ("csv", lambda: as_csv(rows(db.session, boards, Filters(), "http://x"))),
                ("json", lambda: as_json(rows(db.session, boards, Filters(), "http://x"))),
            ):
                started = time.perf_counter()
                n = sum(1 for _ in make())
                timings[label].append(time.perf_counter() - started)
                count = n if label == "rows only" else count
                db.session.rollback()
    for label, values in timings.items():
        shown = ", ".join(f"{v:.2f} s" for v in values)
        print(f"| export in-process, {label} | {count:,} rows | {shown} | {database} |")


if __name__ == "__main__":
    main()
