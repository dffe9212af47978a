"""Draw bench/speed.svg from the last `bench/run.py` (bench/out/last-run.json): requests per second of each
route as a share of the bare route (as measured right before that route), with the targets of issue 9
(board page 0.35, vote POST 0.25) marked, and p99 latency next to each bar. Plain SVG, no plotting library.

    .venv/bin/python bench/chart.py [bench/out/last-run.json] [bench/speed.svg]
"""

from __future__ import annotations

import json
import statistics
import sys
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {"board, signed in": 0.35, "vote POST": 0.25}
WIDTH, LEFT, BAR, GAP = 900, 250, 18, 8


def draw(run: dict) -> str:
    results = run["results"]
    # Each route against the bare app's rate measured right before it, for as long (bench/run.py).
    rows = [(name, r["rps"] / r["bare_rps"], r["p99"], r["rps"]) for name, r in results.items()]
    bare = statistics.median(r["bare_rps"] for r in results.values())
    height = 98 + len(rows) * (BAR + GAP) + 40
    scale = (WIDTH - LEFT - 250) / 1.0  # 1.0 = the bare route's rate
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'font-family="system-ui, sans-serif" font-size="13" role="img" '
        f'aria-label="Requests per second of each route as a share of a bare Flask app">',
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>',
        '<text x="16" y="24" font-size="16" font-weight="600">'
        "Throughput as a share of a bare Flask app</text>",
        f'<text x="16" y="44" fill="#555">{run["database"]}, 2 gunicorn sync workers, {run["connections"]} '
        f"connections; the bare Flask app served {bare:.0f} rps (median).</text>",
        '<text x="16" y="60" fill="#555">Each route against the bare app measured right before it. '
        "Dashed: the target. Red: below it.</text>",
    ]
    top = 80
    for share in (0.25, 0.35, 0.5, 1.0):
        x = LEFT + share * scale
        out.append(f'<line x1="{x:.0f}" y1="{top - 6}" x2="{x:.0f}" y2="{height - 30}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.0f}" y="{height - 14}" text-anchor="middle" fill="#555">{share:.2f}</text>')
    for n, (name, share, p99, rps) in enumerate(rows):
        y = top + n * (BAR + GAP)
        target = next((t for key, t in TARGETS.items() if name.startswith(key)), None)
        color = "#4f46e5" if target is None else ("#15803d" if share >= target else "#b91c1c")
        width = max(1.0, min(share, 1.2) * scale)
        out.append(f'<text x="{LEFT - 8}" y="{y + 13}" text-anchor="end">{escape(name)}</text>')
        out.append(f'<rect x="{LEFT}" y="{y}" width="{width:.0f}" height="{BAR}" fill="{color}"/>')
        label_x = LEFT + max(width, (target or 0) * scale) + 8
        out.append(
            f'<text x="{label_x:.0f}" y="{y + 13}" fill="#333">{share:.2f} · {rps:.0f} rps · '
            f"p99 {p99:.1f} ms</text>"
        )
        if target is not None:
            x = LEFT + target * scale
            out.append(
                f'<line x1="{x:.0f}" y1="{y - 2}" x2="{x:.0f}" y2="{y + BAR + 2}" stroke="#000" '
                f'stroke-width="2" stroke-dasharray="3 2"/>'
            )
    votes = run.get("votes")
    if votes:
        out.append(
            f'<text x="16" y="{height - 14}" fill="#333">Votes: {votes["answered"]} answered, '
            f"{votes['stored']} stored, {votes['lost']} lost</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "out" / "last-run.json"
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "speed.svg"
    target.write_text(draw(json.loads(source.read_text())))
    print(f"Wrote {target}")


if __name__ == "__main__":
    main()
