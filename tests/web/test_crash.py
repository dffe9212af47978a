"""Crash test: a real gunicorn (2 sync workers) on 127.0.0.1 takes a bounded write load (votes, comments,
reviews through the API) and is killed with SIGKILL mid-load, master and workers at once. After a restart the
database is consistent on SQLite and PostgreSQL: every stored counter equals its rows, no contribution is
half-written (each has its domain event and its points), the outbox is intact, SQLite's integrity check
passes, and the restarted server takes writes again."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bench.serve import NotServing, free_port, start_gunicorn
from cocreate.api.tokens import do_create_token
from cocreate.events import EventRecord
from cocreate.ideas.models import Comment, Idea, Vote
from cocreate.outbox.models import OutboxMessage
from cocreate.reviews.models import Product, Review
from cocreate.rewards.models import LedgerEntry
from tests.factories import BoardFactory, IdeaFactory, ProductFactory, UserFactory

REQUESTS = 400  # bounded: the load stops after this many requests or 60 seconds


def _start(database_url: str, port: int, instance: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "crash-test-key",
        "COCREATE_ENV": "development",
        "COCREATE_INSTANCE_PATH": str(instance),
        "COCREATE_API_RATE_LIMIT": "100000",
        "COCREATE_API_WRITE_RATE_LIMIT": "100000",
    }
    env.pop("REDIS_URL", None)
    try:
        return start_gunicorn(env, port, quiet=True)
    except NotServing as exc:
        pytest.fail(str(exc))


def _call(base: str, method: str, path: str, token: str, body: dict) -> int:
    request = urllib.request.Request(  # noqa: S310 - 127.0.0.1 only
        base + path,
        data=json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0  # the server died under us


def test_sigkill_mid_load_leaves_a_consistent_database(app, session, database_url, tmp_path):
    board = BoardFactory(slug="crash")
    ideas = [IdeaFactory(board=board) for _ in range(5)]
    products = [ProductFactory(slug=f"p{n}") for n in range(3)]
    people = [UserFactory() for _ in range(40)]
    tokens = [do_create_token(session, actor=p, name="Load", scope="write")[1] for p in people]
    session.commit()
    idea_ids, slugs = [i.id for i in ideas], [p.slug for p in products]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(database_url, port, tmp_path / "instance")
    sent, answered, lock = [0], [], threading.Lock()
    deadline = time.monotonic() + 60

    def load(worker: int):
        rng = random.Random(worker)
        while time.monotonic() < deadline:
            with lock:
                if sent[0] >= REQUESTS:
                    return
                sent[0] += 1
                n = sent[0]
            token = tokens[rng.randrange(len(tokens))]
            kind = n % 3
            if kind == 0:
                code = _call(base, "PUT", f"/api/v1/ideas/{rng.choice(idea_ids)}/vote", token, {})
            elif kind == 1:
                body = {"body": f"Comment {n} with some words to tag"}
                code = _call(base, "POST", f"/api/v1/ideas/{rng.choice(idea_ids)}/comments", token, body)
            else:
                body = {"rating": rng.randint(1, 5), "title": f"Review {n}"}
                code = _call(base, "POST", f"/api/v1/products/{rng.choice(slugs)}/reviews", token, body)
            answered.append(code)

    threads = [threading.Thread(target=load, args=(w,)) for w in range(6)]
    for t in threads:
        t.start()
    while sent[0] < REQUESTS // 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(server.pid, signal.SIGKILL)  # master and workers, mid-request
    server.wait(timeout=30)
    for t in threads:
        t.join(timeout=60)
    assert any(code in (200, 201) for code in answered), "the load never reached the server"
    assert 0 in answered or sent[0] < REQUESTS, "the kill came after the load ended"

    restarted = _start(database_url, port, tmp_path / "instance")
    try:
        assert _call(base, "PUT", f"/api/v1/ideas/{idea_ids[0]}/vote", tokens[0], {}) in (200, 201)
    finally:
        os.killpg(restarted.pid, signal.SIGKILL)
        restarted.wait(timeout=30)

    session.rollback()
    if database_url.startswith("sqlite"):
        assert session.scalar(text("PRAGMA integrity_check")) == "ok"
    for idea in session.scalars(select(Idea).where(Idea.id.in_(idea_ids))).all():
        votes = session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea.id))
        comments = session.scalar(
            select(func.count(Comment.id)).where(
                Comment.idea_id == idea.id, Comment.moderation_state == "approved"
            )
        )
        assert (idea.vote_count, idea.comment_count) == (votes, comments)
    for product in session.scalars(select(Product)).all():
        reviews = session.execute(
            select(func.count(Review.id), func.coalesce(func.sum(Review.rating), 0)).where(
                Review.product_id == product.id, Review.moderation_state == "approved"
            )
        ).one()
        assert (product.review_count, product.rating_sum) == tuple(reviews)
    # No half-written contribution: each comment and review has exactly its event, each vote at least one,
    # and every points entry for a review points at a review that exists.
    for model, event_name, exact in (
        (Vote, "vote.cast", False),
        (Comment, "comment.added", True),
        (Review, "review.published", True),
    ):
        rows = session.scalar(select(func.count(model.id)))
        events = session.scalar(select(func.count(EventRecord.id)).where(EventRecord.name == event_name))
        assert events == rows if exact else events >= rows, (event_name, events, rows)
    dangling = select(func.count(LedgerEntry.id)).where(
        LedgerEntry.source_kind == "review", LedgerEntry.source_id.not_in(select(Review.id))
    )
    assert session.scalar(dangling) == 0
    for message in session.scalars(select(OutboxMessage)).all():
        assert message.status in ("pending", "sent", "dead") and isinstance(message.payload, dict)
