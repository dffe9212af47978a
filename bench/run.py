"""Benchmark: 100k ideas / 1M votes / 1k users, gunicorn with 2 sync workers: every page people use, the
vote and the exports, each against a bare Flask app.

    .venv/bin/python bench/run.py                 # SQLite under bench/out/ (generated once, then reused)
    .venv/bin/python bench/run.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
    .venv/bin/python bench/run.py --duration 20 --connections 8 --regenerate
    .venv/bin/python bench/run.py --only board,home   # the routes whose name holds one of these words

The reference is bench/bare_app.py, a separate Flask app with one route returning a short string, served
by the same gunicorn settings beside CoCreate. Each route is measured in a pair with it: the bare app for
--duration, then the route for as long (this machine's speed wanders by up to a third within minutes), and
divided by that bare rate. The named routes come first; then every other page reached by following links
as a member, a moderator, the product team, an admin and a visitor (bench/pages.py), each signed in as the
first of those who reach it. Load comes from wrk (apt-get install wrk) on 127.0.0.1 only; every run is
bounded. Prints one Markdown table row per route, ready for bench/RESULTS.md, then the slowest routes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import votes  # noqa: E402  (bench/votes.py)
from corpus import ensure_database  # noqa: E402  (bench/corpus.py)
from pages import crawl  # noqa: E402  (bench/pages.py)
from serve import USER_AGENT, free_port, start_gunicorn  # noqa: E402  (bench/serve.py)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
STAFF = ("member", "moderator", "product", "admin")  # the demo's accounts: <role>@demo.cocreate
SIZE = {"users": 1_000, "ideas": 100_000, "votes": 1_000_000, "comments": 20_000}


def app_env(database_url: str) -> dict:
    """The app's environment in the benches: this database, a fixed key, limits that never refuse."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY="bench-only-secret-key-0123456789abcdef",
        COCREATE_INSTANCE_PATH=str(OUT / "instance"),
        COCREATE_ENV="development",  # plain-HTTP cookies on 127.0.0.1; otherwise the production code path
        # The load comes from one address and a few people: the limits still count every request (their
        # cost is in the figures) but never refuse one.
        COCREATE_RATE_LIMITS="signin=1000000/60,signup=1000000/60,post=1000000/60,vote=1000000/60",
    )
    return env


def generate(database_url: str, regenerate: bool, size: dict = SIZE) -> None:
    """Build the schema and the data once; reuse it while the marker says the same size."""
    marker = OUT / f"generated-{hashlib.sha256(database_url.encode()).hexdigest()[:10]}.json"
    flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "cocreate"]
    env = app_env(database_url)
    if marker.exists() and json.loads(marker.read_text()) == size and not regenerate:
        print(f"Reusing generated data ({marker.name}).")
        subprocess.run([*flask, "db", "upgrade"], env=env, check=True, cwd=ROOT)  # the code's schema
        return
    ensure_database(database_url)
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, cwd=ROOT)
    args = [f"--{k}={v}" for k, v in size.items()]
    subprocess.run([*flask, "demo", "load", "--reset", *args], env=env, check=True, cwd=ROOT)
    marker.write_text(json.dumps(size))


