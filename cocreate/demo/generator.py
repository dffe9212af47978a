"""Build a demo community in bulk: same seed, same community (times are relative to the load hour).

The demo reads as Trailhead's community (cocreate/demo/catalog.py): written ideas with their tags, threads
and the product team's notes, in an order of time that holds (a reply after its comment, a status change
after the idea, a vote after the idea was posted), and votes within every board's budget. A community larger
than the catalog (the benchmarks' 100k ideas) gets made-up ideas and comments for the rest.

Writes through Core bulk inserts rather than services (20,000 votes one by one would take minutes);
counters and scores are computed here exactly as the services would store them. No events are recorded.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from cocreate import append_only
from cocreate.accounts.models import Role, User
from cocreate.accounts.services import hash_password
from cocreate.demo import catalog as K
from cocreate.demo import content as C
from cocreate.demo.moderation import generate_moderation
from cocreate.demo.reviews import generate_reviews
from cocreate.extensions import db
from cocreate.ideas.models import (
    CLOSED_STATUSES,
    Board,
    Comment,
    Idea,
    Importance,
    StatusChange,
    Tag,
    Vote,
    idea_tags,
)
from cocreate.ideas.scoring import hot_score, trend_weight
from cocreate.insights.backfill import backfill
from cocreate.markup import plain_excerpt, render_markdown
from cocreate.tagging import thresholds

DEMO_PASSWORD = "trailhead-demo"  # noqa: S105  (public demo data, documented in the README)
DEMO_ACCOUNTS = [
    ("admin@demo.cocreate", "admin", "Alex Admin", Role.ADMIN),
    ("product@demo.cocreate", "paula", "Paula Product", Role.PRODUCT),
    ("moderator@demo.cocreate", "moe", "Moe Moderator", Role.MODERATOR),
    ("member@demo.cocreate", "mia", "Mia Member", Role.MEMBER),
]
# Staff who answer in the threads but do not sign in to the demo.
OTHER_STAFF = [("sam@demo.cocreate", "sam", "Sam Okafor", Role.PRODUCT)]
PAULA, SAM, MIA = 2, 5, 4  # ids, in the order above
STAFF_VOICES = {"Paula from the product team here": PAULA, "Sam from the stores team here": SAM}
BUDGETS = {"gear": 10}  # open votes per person; the other boards have none
MIA_ROOM = 5  # votes the demo member still has on each budgeted board straight after loading
BATCH = 5_000


def catalog_idea_count() -> int:
    return sum(len(ideas) for ideas in K.IDEAS.values())


def catalog_comment_count() -> int:
    return sum(
        len(c["replies"]) + 1 for ideas in K.IDEAS.values() for idea in ideas for c in idea["comments"]
    )


@dataclass(frozen=True)
class Size:
    users: int = 200
    ideas: int = 188  # the catalog's written ideas
    votes: int = 4_000
    comments: int = 376  # the catalog's written comments and replies


Progress = Callable[[int], None]


def _insert(session: Session, table, rows: list[dict], progress: Progress) -> None:
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        session.execute(insert(table), chunk)
        progress(len(chunk))


def database_is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count(User.id)))


# --- people -------------------------------------------------------------------------------------------------


def _people(rng: random.Random, size: Size, anchor: datetime, span: timedelta) -> list[dict]:
    """The demo accounts, the staff who answer in threads, then members with names from the catalog."""
    shared_hash = hash_password(DEMO_PASSWORD)
    founded = anchor - span - timedelta(days=30)
    people = [
        dict(
            id=i,
            email=email,
            username=username,
            display_name=name,
            password_hash=shared_hash,
            role=role.value,
            session_version=1,
            created_at=founded,
        )
        for i, (email, username, name, role) in enumerate([*DEMO_ACCOUNTS, *OTHER_STAFF], start=1)
    ][: size.users]
    names = [(f, last) for f in K.FIRST_NAMES for last in K.LAST_NAMES]
    rng.shuffle(names)
    seen = {p["username"] for p in people}
    for n, i in enumerate(range(len(people) + 1, size.users + 1)):
        first, last = names[n % len(names)]
        username = f"{first.lower()}_{last.lower()}".replace("'", "").replace(" ", "_")
        if username in seen:
            username = f"{username}{i}"
        seen.add(username)
        people.append(
            dict(
                id=i,
                email=f"{username}@example.com",
                username=username,
                display_name=f"{first} {last}",
                password_hash=shared_hash,
                role=Role.MEMBER.value,
                session_version=1,
                created_at=anchor - span * rng.random() - timedelta(days=30),
            )
        )
    return people


# --- ideas --------------------------------------------------------------------------------------------------

# How long ago an idea with this (final) status was posted, as a share of the demo's time span: shipped
# ideas are old, open ones mostly recent.
AGE = {
    "shipped": (0.55, 1.0),
    "in_progress": (0.4, 0.9),
    "planned": (0.3, 0.8),
    "declined": (0.25, 0.9),
    "under_review": (0.1, 0.6),
    "open": (0.0, 0.75),
    "expired": (0.7, 1.0),
}
PATHS = {
    "under_review": ["under_review"],
    "planned": ["under_review", "planned"],
    "in_progress": ["planned", "in_progress"],
    "shipped": ["planned", "in_progress", "shipped"],
    "declined": ["under_review", "declined"],
}
# A status draws votes: the team took up what many asked for.
PULL = {"shipped": 3.0, "in_progress": 2.6, "planned": 2.4, "under_review": 1.8, "open": 1.0, "declined": 0.8}


@dataclass
class Plan:
    """One idea before it gets its id (ids follow the order of time)."""

    board: str
    title: str
    body: str
    tags: list[str]
    status: str
    created: datetime
    pull: float
    notes: dict
    threads: list  # the catalog's comments, with their replies
    channel: str = "web"
    author: int | None = None


def _catalog_order() -> list[tuple[str, dict]]:
    """The written ideas, a board at a time in turn (any number of them comes from every board); the staff
    board's few come in now and then."""
    public = [slug for slug in K.IDEAS if slug != K.PRIVATE_BOARD["slug"]]
    turns = itertools.zip_longest(*(K.IDEAS[s] for s in public))
    order: list[tuple[str, dict]] = []
    private = list(K.IDEAS.get(K.PRIVATE_BOARD["slug"], []))
    for n, row in enumerate(turns):
        order += [(slug, idea) for slug, idea in zip(public, row, strict=True) if idea is not None]
        if n % 5 == 4 and private:
            order.append((K.PRIVATE_BOARD["slug"], private.pop(0)))
    return order + [(K.PRIVATE_BOARD["slug"], idea) for idea in private]


