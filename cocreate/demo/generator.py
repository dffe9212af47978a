"""Build a demo community in bulk: same seed, same community (times are relative to the load hour).

Writes through Core bulk inserts rather than services (20,000 votes one by one would take minutes);
counters and scores are computed here exactly as the services would store them. No events are recorded.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from cocreate import append_only
from cocreate.accounts.models import Role, User
from cocreate.accounts.services import hash_password
from cocreate.demo import content as C
from cocreate.demo.moderation import generate_moderation
from cocreate.demo.reviews import generate_reviews
from cocreate.extensions import db
from cocreate.ideas.models import Board, Comment, Idea, Importance, Status, StatusChange, Tag, Vote, idea_tags
from cocreate.ideas.scoring import hot_score, trend_weight
from cocreate.insights.backfill import backfill
from cocreate.insights.tagging import thresholds
from cocreate.markup import plain_excerpt, render_markdown

DEMO_PASSWORD = "trailhead-demo"  # noqa: S105  (public demo data, documented in the README)
DEMO_ACCOUNTS = [
    ("admin@demo.cocreate", "admin", "Alex Admin", Role.ADMIN),
    ("product@demo.cocreate", "paula", "Paula Product", Role.PRODUCT),
    ("moderator@demo.cocreate", "moe", "Moe Moderator", Role.MODERATOR),
    ("member@demo.cocreate", "mia", "Mia Member", Role.MEMBER),
]
BATCH = 5_000


@dataclass(frozen=True)
class Size:
    users: int = 200
    ideas: int = 1_000
    votes: int = 20_000
    comments: int = 3_000


Progress = Callable[[int], None]


def _batches(rows: list[dict]) -> Iterator[list[dict]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _insert(session: Session, table, rows: list[dict], progress: Progress) -> None:
    for chunk in _batches(rows):
        session.execute(insert(table), chunk)
        progress(len(chunk))


def _title(rng: random.Random, objects: list[str]) -> str:
    obj = rng.choice(objects)
    title = rng.choice(C.TITLE_PATTERNS).format(
        obj=obj,
        Obj=obj[0].upper() + obj[1:],
        feature=rng.choice(C.FEATURES),
        verb=rng.choice(C.VERBS),
        context=rng.choice(C.CONTEXTS),
    )
    return title[0].upper() + title[1:]


def _body(rng: random.Random) -> str:
    sentences = rng.sample(C.BODY_SENTENCES, rng.randint(2, 4))
    body = " ".join(sentences)
    if rng.random() < 0.3:
        body += "\n\n**What would help:**\n\n- " + "\n- ".join(rng.sample(C.FEATURES, 2))
    return body


def database_is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count(User.id)))


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

    # People: the documented demo accounts, then generated members.
    shared_hash = hash_password(DEMO_PASSWORD)
    users = []
    for i, (email, username, name, role) in enumerate(DEMO_ACCOUNTS, start=1):
        users.append(
            dict(
                id=i,
                email=email,
                username=username,
                display_name=name,
                password_hash=shared_hash,
                role=role.value,
                session_version=1,
                created_at=anchor - span - timedelta(days=30),
            )
        )
    seen = {u["username"] for u in users}
    for i in range(len(users) + 1, size.users + 1):
        first, last = rng.choice(C.FIRST), rng.choice(C.LAST)
        username = f"{first.lower()}_{last.lower()}"
        if username in seen:
            username = f"{username}{i}"
        seen.add(username)
        users.append(
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
    _insert(session, User.__table__, users, progress)

    # Boards and their tags.
    board_specs = [*C.BOARDS, C.PRIVATE_BOARD]
    boards, tags, board_tags = [], [], {}
    tag_id = itertools.count(1)
    for b_id, spec in enumerate(board_specs, start=1):
        boards.append(
            dict(
                id=b_id,
                slug=spec["slug"],
                name=spec["name"],
                description=spec["description"],
                is_private="allowed_roles" in spec,
                allowed_roles=spec.get("allowed_roles", ""),
                vote_budget=10 if spec["slug"] == "gear" else None,
                idea_count=0,
                created_at=anchor - span - timedelta(days=1),
            )
        )
        board_tags[b_id] = []
        for name in spec["tags"]:
            t = dict(id=next(tag_id), board_id=b_id, slug=name.lower(), name=name)
            tags.append(t)
            board_tags[b_id].append(t["id"])

    # Ideas: spread over boards (the private one gets few), created over the last 18 months.
    weights = [10] * len(C.BOARDS) + [1]
    idea_board = rng.choices(range(1, len(boards) + 1), weights=weights, k=size.ideas)
    idea_created = sorted(anchor - span * (rng.random() ** 1.5) for _ in range(size.ideas))
    # Popularity follows a power law; an idea's votes come after it was posted.
    popularity = [1.0 / (rank**0.9) for rank in range(1, size.ideas + 1)]
    rng.shuffle(popularity)
    cum = list(itertools.accumulate(popularity))
    member_ids = [u["id"] for u in users]
    per_user = Counter(rng.choices(member_ids, k=size.votes))
    votes, counts, trend = [], Counter(), Counter()
    for user_id in member_ids:
        want = min(per_user[user_id], size.ideas)
        chosen: set[int] = set()
        while len(chosen) < want:
            r = rng.random() * cum[-1]
            chosen.add(bisect.bisect_left(cum, r))
        for idx in chosen:
            created = idea_created[idx] + (anchor - idea_created[idx]) * rng.random()
            votes.append(
                dict(
                    idea_id=idx + 1,
                    user_id=user_id,
                    created_at=created,
                    importance=rng.choices(list(Importance), weights=[6, 3, 1])[0].value,
                    channel=rng.choices(["web", "api", "kiosk"], weights=[8, 3, 1])[0],
                )
            )
            counts[idx + 1] += 1
            trend[idx + 1] += trend_weight(created)
    votes.sort(key=lambda v: v["created_at"])
    for v_id, vote in enumerate(votes, start=1):
        vote["id"] = v_id

    ideas, links, status_rows, statuses = [], [], [], {}
    closed_board_ids = {b["id"] for b in boards if b["vote_budget"]}
    for idx in range(size.ideas):
        i_id, b_id, created = idx + 1, idea_board[idx], idea_created[idx]
        spec = board_specs[b_id - 1]
        body = _body(rng)
        status = Status.OPEN
        if counts[i_id] > 25 or rng.random() < 0.12:
            status = rng.choices(
                [Status.UNDER_REVIEW, Status.PLANNED, Status.IN_PROGRESS, Status.SHIPPED, Status.DECLINED],
                weights=[4, 3, 2, 3, 1],
            )[0]
        if b_id in closed_board_ids and status == Status.OPEN and counts[i_id] > 8:
            status = Status.PLANNED
        statuses[i_id] = status
        ideas.append(
            dict(
                id=i_id,
                board_id=b_id,
                author_id=rng.choice(member_ids),
                title=_title(rng, spec["objects"]),
                body=body,
                body_html=render_markdown(body),
                excerpt=plain_excerpt(body),
                channel=rng.choices(["web", "api", "email", "kiosk"], weights=[12, 3, 2, 1])[0],
                status=status.value,
                vote_count=counts[i_id],
                comment_count=0,
                hot_score=hot_score(counts[i_id], created),
                trend_score=trend[i_id],
                created_at=created,
                updated_at=created,
            )
        )
        boards[b_id - 1]["idea_count"] += 1
        for t in rng.sample(board_tags[b_id], k=min(len(board_tags[b_id]), rng.choice([0, 1, 1, 2]))):
            links.append(dict(idea_id=i_id, tag_id=t))
        path = {
            Status.UNDER_REVIEW: [Status.UNDER_REVIEW],
            Status.PLANNED: [Status.UNDER_REVIEW, Status.PLANNED],
            Status.IN_PROGRESS: [Status.PLANNED, Status.IN_PROGRESS],
            Status.SHIPPED: [Status.PLANNED, Status.IN_PROGRESS, Status.SHIPPED],
            Status.DECLINED: [Status.UNDER_REVIEW, Status.DECLINED],
        }.get(status, [])
        previous, when = Status.OPEN, created
        for step in path:
            when = when + (anchor - when) * rng.uniform(0.1, 0.5)
            status_rows.append(
                dict(
                    idea_id=i_id,
                    actor_id=2,
                    old_status=previous.value,
                    new_status=step.value,
                    note=C.STATUS_NOTES[step.value],
                    created_at=when,
                )
            )
            previous = step

    # Comments: a third are replies; some mention someone.
    comments = []
    roots_by_idea: dict[int, list[int]] = {}
    for c_id in range(1, size.comments + 1):
        i_id = bisect.bisect_left(cum, rng.random() * cum[-1]) + 1
        author = rng.choice(member_ids)
        created = idea_created[i_id - 1] + (anchor - idea_created[i_id - 1]) * rng.random()
        parent = None
        if roots_by_idea.get(i_id) and rng.random() < 0.35:
            parent = rng.choice(roots_by_idea[i_id])
        body = rng.choice(C.COMMENTS)
        known = ()
        if rng.random() < 0.15:
            mentioned = users[rng.randrange(len(users))]["username"]
            body = f"@{mentioned} {body}"
            known = (mentioned,)
        comments.append(
            dict(
                id=c_id,
                idea_id=i_id,
                author_id=author,
                parent_id=parent,
                body=body,
                body_html=render_markdown(body, known),
                channel="web",
                created_at=created,
            )
        )
        if parent is None:
            roots_by_idea.setdefault(i_id, []).append(c_id)
        ideas[i_id - 1]["comment_count"] += 1

    _insert(session, Board.__table__, boards, progress)
    _insert(session, Tag.__table__, tags, progress)
    _insert(session, Idea.__table__, ideas, progress)
    _insert(session, idea_tags, links, progress)
    _insert(session, Vote.__table__, votes, progress)
    _insert(session, Comment.__table__, comments, progress)
    _insert(session, StatusChange.__table__, status_rows, progress)
    board_ids = {b["slug"]: b["id"] for b in boards}
    review_count = generate_reviews(session, rng, anchor, member_ids, board_ids, progress)
    _advance_sequences(session)
    backfill(session, thresholds(), workers=1)  # bulk rows carry no sentiment yet (commits per batch)
    stories = generate_moderation(session, rng, member_ids, uploads)["stories"] if uploads else 0
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