@contextmanager
def serving(database_url: str) -> Iterator[tuple[str, int]]:
    """gunicorn on a free port of 127.0.0.1 for the length of the block: (base URL, master pid)."""
    port = free_port()
    server = start_gunicorn(app_env(database_url), port)
    try:
        yield f"http://127.0.0.1:{port}", server.pid
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@contextmanager
def serving_bare() -> Iterator[str]:
    """bench/bare_app.py under the same gunicorn settings, on a free port of 127.0.0.1: its base URL."""
    port = free_port()
    server = start_gunicorn(dict(os.environ), port, app="bare_app:app", probe="/")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def sign_in(base: str, email: str = "member@demo.cocreate", password: str = "trailhead-demo") -> str:
    """Sign in over HTTP like a browser; returns the Cookie header for wrk."""
    import http.cookiejar
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    page = opener.open(f"{base}/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password}).encode()
    opener.open(f"{base}/login", data=data, timeout=10).read()
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "session=" not in cookies:
        raise SystemExit("could not sign in for the signed-in routes")
    return cookies


def _ms(text: str) -> float:
    """wrk prints durations as 812.00us, 23.15ms, 1.02s or 1.05m."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"unexpected wrk duration {text!r}")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(
    url: str,
    duration: int,
    connections: int,
    cookie: str | None = None,
    script: Path | None = None,
    threads: int = 1,
) -> dict:
    """rps, p50 and p99 (ms), requests and errors from one bounded wrk run (`script`: a wrk Lua script)."""
    headers = ["-H", f"User-Agent: {USER_AGENT}"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    if script is not None:
        headers += ["-s", str(script)]
    out = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            "--timeout",
            "10s",
            *headers,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 30,
    ).stdout
    return parse_wrk(out)


def parse_wrk(out: str) -> dict:
    try:
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
        p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    except (AttributeError, ValueError) as exc:
        raise SystemExit(f"could not read wrk's output ({exc}):\n{out}") from None
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    requests = re.search(r"(\d+) requests in", out)
    return {
        "requests": int(requests.group(1)) if requests else 0,
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def _peak_kib(parent: int) -> dict[int, int]:
    """VmHWM (peak resident memory) of each gunicorn worker."""
    found = {}
    for child in Path(f"/proc/{parent}/task/{parent}/children").read_text().split():
        status = Path(f"/proc/{child}/status").read_text()
        found[int(child)] = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
    return found


def export_timings(base: str, cookie: str, server_pid: int) -> list[str]:
    """Download the ranked list of every board (100k ideas) as CSV and JSON, twice each, timed."""
    lines = []
    for kind in ("csv", "json", "csv", "json"):
        before = _peak_kib(server_pid)
        request = urllib.request.Request(  # noqa: S310 - our own server on 127.0.0.1
            f"{base}/manage/ranking/export.{kind}?board=all", headers={"Cookie": cookie}
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310
            body = answer.read()
        seconds = time.perf_counter() - started
        after = _peak_kib(server_pid)
        rows = body.count(b"\n") - 1 if kind == "csv" else body.count(b'"idea_id"')
        grew = max(after.values(), default=0) // 1024
        lines.append(
            f"| {kind} (all boards) | {rows:,} | {len(body):,} | {seconds:.2f} | "
            f"{max(before.values(), default=0) // 1024} → {grew} MiB |"
        )
        print(lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=f"sqlite:///{OUT / 'bench.db'}")
    parser.add_argument("--duration", type=int, default=15, help="seconds per route (bounded)")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument(
        "--exports-only",
        type=int,
        metavar="ROUNDS",
        help="only time the ranked-list exports, ROUNDS times each",
    )
    parser.add_argument(
        "--named-only", action="store_true", help="only the named routes, not every page the links reach"
    )
    parser.add_argument(
        "--only",
        metavar="WORDS",
        help="only the routes whose name holds one of these comma-separated words (e.g. home,board)",
    )
    args = parser.parse_args()
    if args.exports_only:
        OUT.mkdir(parents=True, exist_ok=True)
        generate(args.database_url, args.regenerate)
        exports_only(args.database_url, args.exports_only)
        return
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed for the load: apt-get install -y wrk")
    OUT.mkdir(parents=True, exist_ok=True)
    generate(args.database_url, args.regenerate)
    started = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "flask"), "--app", "cocreate", "backlog", "rescore"],
        env=app_env(args.database_url),
        check=True,
        cwd=ROOT,
    )
    print(
        f"Re-scoring every board (flask backlog rescore): {time.perf_counter() - started:.1f} s", flush=True
    )

    routes = {  # name: (path, who is signed in)
        "CoCreate's own /healthz": ("/healthz", None),
        "home, anonymous": ("/", None),
        "home, signed in": ("/", "member"),
        "board, anonymous, hot": ("/b/mobile-app", None),
        "board, anonymous, top": ("/b/mobile-app?sort=top", None),
        "board, signed in, hot": ("/b/mobile-app", "member"),
        "board, signed in, top": ("/b/mobile-app?sort=top", "member"),
        "board, signed in, open + tag": ("/b/mobile-app?status=open&tag=maps", "member"),
        "ranking (product team), top 50": ("/manage/ranking?board=mobile-app", "product"),
        **_pages(args.database_url),
    }
    results = {}
    with serving(args.database_url) as (base, server_pid), serving_bare() as bare_base:
        cookies = {role: sign_in(base, f"{role}@demo.cocreate") for role in STAFF}
        cookies["visitor"] = None
        if not args.named_only:
            named = {(path, who) for path, who in routes.values()}
            for endpoint, (path, who) in sorted(crawl(base, cookies).items()):
                if (path, who) not in named:
                    routes[f"{endpoint} ({who})"] = (path, None if who == "visitor" else who)
        if args.only:
            words = [w.strip() for w in args.only.split(",") if w.strip()]
            routes = {n: r for n, r in routes.items() if any(w in n for w in words)}
        print(f"{len(routes)} routes, each after the bare app for {args.duration} s.", flush=True)

        def paired(url: str, jar: str | None = None, script: Path | None = None, run=None) -> dict:
            """The bare app for --duration, then the route for as long: its figures and that bare rate."""
            bare_then = wrk(bare_base + "/", args.duration, args.connections)["rps"]
            result = run() if run else wrk(url, args.duration, args.connections, jar, script)
            result["bare_rps"] = bare_then
            return result

        for name, (path, who) in routes.items():
            jar = cookies[who] if who else None
            wrk(base + path, 2, args.connections, jar)  # warm-up
            results[name] = paired(base + path, jar)
            _progress(name, results[name])
        if args.only:  # a few pages only: no votes, no exports
            plan = voting = None
            exports = []
        else:
            plan = votes.prepare(base, args.database_url, OUT, threads=2)
            voting = paired("", run=lambda: votes.run(base, plan, args.duration, args.connections, wrk))
            results["vote POST (htmx), signed in"] = voting
            _progress("vote POST (htmx), signed in", voting)
            exports = export_timings(base, cookies["product"], server_pid)

    engine = args.database_url.split(":", 1)[0].split("+")[0]
    print(
        "\n| route | rps | p50 ms | p99 ms | bare app right before, rps | ÷ bare app | database |"
        "\n|---|---|---|---|---|---|---|"
    )
    for name, r in results.items():
        print(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['bare_rps']:.0f} "
            f"| {r['rps'] / r['bare_rps']:.2f} | {engine} |"
        )
    slowest = sorted(results.items(), key=lambda item: item[1]["rps"] / item[1]["bare_rps"])[:10]
    print(
        "\nThe slowest routes, ÷ the bare app: "
        + "; ".join(f"{name} {r['rps'] / r['bare_rps']:.2f} (p99 {r['p99']:.0f} ms)" for name, r in slowest)
    )
    if args.only:
        return
    print("\n| export | rows | bytes | seconds | worker peak memory before → after |\n|---|---|---|---|---|")
    for line in exports:
        print(line)
    counted = votes.check(args.database_url, plan, voting["requests"] - voting["non2xx"])
    print(
        f"\nVotes: {counted['answered']} answered 2xx, {counted['stored']} stored, {counted['lost']} lost, "
        f"{counted['miscounted']} ideas whose vote_count differs from their rows."
    )
    (OUT / "last-run.json").write_text(
        json.dumps(
            {"database": engine, "connections": args.connections, "results": results, "votes": counted}
        )
    )
    print(f"Wrote {OUT / 'last-run.json'}; `python bench/chart.py` draws bench/speed.svg from it.")
    if counted["lost"] or counted["miscounted"]:
        sys.exit("votes were lost or miscounted")
    failures = [n for n, r in results.items() if r["non2xx"]]
    if failures:
        sys.exit(f"non-2xx responses on: {', '.join(failures)}")


def _progress(name: str, r: dict) -> None:
    """One route's figures as it finishes."""
    print(
        f"{name:<30} {r['rps']:8.1f} rps  p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms  "
        f"non-2xx {r['non2xx']} {r['socket_errors']}  (bare right before: {r['bare_rps']:.0f} rps)",
        flush=True,
    )


def exports_only(database_url: str, rounds: int) -> None:
    """The exports through gunicorn with nothing else running (the full run times them after the load)."""
    with serving(database_url) as (base, server_pid):
        cookie = sign_in(base, "product@demo.cocreate")
        print(
            "| export | rows | bytes | seconds | worker peak memory before → after |\n|---|---|---|---|---|"
        )
        for _ in range(rounds):
            export_timings(base, cookie, server_pid)


def _pages(database_url: str) -> dict:
    """An idea page and a product page, for a visitor and for a member."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        idea = conn.scalar(text("SELECT max(id) FROM ideas WHERE moderation_state = 'approved'"))
        product = conn.scalar(text("SELECT slug FROM products ORDER BY review_count DESC LIMIT 1"))
    engine.dispose()
    return {
        "idea page, anonymous": (f"/i/{idea}", None),
        "idea page, signed in": (f"/i/{idea}", "member"),
        "product page, anonymous": (f"/p/{product}", None),
        "product page, signed in": (f"/p/{product}", "member"),
    }


if __name__ == "__main__":
    main()