def _plans(rng: random.Random, size: Size, anchor: datetime, span: timedelta) -> list[Plan]:
    plans = []
    ranks: Counter = Counter()
    for slug, idea in _catalog_order()[: size.ideas]:
        low, high = AGE[idea["status"]]
        ranks[slug] += 1
        plans.append(
            Plan(
                board=slug,
                title=idea["title"],
                body=idea["body"],
                tags=list(idea["tags"]),
                status=idea["status"],
                created=anchor - span * rng.uniform(low, high),
                pull=PULL[idea["status"]] / ranks[slug] ** 0.6,
                notes=dict(idea.get("status_notes", {})),
                threads=list(idea.get("comments", [])),
                channel=rng.choices(["web", "api", "email", "kiosk"], weights=[12, 3, 2, 1])[0],
            )
        )
        if idea["status"] == "shipped" and idea.get("changelog"):
            plans[-1].notes["shipped"] = idea["changelog"]
    extra = size.ideas - len(plans)
    if extra > 0:
        plans += _made_up_plans(rng, extra, anchor, span)
    return plans


def _made_up_plans(rng: random.Random, count: int, anchor: datetime, span: timedelta) -> list[Plan]:
    """Ideas past the catalog's (the benchmarks' large communities): titles put together from each board's
    things, popularity by a power law, the private board getting few."""
    specs = [*C.BOARDS, C.PRIVATE_BOARD]
    weights = [10] * len(C.BOARDS) + [1]
    popularity = [1.0 / (rank**0.9) for rank in range(1, count + 1)]
    rng.shuffle(popularity)
    plans = []
    for n in range(count):
        spec = rng.choices(specs, weights=weights)[0]
        status = "open"
        if rng.random() < 0.12:
            status = rng.choices(
                ["under_review", "planned", "in_progress", "shipped", "declined"], weights=[4, 3, 2, 3, 1]
            )[0]
        tags = rng.sample(spec["tags"], k=min(len(spec["tags"]), rng.choice([0, 1, 1, 2])))
        plans.append(
            Plan(
                board=spec["slug"],
                title=_made_up_title(rng, spec["objects"]),
                body=_made_up_body(rng),
                tags=tags,
                status=status,
                created=anchor - span * (rng.random() ** 1.5),
                pull=popularity[n],
                notes={step: C.STATUS_NOTES[step] for step in PATHS.get(status, [])},
                threads=[],
                channel=rng.choices(["web", "api", "email", "kiosk"], weights=[12, 3, 2, 1])[0],
            )
        )
    return plans


