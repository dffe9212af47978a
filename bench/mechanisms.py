"""Each speed mechanism on and off, on its own route, in alternating pairs (issue 33).

    .venv/bin/python bench/mechanisms.py                      # SQLite, the bench data of bench/run.py
    .venv/bin/python bench/mechanisms.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
    .venv/bin/python bench/mechanisms.py --only prepared,fragments --rounds 2 --duration 6

Two gunicorns (2 sync workers each) serve the same database: one with every mechanism on, one with the
mechanism under test switched off (COCREATE_SPEED_OFF, cocreate/speed.py). wrk loads one, then the other,
equally long, for --rounds pairs whose order alternates (on/off, off/on, ...), so the machine's drift falls
on both. Each row gives the median rps of each side, the gain (on ÷ off − 1) and the p99s. The vote
route sends each (person, idea) pair once (bench/votes.py), with a fresh set of pairs for every run; the
search route cycles through 400 two-word queries made from the ideas' titles. whoosh_codec is also timed
on `flask search reindex` (100k ideas), each side into an index of its own. Whoosh, the file lock of
SQLite's writers and their switches are SQLite's alone (PostgreSQL searches in full text).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import votes  # noqa: E402  (bench/votes.py)
from run import OUT, ROOT, app_env, generate, sign_in, wrk  # noqa: E402  (bench/run.py)
from serve import free_port, start_gunicorn  # noqa: E402  (bench/serve.py)

# (mechanism, route): each mechanism on the routes whose speed it was built for.
CASES = [
    ("kept_reads", "board"),
    ("kept_boards", "board"),
    ("prepared", "board"),
    ("prepared", "vote"),
    ("fragments", "board"),
    ("fragments", "idea"),
    ("signatures", "board"),
    ("signatures", "vote"),
    ("form_parser", "vote"),
    ("kept_writes", "vote"),
    ("writers_turn", "vote"),
    ("whoosh_codec", "reindex"),
    ("whoosh_codec", "search"),
    ("whoosh_fast", "search"),
]
SQLITE_ONLY = {"writers_turn", "whoosh_fast", "whoosh_codec"}
ROUTE_NAMES = {
    "board": "board page, signed in",
    "idea": "idea page, signed in",
    "vote": "vote POST (htmx)",
    "search": "search, two words",
    "reindex": "flask search reindex, 100k ideas",
}


class Server:
    """gunicorn on a free port of 127.0.0.1 with these mechanisms off, its Whoosh index in `instance`."""

    def __init__(self, database_url: str, off: str = "", instance: Path | None = None) -> None:
        env = app_env(database_url)
        env["COCREATE_SPEED_OFF"] = off
        if instance is not None:
            env["COCREATE_INSTANCE_PATH"] = str(instance)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = start_gunicorn(env, self.port, quiet=True, timeout=120)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def reindex(database_url: str, off: str, instance: Path) -> float:
    """Seconds `flask search reindex` takes into `instance`'s Whoosh index, with these mechanisms off."""
    env = app_env(database_url)
    env.update(COCREATE_SPEED_OFF=off, COCREATE_INSTANCE_PATH=str(instance), COCREATE_SEARCH_BACKEND="whoosh")
    started = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "flask"), "--app", "cocreate", "search", "reindex"],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=900,
    )
    return time.perf_counter() - started


