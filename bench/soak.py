"""Soak: does a worker's memory level off under ordinary use? The demo community (as `make run` loads it),
gunicorn with 2 sync workers, and signed-in members browsing boards (sorts, filters, "show more"), opening
ideas, searching, voting and withdrawing, and commenting, at a steady rate for a set time. Each worker's
resident memory is sampled every --every seconds; the verdict compares the end with the half-way mark
(a plateau: within 10 %).

    .venv/bin/python bench/soak.py                                  # SQLite under bench/out/, 10 minutes
    .venv/bin/python bench/soak.py --minutes 6 --database-url postgresql+psycopg://postgres@127.0.0.1:5432/soak

Load comes from threads of this process, on 127.0.0.1 only, and stops at --minutes. Prints the samples and a
Markdown row for bench/RESULTS.md; the samples go to bench/out/soak-<database>.csv.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ensure_database  # noqa: E402  (bench/corpus.py)
from serve import USER_AGENT, free_port, start_gunicorn  # noqa: E402  (bench/serve.py)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PASSWORD = "trailhead-demo"
VOCABULARY = (
    "app map offline trail route shop checkout cart search filter store gear tent boots jacket size return "
    "order delivery payment wishlist review photo notification dark mode sync battery login account price "
    "discount loyalty points rental repair pickup stock guide weather gps export share group hike bike"
)
WORDS = tuple(VOCABULARY.split())
CSRF = re.compile(
    r'<meta name="csrf-token" content="([^"]+)"|name="csrf_token" type="hidden" value="([^"]+)"'
)
IDEA = re.compile(r'href="/i/(\d+)"')
MORE = re.compile(r'href="(/b/[^"]*cursor=[^"]+)"')
BOARD = re.compile(r'href="/b/([a-z0-9-]+)"')


def environment(database_url: str) -> dict:
    """The app's environment: this database, its own instance folder, limits that count but never refuse."""
    name = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    return dict(
        os.environ,
        DATABASE_URL=database_url,
        SECRET_KEY="soak-only-secret-key-0123456789abcdef",
        COCREATE_INSTANCE_PATH=str(OUT / f"soak-instance-{name}"),
        COCREATE_ENV="development",
        COCREATE_RATE_LIMITS="signin=1000000/60,signup=1000000/60,post=1000000/60,vote=1000000/60",
    )


def load_demo(database_url: str) -> None:
    """A fresh demo community, as `make run` loads it."""
    ensure_database(database_url)
    flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "cocreate"]
    env = environment(database_url)
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, cwd=ROOT)  # noqa: S603
    subprocess.run([*flask, "demo", "load", "--reset"], env=env, check=True, cwd=ROOT)  # noqa: S603


def member_emails(database_url: str, count: int) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT email FROM users WHERE role = 'member' ORDER BY id LIMIT :n"), {"n": count}
        ).all()
    engine.dispose()
    return [r[0] for r in rows]


class Tally:
    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.lock = threading.Lock()

    def add(self, kind: str, status: int) -> None:
        with self.lock:
            self.counts[(kind, status)] += 1

    def total(self) -> tuple[int, int]:
        with self.lock:
            errors = sum(n for (_, status), n in self.counts.items() if status < 0 or status >= 500)
            return sum(self.counts.values()), errors


class Member(threading.Thread):
    """One signed-in person: boards 35 %, ideas 28 %, search 15 %, vote or withdraw 17 %, comment 5 %."""

    def __init__(self, base: str, email: str, deadline: float, pace: float, seed: int, tally: Tally):
        super().__init__(daemon=True)
        self.base, self.email, self.deadline, self.pace, self.tally = base, email, deadline, pace, tally
        self.rng = random.Random(seed)
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
        self.opener.addheaders = [("User-Agent", USER_AGENT)]
        self.token = ""
        self.boards: list[str] = []
        self.ideas: list[int] = []
        self.voted: set[int] = set()

    def request(self, kind: str, path: str, data: dict | None = None, htmx: bool = False) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)  # noqa: S310 - 127.0.0.1
        if htmx:
            req.add_header("HX-Request", "true")
            req.add_header("X-CSRFToken", self.token)
        try:
            with self.opener.open(req, timeout=30) as answer:
                status, text = answer.status, answer.read().decode(errors="replace")
        except urllib.error.HTTPError as refused:
            status, text = refused.code, refused.read().decode(errors="replace")
        except OSError:
            status, text = -1, ""
        self.tally.add(kind, status)
        found = CSRF.search(text)
        if found:
            self.token = found.group(1) or found.group(2)
        return text

    def sign_in(self) -> None:
        self.request("login", "/login")
        self.request("login", "/login", {"csrf_token": self.token, "email": self.email, "password": PASSWORD})
        home = self.request("home", "/")
        self.boards = sorted(set(BOARD.findall(home))) or ["gear"]

    def board(self) -> None:
        params = {}
        if self.rng.random() < 0.6:
            params["sort"] = self.rng.choice(["hot", "top", "new", "trending"])
        if self.rng.random() < 0.3:
            params["status"] = self.rng.choice(["open", "under_review", "planned", "shipped"])
        query = ("?" + urllib.parse.urlencode(params)) if params else ""
        page = self.request("board", f"/b/{self.rng.choice(self.boards)}{query}")
        self.ideas = list(dict.fromkeys([int(i) for i in IDEA.findall(page)] + self.ideas))[:300]
        more, depth = MORE.search(page), 0
        while more and depth < 3 and self.rng.random() < 0.5:
            depth += 1
            page = self.request("board-more", more.group(1).replace("&amp;", "&"), htmx=True)
            more = MORE.search(page)

    def idea(self) -> None:
        if self.ideas:
            self.request("idea", f"/i/{self.rng.choice(self.ideas)}")

    def search(self) -> None:
        words = " ".join(self.rng.sample(WORDS, self.rng.choice([1, 2, 2, 3])))
        self.request("search", "/search?" + urllib.parse.urlencode({"q": words}))

    def vote(self) -> None:
        if not self.ideas:
            return
        if self.voted and self.rng.random() < 0.5:
            idea = self.rng.choice(sorted(self.voted))
            self.request("unvote", f"/i/{idea}/unvote", {"csrf_token": self.token}, htmx=True)
            self.voted.discard(idea)
        else:
            idea = self.rng.choice(self.ideas[:60])
            self.request("vote", f"/i/{idea}/vote", {"csrf_token": self.token}, htmx=True)
            self.voted.add(idea)

    def comment(self) -> None:
        if self.ideas:
            body = " ".join(self.rng.choices(WORDS, k=self.rng.randint(6, 30))).capitalize() + "."
            idea = self.rng.choice(self.ideas[:100])
            self.request(
                "comment", f"/i/{idea}/comments", {"csrf_token": self.token, "body": body}, htmx=True
            )

    def run(self) -> None:
        self.sign_in()
        actions = (
            [self.board] * 35 + [self.idea] * 28 + [self.search] * 15 + [self.vote] * 17 + [self.comment] * 5
        )
        due = time.monotonic()
        while time.monotonic() < self.deadline:
            self.rng.choice(actions)()
            due += self.rng.expovariate(1 / self.pace)
            time.sleep(max(0.0, due - time.monotonic()))
            due = max(due, time.monotonic() - 1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, *args, **kwargs
    ):  # a 302 is an answer here, as the browser's first sight of it
        return None