def _made_up_title(rng: random.Random, objects: list[str]) -> str:
    obj = rng.choice(objects)
    title = rng.choice(C.TITLE_PATTERNS).format(
        obj=obj,
        Obj=obj[0].upper() + obj[1:],
        feature=rng.choice(C.FEATURES),
        verb=rng.choice(C.VERBS),
        context=rng.choice(C.CONTEXTS),
    )
    return title[0].upper() + title[1:]


def _made_up_body(rng: random.Random) -> str:
    body = " ".join(rng.sample(C.BODY_SENTENCES, rng.randint(2, 4)))
    if rng.random() < 0.3:
        body += "\n\n**What would help:**\n\n- " + "\n- ".join(rng.sample(C.FEATURES, 2))
    return body


def _authors(rng: random.Random, plans: list[Plan], members: list[int], staff: list[int]) -> None:
    """A few prolific members propose most ideas, as in any community; the staff board's are staff's."""
    shuffled = members[:]
    rng.shuffle(shuffled)
    weights = [1.0 / (rank**0.8) for rank in range(1, len(shuffled) + 1)]
    cum = list(itertools.accumulate(weights))
    for plan in plans:
        if plan.board == K.PRIVATE_BOARD["slug"] and staff:
            plan.author = rng.choice(staff)
        else:
            plan.author = shuffled[bisect.bisect_left(cum, rng.random() * cum[-1])]


# --- votes --------------------------------------------------------------------------------------------------


def _votes(
    rng: random.Random,
    size: Size,
    ideas: list[dict],
    pulls: list[float],
    members: list[int],
    budgets: dict[int, int],
    anchor: datetime,
    private: dict[int, list[int]],
) -> list[dict]:
    """Each member's votes, on ideas picked by their pull, cast after the idea was posted, never past a
    board's budget (counting open ideas only, as the service does), and leaving the demo member room. A
    private board's ideas get votes from the people who may see it (`private`: board id -> their ids)."""
    votes = []
    for idea in ideas:  # a private board's ideas: votes from those who may see them, part of the total
        for person in private.get(idea["board_id"], []):
            if rng.random() < 0.6 and len(votes) < size.votes:
                votes.append(_vote(idea, person, anchor, rng, customer=False))
    pulls = [0.0 if idea["board_id"] in private else pull for idea, pull in zip(ideas, pulls, strict=True)]
    cum = list(itertools.accumulate(pulls))
    per_user = Counter(rng.choices(members, k=size.votes - len(votes)))
    open_held: Counter = Counter()  # (user, board) -> open votes held on a budgeted board
    closed = {s.value for s in CLOSED_STATUSES}
    for user_id in members:
        want = min(per_user[user_id], len(ideas))
        chosen: set[int] = set()
        tries = 0
        while len(chosen) < want and tries < want * 20:
            tries += 1
            idx = bisect.bisect_left(cum, rng.random() * cum[-1])
            if idx in chosen:
                continue
            idea = ideas[idx]
            budget = budgets.get(idea["board_id"])
            if budget is not None and idea["status"] not in closed and idea["moderation_state"] == "approved":
                room = budget - (MIA_ROOM if user_id == MIA else 0)
                if open_held[(user_id, idea["board_id"])] >= room:
                    continue
                open_held[(user_id, idea["board_id"])] += 1
            chosen.add(idx)
        for idx in chosen:
            votes.append(_vote(ideas[idx], user_id, anchor, rng, customer=True))
    votes.sort(key=lambda v: v["created_at"])
    for v_id, vote in enumerate(votes, start=1):
        vote["id"] = v_id
    return votes


# --- comments -----------------------------------------------------------------------------------------------


def _vote(idea: dict, user_id: int, anchor: datetime, rng: random.Random, *, customer: bool) -> dict:
    """A vote row, cast some time between the idea's posting and now: a customer's from any channel, mostly
    "nice to have"; a private board's (staff) on the web, of any importance."""
    posted = idea["created_at"]
    created_at = posted + (anchor - posted) * rng.random()
    if customer:
        importance = rng.choices(list(Importance), weights=[6, 3, 1])[0]
        channel = rng.choices(["web", "api", "kiosk"], weights=[8, 3, 1])[0]
    else:
        importance, channel = rng.choice(list(Importance)), "web"
    row = dict(idea_id=idea["id"], user_id=user_id, created_at=created_at)
    return row | dict(importance=importance.value, channel=channel)


