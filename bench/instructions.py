"""Instructions per request, counted by valgrind's callgrind: the bare route, the signed-in board page and
the vote POST, in one process through Flask's test client on bench/run.py's data. Unlike requests per
second, the count is the same from run to run whatever else the machine does, so it tells whether a change
of code made a request cheaper on a machine whose speed wanders (apt-get install valgrind; about 5 minutes
a route).

    .venv/bin/python bench/instructions.py                # every route, this checkout
    .venv/bin/python bench/instructions.py --route vote

Each route runs twice under callgrind, with FEW and then MANY requests after the same warm-up: the
difference divided by MANY - FEW is what one request costs, start-up and warm-up left out. Votes go to a
copy of the database, each to an idea the person has not voted for.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from run import OUT, ROOT, app_env, generate
from votes import PASSWORD, votable_ideas

EMAIL = "member@demo.cocreate"  # the demo's member, as bench/run.py signs in

FEW, MANY = 10, 60
PATHS = {"bare": "/healthz", "board": "/b/mobile-app"}
LABELS = {"bare": "bare (/healthz)", "board": "board, signed in, hot", "vote": "vote POST (htmx), signed in"}


def _requests(route: str, count: int) -> None:
    """The measured process: sign in, warm up, then `count` requests of the route."""
    sys.path.insert(0, str(ROOT))
    from cocreate import create_app
    from cocreate.extensions import db

    app = create_app()
    app.jinja_env.auto_reload = False
    client = app.test_client()
    login = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login)[1]
    form = {"email": EMAIL, "password": PASSWORD, "csrf_token": token}
    client.post("/login", data=form)
    csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', client.get("/").get_data(as_text=True))[1]
    if route in PATHS:
        visitor = app.test_client() if route == "bare" else client  # the bare route, as in bench/run.py
        for _ in range(30 + count):
            assert visitor.get(PATHS[route]).status_code == 200
        return
    with app.app_context():
        ideas = votable_ideas(db.session.connection(), 30 + count, unvoted_by=EMAIL)
    headers = {"HX-Request": "true", "X-CSRFToken": csrf}
    for idea_id in ideas:
        answer = client.post(f"/i/{idea_id}/vote", data={"csrf_token": csrf}, headers=headers)
        assert answer.status_code == 200, answer.status_code


def _env(database_url: str) -> dict:
    """bench/run.py's environment, with string hashing fixed: with a random seed per process, dicts and
    sets of strings collide differently each run, which moved the count by about 2 %."""
    return {**app_env(database_url), "PYTHONHASHSEED": "0"}


def _instructions(route: str, count: int, database_url: str) -> int:
    """Instructions of one process that makes `count` requests after the warm-up."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command += [sys.executable, __file__, "--child", route, str(count)]
    if route != "vote":
        done = subprocess.run(command, env=_env(database_url), cwd=ROOT, capture_output=True, text=True)  # noqa: S603
    else:  # on a fresh copy each time: both runs vote from the same starting point
        copy = OUT / f"instructions-votes-{os.getpid()}.db"
        shutil.copy(database_url.removeprefix("sqlite:///"), copy)
        try:
            env = _env(f"sqlite:///{copy}")
            done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)  # noqa: S603
        finally:
            for suffix in ("", "-wal", "-shm", "-writers"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
    if done.returncode:
        raise SystemExit(f"the measured process failed:\n{done.stderr[-2000:]}")
    return int(re.search(r"Collected : (\d+)", done.stderr)[1])


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _requests(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--route", choices=[*LABELS, "all"], default="all")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind counts the instructions: apt-get install -y valgrind")
    url = f"sqlite:///{OUT / 'bench.db'}"
    OUT.mkdir(parents=True, exist_ok=True)
    generate(url, False)
    for route in LABELS if args.route == "all" else (args.route,):
        few, many = (_instructions(route, n, url) for n in (FEW, MANY))
        per = (many - few) / (MANY - FEW)
        print(f"| {LABELS[route]} | {per / 1e6:.2f} M instructions per request | {os.uname().machine} |")


if __name__ == "__main__":
    main()
