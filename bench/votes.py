"""The web's vote POST under load (used by bench/run.py): members signed in over HTTP each vote through the
htmx form, from a wrk Lua script that never sends the same (person, idea) pair twice, so that every 2xx
must be one more stored vote. Afterwards: votes stored against 2xx answers (lost votes), and every idea's
stored vote_count against its rows (votes counted twice)."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from serve import USER_AGENT
from sqlalchemy import create_engine, text

PASSWORD = "trailhead-demo"


def _sign_in(base: str, email: str) -> tuple[str, str]:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    page = opener.open(f"{base}/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": PASSWORD}).encode()
    opener.open(f"{base}/login", data=form, timeout=10).read()
    home = opener.open(f"{base}/", timeout=10).read().decode()
    csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', home).group(1)
    return "; ".join(f"{c.name}={c.value}" for c in jar), csrf


def votable_ideas(
    conn, limit: int, unvoted_by: str | None = None, untouched_by: tuple[int, ...] = ()
) -> list[int]:
    """The newest ideas anyone may vote for (public boards without a budget, published, open), optionally
    only those the person with this e-mail has not voted for, or that none of these people (ids) has: a
    database that earlier runs voted on still offers whole ideas to vote for."""
    query = (
        "SELECT ideas.id FROM ideas JOIN boards ON boards.id = ideas.board_id"
        " WHERE boards.vote_budget IS NULL AND NOT boards.is_private"
        " AND ideas.moderation_state = 'approved'"
        " AND ideas.status IN ('open', 'under_review', 'planned') AND ideas.merged_into_id IS NULL"
    )
    if unvoted_by:
        query += (
            " AND ideas.id NOT IN (SELECT idea_id FROM votes JOIN users ON users.id = votes.user_id"
            " WHERE users.email = :email)"
        )
    if untouched_by:
        listed = ",".join(str(int(i)) for i in untouched_by)  # integers from the database
        query += f" AND ideas.id NOT IN (SELECT idea_id FROM votes WHERE user_id IN ({listed}))"  # noqa: S608
    query += " ORDER BY ideas.id DESC LIMIT :n"
    return list(conn.scalars(text(query), {"n": limit, "email": unvoted_by}))


def prepare(
    base: str, database_url: str, out: Path, people: int = 150, ideas: int = 400, threads: int = 1
) -> dict:
    """Sign people in, choose (person, idea) pairs without a vote yet, and write the wrk Lua script. Each of
    wrk's `threads` sends its own share of the pairs (thread k the k-th of every `threads`), so no pair is
    sent twice whatever the number of threads."""
    engine = create_engine(database_url)
    with engine.connect() as conn:
        users = conn.execute(
            text(
                "SELECT id, email FROM users WHERE role = 'member' AND email LIKE '%@example.com'"
                " ORDER BY id LIMIT :n"
            ),
            {"n": people},
        ).all()
        idea_ids = votable_ideas(conn, ideas, untouched_by=tuple(uid for uid, _ in users))
        listed = ",".join(str(int(i)) for i in idea_ids)  # integers from the database
        query = f"SELECT user_id, idea_id FROM votes WHERE idea_id IN ({listed})"  # noqa: S608
        voted = set(conn.execute(text(query)).all())
    engine.dispose()
    chosen = {uid for uid, _ in users}
    sessions = [_sign_in(base, email) for _, email in users]
    pairs = [
        (n + 1, idea) for idea in idea_ids for n, (uid, _) in enumerate(users) if (uid, idea) not in voted
    ]
    lua = out / "votes.lua"
    lines = ["local people = {"]
    lines += [f'  {{"{cookie}", "{csrf}"}},' for cookie, csrf in sessions]
    lines += ["}", "local pairs_ = {"]
    lines += [f"  {{{p}, {i}}}," for p, i in pairs]
    lines += [
        "}",
        f"local threads = {int(threads)}",
        "local made = 0",
        "function setup(thread)",  # in the main state: number each thread as wrk makes it
        "  made = made + 1",
        '  thread:set("id", made)',
        "end",
        "local n = 0",
        "request = function()",
        "  local pair = pairs_[n * threads + id]",
        "  n = n + 1",
        '  if pair == nil then return wrk.format("GET", "/healthz") end',
        "  local who = people[pair[1]]",
        "  local headers = {}",
        '  headers["Cookie"] = who[1]',
        '  headers["X-CSRFToken"] = who[2]',
        '  headers["HX-Request"] = "true"',
        '  headers["Content-Type"] = "application/x-www-form-urlencoded"',
        f'  headers["User-Agent"] = "{USER_AGENT}"',  # as signed in: wrk.format's headers replace -H's
        '  return wrk.format("POST", "/i/" .. pair[2] .. "/vote", headers, "csrf_token=" .. who[2])',
        "end",
    ]
    lua.write_text("\n".join(lines) + "\n")
    return {
        "script": lua,
        "pairs": len(pairs),
        "ideas": list(idea_ids),
        "users": [u for u, _ in users],
        "before": sum(1 for uid, _ in voted if uid in chosen),  # their votes on these ideas before the run
        "threads": threads,
    }


def run(base: str, plan: dict, duration: int, connections: int, wrk) -> dict:
    """One bounded run of the vote script with bench/run.py's `wrk`. Only the votes answered 2xx count as
    throughput (`rps`); the others (a 409 would be a pair sent twice) are reported in `non2xx`."""
    result = wrk(base + "/", duration, connections, script=plan["script"], threads=plan.get("threads", 1))
    if result["requests"] >= plan["pairs"]:
        raise SystemExit("the vote script ran out of (person, idea) pairs: lower --duration")
    if result["requests"]:
        result["rps"] *= (result["requests"] - result["non2xx"]) / result["requests"]
    return result


def check(database_url: str, plan: dict, answered_2xx: int) -> dict:
    """Votes stored by the run, and ideas whose counter disagrees with their rows."""
    engine = create_engine(database_url)
    ids = ",".join(map(str, plan["ideas"]))
    users = ",".join(map(str, plan["users"]))
    with engine.connect() as conn:
        now = conn.scalar(
            text(f"SELECT count(*) FROM votes WHERE idea_id IN ({ids}) AND user_id IN ({users})")  # noqa: S608
        )
        stored = now - plan["before"]
        wrong = conn.scalar(
            text(
                f"SELECT count(*) FROM ideas WHERE id IN ({ids}) AND vote_count <> "  # noqa: S608
                "(SELECT count(*) FROM votes WHERE votes.idea_id = ideas.id)"
            )
        )
    engine.dispose()
    return {
        "stored": stored,
        "answered": answered_2xx,
        "lost": max(0, answered_2xx - stored),
        "miscounted": wrong,
    }