def _voice(body: str) -> tuple[str, int | None]:
    """A staff reply's author, by how it starts ("Paula from the product team here: ...")."""
    for opening, staff_id in STAFF_VOICES.items():
        if body.startswith(opening):
            return body, staff_id
    return body, None


def _comments(
    rng: random.Random,
    size: Size,
    plans: list[Plan],
    ideas: list[dict],
    members: list[int],
    people: set[int],
    anchor: datetime,
) -> list[dict]:
    """The catalog's threads on their ideas (replies after the comment they answer), then made-up comments
    for a community larger than the catalog."""
    comments: list[dict] = []

    def add(idea: dict, body: str, author: int, created: datetime, parent: int | None) -> int:
        c_id = len(comments) + 1
        comments.append(
            dict(
                id=c_id,
                idea_id=idea["id"],
                author_id=author,
                parent_id=parent,
                body=body,
                body_html=render_markdown(body),
                channel="web",
                created_at=created,
            )
        )
        return c_id

    def someone_else(*not_these: int) -> int:
        while True:
            person = rng.choice(members)
            if person not in not_these or len(members) <= len(not_these):
                return person

    for plan, idea in zip(plans, ideas, strict=True):
        for thread in plan.threads:
            if len(comments) >= size.comments:
                break
            posted = idea["created_at"]
            when = posted + (anchor - posted) * rng.uniform(0.02, 0.6)
            body, staff = _voice(thread["body"])
            author = staff if staff in people else someone_else(idea["author_id"])
            parent = add(idea, body, author, when, None)
            for reply in thread.get("replies", []):
                if len(comments) >= size.comments:
                    break
                when = when + (anchor - when) * rng.uniform(0.05, 0.5)
                body, staff = _voice(reply)
                add(idea, body, staff if staff in people else someone_else(author), when, parent)
    roots: dict[int, list[int]] = {}
    cum = list(itertools.accumulate(i["vote_count"] + 1 for i in ideas))
    while len(comments) < size.comments:
        idea = ideas[bisect.bisect_left(cum, rng.random() * cum[-1])]
        posted = idea["created_at"]
        parent = None
        if roots.get(idea["id"]) and rng.random() < 0.35:
            parent = rng.choice(roots[idea["id"]])
        start = comments[parent - 1]["created_at"] if parent else posted
        c_id = add(
            idea, rng.choice(C.COMMENTS), rng.choice(members), start + (anchor - start) * rng.random(), parent
        )
        if parent is None:
            roots.setdefault(idea["id"], []).append(c_id)
    return comments


# --- the whole community ------------------------------------------------------------------------------------