def search_script(database_url: str) -> Path:
    """A wrk script that cycles through 400 two-word queries made of words from the ideas' titles."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        titles = conn.scalars(text("SELECT title FROM ideas ORDER BY id LIMIT 5000")).all()
    engine.dispose()
    words = sorted({w.lower() for t in titles for w in re.findall(r"[A-Za-z]{4,}", t)})
    rng = random.Random(33)
    queries = [f"{a}+{b}" for a, b in (rng.sample(words, 2) for _ in range(400))]
    script = OUT / "search.lua"
    script.write_text(
        "local queries = {" + ",".join(f'"{q}"' for q in queries) + "}\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        '  return wrk.format("GET", "/search?q=" .. queries[(n % #queries) + 1])\n'
        "end\n"
    )
    return script


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=f"sqlite:///{OUT / 'bench.db'}")
    parser.add_argument("--duration", type=int, default=8, help="seconds per run (bounded)")
    parser.add_argument("--rounds", type=int, default=3, help="on/off pairs per case")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", metavar="NAMES", help="only these mechanisms (comma-separated)")
    args = parser.parse_args()
    generate(args.database_url, False)
    engine = args.database_url.split(":", 1)[0].split("+")[0]
    cases = [(m, r) for m, r in CASES if engine == "sqlite" or m not in SQLITE_ONLY]
    if args.only:
        chosen = {w.strip() for w in args.only.split(",")}
        cases = [(m, r) for m, r in cases if m in chosen]
    instance_on, instance_off = OUT / "instance", OUT / "instance-codec-off"
    rows = []
    if ("whoosh_codec", "reindex") in cases:
        timings = {"on": [], "off": []}
        for i in range(args.rounds):
            for side in ("on", "off") if i % 2 == 0 else ("off", "on"):
                off = "" if side == "on" else "whoosh_codec"
                timings[side].append(
                    reindex(args.database_url, off, instance_on if side == "on" else instance_off)
                )
                print(f"whoosh_codec   reindex {side:<3} {timings[side][-1]:6.1f} s", flush=True)
        on, off = statistics.median(timings["on"]), statistics.median(timings["off"])
        rows.append(
            ("whoosh_codec", ROUTE_NAMES["reindex"], f"{on:.1f} s", f"{off:.1f} s", off / on - 1, "", "")
        )
        cases.remove(("whoosh_codec", "reindex"))
    elif engine == "sqlite" and any(m.startswith("whoosh") for m, _ in cases):
        reindex(args.database_url, "", instance_on)
        reindex(args.database_url, "whoosh_codec", instance_off)

    from sqlalchemy import create_engine, text

    db = create_engine(args.database_url)
    with db.connect() as conn:
        board = conn.scalar(text("SELECT slug FROM boards WHERE slug = 'mobile-app'")) or conn.scalar(
            text("SELECT slug FROM boards WHERE NOT is_private ORDER BY id LIMIT 1")
        )
        idea = conn.scalar(text("SELECT max(id) FROM ideas WHERE moderation_state = 'approved'"))
    db.dispose()
    paths = {"board": f"/b/{board}", "idea": f"/i/{idea}"}
    script = search_script(args.database_url) if any(r == "search" for _, r in cases) else None

    on_server = Server(args.database_url, instance=instance_on)
    try:
        cookie = sign_in(on_server.base)  # the same secret key: the cookie opens on every server
        for mechanism, route in cases:
            off_server = Server(
                args.database_url,
                mechanism,
                instance=instance_off if mechanism == "whoosh_codec" else instance_on,
            )
            try:
                results = {"on": [], "off": []}
                for i in range(args.rounds):
                    for side in ("on", "off") if i % 2 == 0 else ("off", "on"):
                        base = on_server.base if side == "on" else off_server.base
                        results[side].append(_one_run(args, route, base, paths, cookie, script))
                        r = results[side][-1]
                        print(
                            f"{mechanism:<14} {route:<7} {side:<3} {r['rps']:8.1f} rps  "
                            f"p99 {r['p99']:7.2f} ms  non-2xx {r['non2xx']}",
                            flush=True,
                        )
            finally:
                off_server.stop()
            on = statistics.median(r["rps"] for r in results["on"])
            off = statistics.median(r["rps"] for r in results["off"])
            p99_on = statistics.median(r["p99"] for r in results["on"])
            p99_off = statistics.median(r["p99"] for r in results["off"])
            rows.append(
                (mechanism, ROUTE_NAMES[route], f"{on:.0f}", f"{off:.0f}", on / off - 1, p99_on, p99_off)
            )
    finally:
        on_server.stop()

    print(
        "\n| mechanism | route | on (rps or s) | off | gain | p99 on ms | p99 off ms | database |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    for mechanism, route, on, off, gain, p99_on, p99_off in rows:
        p99s = f"{p99_on:.1f} | {p99_off:.1f}" if p99_on != "" else " | "
        print(f"| {mechanism} | {route} | {on} | {off} | {gain:+.0%} | {p99s} | {engine} |")


def _one_run(args, route: str, base: str, paths: dict, cookie: str, script: Path | None) -> dict:
    if route == "vote":
        plan = votes.prepare(base, args.database_url, OUT)
        result = votes.run(base, plan, args.duration, args.connections, wrk)
        counted = votes.check(args.database_url, plan, result["requests"] - result["non2xx"])
        if counted["lost"] or counted["miscounted"]:
            raise SystemExit(f"votes were lost or miscounted: {counted}")
        return result
    if route == "search":
        wrk(base + "/search", 2, args.connections, cookie, script=script)  # warm-up
        return wrk(base + "/search", args.duration, args.connections, cookie, script=script)
    wrk(base + paths[route], 2, args.connections, cookie)  # warm-up
    return wrk(base + paths[route], args.duration, args.connections, cookie)


if __name__ == "__main__":
    main()
