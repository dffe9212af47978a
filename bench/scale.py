"""Benchmark: does the board page stay as fast with 100 times the ideas? Board page p50 at 10k ideas against
1M ideas (issue 9: the large one within 1.3 times the small one), same machine, same run.

    .venv/bin/python bench/scale.py           # 10,000 and 1,000,000 ideas, SQLite under bench/out/
    .venv/bin/python bench/scale.py --sizes 10000,100000 --duration 10

Each size gets its own database (generated once by `flask demo load`, then reused): 1,000 people, two votes
and 0.2 comments per idea, so only the number of ideas changes. Each is served by gunicorn with 2 sync
workers and loaded with wrk on 127.0.0.1 (bounded by --duration). Prints Markdown rows for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import statistics

from run import OUT, generate, serving, sign_in, wrk

ROUTES = {  # name: (path, signed in)
    "board, signed in, hot": ("/b/mobile-app", True),
    "board, signed in, top": ("/b/mobile-app?sort=top", True),
    "board, signed in, open + tag": ("/b/mobile-app?status=open&tag=maps", True),
    "board, anonymous, hot": ("/b/mobile-app", False),
}


def measure(ideas: int, duration: int, connections: int, rounds: int) -> dict[str, float]:
    """p50 (ms) of each route at this size: the median of `rounds` bounded wrk runs."""
    url = f"sqlite:///{OUT / f'scale-{ideas}.db'}"
    size = {"users": 1_000, "ideas": ideas, "votes": 2 * ideas, "comments": ideas // 5}
    generate(url, False, size)
    found = {}
    with serving(url) as (base, _pid):
        cookie = sign_in(base)
        for name, (path, signed_in) in ROUTES.items():
            jar = cookie if signed_in else None
            wrk(base + path, 2, connections, jar)  # warm-up
            runs = [wrk(base + path, duration, connections, jar) for _ in range(rounds)]
            bad = sum(r["non2xx"] for r in runs)
            if bad:
                raise SystemExit(f"{name} at {ideas:,} ideas: {bad} non-2xx responses")
            found[name] = statistics.median(r["p50"] for r in runs)
            print(f"{ideas:>9,} ideas  {name:<28} p50 {found[name]:6.2f} ms", flush=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,1000000", help="small,large: ideas in each database")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (bounded)")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per route; the median p50 counts")
    args = parser.parse_args()
    small, large = (int(n) for n in args.sizes.split(","))
    OUT.mkdir(parents=True, exist_ok=True)
    results = {n: measure(n, args.duration, args.connections, args.rounds) for n in (small, large)}
    print(f"\n| route | p50 at {small:,} ideas | p50 at {large:,} ideas | ratio |\n|---|---|---|---|")
    worst = 0.0
    for name in ROUTES:
        ratio = results[large][name] / results[small][name]
        worst = max(worst, ratio)
        print(f"| {name} | {results[small][name]:.2f} ms | {results[large][name]:.2f} ms | {ratio:.2f} |")
    print(f"\nWorst ratio {worst:.2f} (target ≤ 1.30).")


if __name__ == "__main__":
    main()