def generate(
    session: Session,
    size: Size,
    *,
    seed: int = 42,
    progress: Progress = lambda n: None,
    uploads: Path | None = None,
) -> dict:
    """Insert the community; returns counts. Expects an empty database."""
    rng = random.Random(seed)
    anchor = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    span = timedelta(days=540)

    users = _people(rng, size, anchor, span)
    _insert(session, User.__table__, users, progress)
    staff_ids = [u["id"] for u in users if u["role"] != Role.MEMBER.value]
    member_ids = [u["id"] for u in users if u["role"] == Role.MEMBER.value]

    # Boards and their tags.
    specs = [
        *({"slug": slug, **board} for slug, board in K.BOARDS.items()),
        K.PRIVATE_BOARD,
    ]
    boards, tags, tag_ids = [], [], {}
    tag_id = itertools.count(1)
    for b_id, spec in enumerate(specs, start=1):
        boards.append(
            dict(
                id=b_id,
                slug=spec["slug"],
                name=spec["name"],
                description=spec["description"],
                is_private="allowed_roles" in spec,
                allowed_roles=spec.get("allowed_roles", ""),
                vote_budget=BUDGETS.get(spec["slug"]),
                idea_count=0,
                created_at=anchor - span - timedelta(days=1),
            )
        )
        for name in spec["tags"]:
            t = dict(id=next(tag_id), board_id=b_id, slug=name.lower(), name=name)
            tags.append(t)
            tag_ids[(spec["slug"], name)] = t["id"]
    board_id = {b["slug"]: b["id"] for b in boards}

    # Ideas, in the order of time they were posted.
    plans = _plans(rng, size, anchor, span)
    _authors(rng, plans, member_ids or staff_ids, [s for s in staff_ids if s in (PAULA, 3)])
    plans.sort(key=lambda p: p.created)
    ideas, links, status_rows = [], [], []
    for i_id, plan in enumerate(plans, start=1):
        b_id = board_id[plan.board]
        ideas.append(
            dict(
                id=i_id,
                board_id=b_id,
                author_id=plan.author,
                title=plan.title,
                body=plan.body,
                body_html=render_markdown(plan.body),
                excerpt=plain_excerpt(plan.body),
                channel=plan.channel,
                status=plan.status,
                vote_count=0,
                comment_count=0,
                hot_score=0.0,
                trend_score=0.0,
                created_at=plan.created,
                updated_at=plan.created,
                moderation_state="approved",
            )
        )
        boards[b_id - 1]["idea_count"] += 1
        links += [
            dict(idea_id=i_id, tag_id=tag_ids[(plan.board, t)])
            for t in plan.tags
            if (plan.board, t) in tag_ids
        ]
        previous, when = "open", plan.created
        for step in PATHS.get(plan.status, []):
            when = when + (anchor - when) * rng.uniform(0.1, 0.5)
            status_rows.append(
                dict(
                    idea_id=i_id,
                    actor_id=PAULA if len(users) >= PAULA else None,
                    old_status=previous,
                    new_status=step,
                    note=plan.notes.get(step, ""),
                    created_at=when,
                )
            )
            previous = step

    budgets = {board_id[slug]: budget for slug, budget in BUDGETS.items() if slug in board_id}
    voters = member_ids or staff_ids
    private = {
        b["id"]: [
            u["id"] for u in users if u["role"] in b["allowed_roles"].split(",") or u["role"] == "admin"
        ]
        for b in boards
        if b["is_private"]
    }
    votes = _votes(rng, size, ideas, [p.pull for p in plans], voters, budgets, anchor, private)
    counts, trend = Counter(), Counter()
    for vote in votes:
        counts[vote["idea_id"]] += 1
        trend[vote["idea_id"]] += trend_weight(vote["created_at"])
    for idea in ideas:
        idea["vote_count"] = counts[idea["id"]]
        idea["trend_score"] = trend[idea["id"]]
        idea["hot_score"] = hot_score(counts[idea["id"]], idea["created_at"])

    comments = _comments(rng, size, plans, ideas, voters, {u["id"] for u in users}, anchor)
    for comment in comments:
        ideas[comment["idea_id"] - 1]["comment_count"] += 1

    _insert(session, Board.__table__, boards, progress)
    _insert(session, Tag.__table__, tags, progress)
    _insert(session, Idea.__table__, ideas, progress)
    _insert(session, idea_tags, links, progress)
    _insert(session, Vote.__table__, votes, progress)
    _insert(session, Comment.__table__, comments, progress)
    _insert(session, StatusChange.__table__, status_rows, progress)
    review_count = generate_reviews(session, rng, anchor, voters, board_id, progress, uploads)
    _advance_sequences(session)
    backfill(session, thresholds(), workers=1)  # bulk rows carry no sentiment yet (commits per batch)
    stories = generate_moderation(session, rng, voters, uploads)["stories"] if uploads else 0
    return {
        "users": len(users),
        "boards": len(boards),
        "ideas": len(ideas),
        "votes": len(votes),
        "comments": len(comments),
        "status changes": len(status_rows),
        "reviews": review_count,
        "stories": stories,
    }


def expected_rows(size: Size) -> int:
    """Roughly how many rows generate() writes, for the progress bar."""
    return size.users + size.ideas * 2 + size.votes + size.comments + 2_000


def _advance_sequences(session: Session) -> None:
    """We inserted explicit ids; PostgreSQL's sequences must move past them."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in (
        "users",
        "boards",
        "tags",
        "ideas",
        "votes",
        "comments",
        "idea_status_changes",
        "products",
        "reviews",
        "helpful_votes",
        "order_records",
    ):
        session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) FROM {table}")  # noqa: S608
        )


def wipe(session: Session) -> None:
    """Delete every row of every table (children first), the append-only moderation log included."""
    with append_only.lifted(session.connection()):
        for table in reversed(db.metadata.sorted_tables):
            session.execute(table.delete())
    if session.get_bind().dialect.name == "postgresql":  # the shared search index lives outside the models
        session.execute(text("DELETE FROM search_documents"))
        session.execute(text("DELETE FROM search_words"))
    # The rows went by SQL: what the session still holds of them would clash with the new rows' numbers.
    session.expunge_all()
