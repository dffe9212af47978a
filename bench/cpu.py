"""Where a request's time goes outside Python's count: the gunicorn workers' user and system CPU per request
(from /proc), and the machine's idle share, under the bare route's load and under the vote POST's, in one
server on bench/run.py's data (SQLite by default). Linux only; wrk on 127.0.0.1, each load bounded.

    .venv/bin/python bench/cpu.py
    .venv/bin/python bench/cpu.py --duration 10 --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
"""

from __future__ import annotations

import argparse
import os

import votes  # bench/votes.py
from run import OUT, generate, serving, wrk

TICKS = os.sysconf("SC_CLK_TCK")


def _workers(master: int) -> list[int]:
    """The master's children: the gunicorn workers."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                fields = open(f"/proc/{name}/stat").read().rsplit(")", 1)[1].split()  # noqa: SIM115
            except OSError:
                continue
            if int(fields[1]) == master:
                found.append(int(name))
    return found


def _cpu(pids: list[int]) -> tuple[int, int]:
    """User and system clock ticks the processes used so far."""
    user = system = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        user, system = user + int(fields[11]), system + int(fields[12])
    return user, system


def _machine() -> tuple[int, int]:
    """Idle (with I/O wait) and total clock ticks of the machine so far."""
    with open("/proc/stat") as stat:
        ticks = [int(v) for v in stat.readline().split()[1:]]
    return ticks[3] + ticks[4], sum(ticks)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=f"sqlite:///{OUT / 'bench.db'}")
    parser.add_argument("--duration", type=int, default=10, help="seconds per load (bounded)")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    generate(args.database_url, False)
    with serving(args.database_url) as (base, master):
        wrk(base + "/healthz", 2, args.connections)  # warm-up
        workers = _workers(master)
        plan = votes.prepare(base, args.database_url, OUT)
        loads = {
            "bare (/healthz)": lambda: wrk(base + "/healthz", args.duration, args.connections),
            "vote POST (htmx)": lambda: votes.run(base, plan, args.duration, args.connections, wrk),
        }
        print("| load | rps | worker user µs / request | worker system µs / request | machine idle |")
        print("|---|---|---|---|---|")
        for name, load in loads.items():
            (user0, system0), (idle0, total0) = _cpu(workers), _machine()
            result = load()
            (user1, system1), (idle1, total1) = _cpu(workers), _machine()
            per = 1e6 / TICKS / result["requests"]
            user, system = (user1 - user0) * per, (system1 - system0) * per
            idle = (idle1 - idle0) / (total1 - total0)
            print(f"| {name} | {result['rps']:.0f} | {user:.0f} | {system:.0f} | {idle:.1%} |", flush=True)


if __name__ == "__main__":
    main()