def workers(master: int) -> list[int]:
    pids = []
    for task in os.listdir(f"/proc/{master}/task"):
        with open(f"/proc/{master}/task/{task}/children") as children:
            pids += [int(p) for p in children.read().split()]
    return sorted(pids)


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=f"sqlite:///{OUT / 'soak.db'}")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--members", type=int, default=16)
    parser.add_argument("--rate", type=float, default=80, help="requests a second, all members together")
    parser.add_argument("--every", type=float, default=30, help="seconds between memory samples")
    parser.add_argument("--keep-data", action="store_true", help="reuse the demo data of the last soak")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.keep_data:
        load_demo(args.database_url)
    emails = member_emails(args.database_url, args.members)
    port = free_port()
    server = start_gunicorn(environment(args.database_url), port, quiet=True)
    name = "postgresql" if args.database_url.startswith("postgresql") else "sqlite"
    samples: list[tuple[float, int, int, list[float]]] = []
    try:
        start = time.monotonic()
        deadline = start + args.minutes * 60
        tally = Tally()
        pace = len(emails) / (args.rate / 1.2)  # seconds between one member's actions (~1.2 requests each)
        members = [
            Member(f"http://127.0.0.1:{port}", e, deadline, pace, n, tally) for n, e in enumerate(emails)
        ]
        for member in members:
            member.start()
        print(f"{len(members)} members on {name} for {args.minutes:g} minutes; memory every {args.every:g} s")
        while True:
            now = time.monotonic() - start
            total, errors = tally.total()
            rss = [rss_mib(pid) for pid in workers(server.pid)]
            samples.append((now, total, errors, rss))
            print(
                f"  {now:5.0f} s  {total:7,} requests  {errors} errors  "
                + "  ".join(f"{r:6.1f} MiB" for r in rss)
            )
            if now >= args.minutes * 60:
                break
            time.sleep(min(args.every, max(0.5, deadline - time.monotonic())))
        for member in members:
            member.join(timeout=40)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    csv = OUT / f"soak-{name}.csv"
    csv.write_text(
        "seconds,requests,errors,rss_mib_per_worker\n"
        + "".join(f"{t:.0f},{n},{e},{' '.join(f'{r:.1f}' for r in rss)}\n" for t, n, e, rss in samples)
    )
    half = min(samples, key=lambda s: abs(s[0] - samples[-1][0] / 2))
    end = samples[-1]
    growth = [e / h - 1 for e, h in zip(end[3], half[3], strict=True)]
    worst = max(growth)
    rate = end[1] / end[0]
    verdict = "plateau" if worst <= 0.10 else "still growing"
    print(f"\nSamples in {csv.relative_to(ROOT)}. Status counts:")
    for (kind, status), n in sorted(tally.counts.items()):
        print(f"  {kind:10} {status:4} {n:7,}")
    start_rss = " / ".join(f"{r:.0f}" for r in samples[0][3])
    print(
        "\n| database | minutes | requests (rps) | errors | RSS at start, MiB | at half time | at the end "
        "| end ÷ half |\n|---|---|---|---|---|---|---|---|\n"
        f"| {name} | {end[0] / 60:.1f} | {end[1]:,} ({rate:.0f}) | {end[2]} | {start_rss} | "
        f"{' / '.join(f'{r:.0f}' for r in half[3])} | {' / '.join(f'{r:.0f}' for r in end[3])} | "
        f"{' / '.join(f'{1 + g:.3f}' for g in growth)} ({verdict}) |"
    )
    sys.exit(0 if worst <= 0.10 else 1)


if __name__ == "__main__":
    main()
