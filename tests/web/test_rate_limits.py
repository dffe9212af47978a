"""Rate limits on the web (cocreate/web/limits.py): sign-in per address and per account, sign-up per address,
posting and voting per person with more room for higher tiers. The N+1th request gets 429 with Retry-After
and nothing of it is saved; with Redis every worker counts together."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from cocreate.ideas.models import Idea, Vote
from cocreate.rewards.models import RewardAccount
from cocreate.web.limits import CLASSES
from cocreate.web.ratelimit import RateLimiter
from tests.factories import PASSWORD, BoardFactory, IdeaFactory, UserFactory


@pytest.fixture
def limits(app):
    """Small limits for the test, restored after it. The limiter's clock stands still 10 s into an hour, so
    every window of the test (300, 600 and 3,600 s, fixed windows) is the same from its first request to
    its last: a test that ran across a window's end saw its count start again (it did, once)."""
    before = app.config["RATE_LIMITS"]
    app.config["RATE_LIMITS"] = {"signin": (3, 300), "signup": (2, 3600), "post": (2, 600), "vote": (4, 600)}
    limiter = app.extensions["cocreate_ratelimiter"]
    clock, still = limiter.clock, time.time() // 3600 * 3600 + 10
    limiter.clock = lambda: still
    yield app.config["RATE_LIMITS"]
    limiter.clock = clock
    app.config["RATE_LIMITS"] = before


def refused(response) -> str:
    assert response.status_code == 429, response.status_code
    assert 1 <= int(response.headers["Retry-After"]) <= 3600
    return response.get_data(as_text=True)


def test_every_limited_endpoint_exists_and_takes_posts(app):
    rules = {r.endpoint: r.methods for r in app.url_map.iter_rules()}
    for endpoint in CLASSES:
        assert "POST" in rules[endpoint], endpoint


def test_sign_in_attempts_are_limited_per_address(client, session, limits):
    UserFactory(email="ada@example.com")
    session.commit()
    for _ in range(3):
        wrong = client.post_form("/login", {"email": "ada@example.com", "password": "guess"})
        assert wrong.status_code == 422
    fourth = client.post_form("/login", {"email": "ada@example.com", "password": PASSWORD})
    assert "Too many sign-in attempts" in refused(fourth) and "nothing was saved" in refused(fourth)
    assert client.get("/notifications").status_code == 302  # the right password did not sign in
    other = client.post_form("/login", {"email": "someone@example.com", "password": "x"})
    refused(other)  # the same address, another account: still limited


def test_guesses_from_many_addresses_meet_the_limit_of_the_account(client, session, limits):
    UserFactory(email="ada@example.com")
    session.commit()
    codes = [
        client.post_form(
            "/login",
            {"email": "ada@example.com", "password": f"guess {n}"},
            environ_base={"REMOTE_ADDR": f"198.51.100.{n}"},
        ).status_code
        for n in range(4)
    ]
    assert codes == [422, 422, 422, 429]


def test_a_member_who_votes_too_fast_is_refused_and_the_vote_is_not_saved(client, session, limits):
    board = BoardFactory()
    ideas = [IdeaFactory(board=board) for _ in range(6)]
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    codes = [client.post_form(f"/i/{i.id}/vote", htmx=True).status_code for i in ideas[:5]]
    assert codes[:4] == [200] * 4 and codes[4] == 429
    session.rollback()
    assert session.scalar(select(func.count(Vote.id)).where(Vote.user_id == member.id)) == 4


def test_higher_tiers_get_more_room(client, session, limits):
    board = BoardFactory()
    ideas = [IdeaFactory(board=board) for _ in range(12)]
    creator = UserFactory()
    session.add(RewardAccount(user_id=creator.id, tier="co_creator", lifetime=2500, balance=2500))
    session.commit()
    client.sign_in(creator)
    codes = [client.post_form(f"/i/{i.id}/vote", htmx=True).status_code for i in ideas[:11]]
    assert codes == [200] * 10 + [429]  # 4 x 2.5


def test_staff_recording_for_customers_get_ten_times_the_room(client, session, limits):
    board = BoardFactory()
    ideas = [IdeaFactory(board=board) for _ in range(41)]
    staff = UserFactory(role="product")
    session.commit()
    client.sign_in(staff)
    codes = [client.post_form(f"/i/{i.id}/vote", htmx=True).status_code for i in ideas]
    assert codes == [200] * 40 + [429]  # 4 x 10


def test_posting_is_limited_and_the_form_keeps_nothing_half_saved(client, session, limits):
    board = BoardFactory(slug="kitchen")
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    made = [
        client.post_form("/b/kitchen/new", {"title": f"Idea number {n}", "body": "text"}).status_code
        for n in range(3)
    ]
    assert made[:2] == [302, 302]
    assert made[2] == 429
    session.rollback()
    assert session.scalar(select(func.count(Idea.id)).where(Idea.board_id == board.id)) == 2


def test_sign_ups_are_limited_per_address(client, session, limits):
    codes = []
    for n in range(3):
        form = {
            "email": f"new{n}@example.com",
            "username": f"newbie{n}",
            "display_name": f"New {n}",
            "password": "a long enough password",
            "confirm": "a long enough password",
        }
        codes.append(client.post_form("/register", form).status_code)
    assert codes == [302, 302, 429]


def test_workers_on_one_redis_share_the_counts(app, client, session, limits):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        connection = redis.Redis.from_url(url)
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    for key in connection.scan_iter("cocreate:rl:web:signin:*"):
        connection.delete(key)
    UserFactory(email="ada@example.com")
    session.commit()
    shared = app.extensions["cocreate_ratelimiter"]
    worker_a, worker_b = RateLimiter(url), RateLimiter(url)
    try:
        codes = []
        for worker in (worker_a, worker_b, worker_a, worker_b):
            app.extensions["cocreate_ratelimiter"] = worker
            codes.append(
                client.post_form("/login", {"email": "ada@example.com", "password": "x"}).status_code
            )
    finally:
        app.extensions["cocreate_ratelimiter"] = shared
        for key in connection.scan_iter("cocreate:rl:web:signin:*"):
            connection.delete(key)
    assert codes == [422, 422, 422, 429]


def test_concurrent_web_votes_take_the_write_lock_up_front(app, session):
    """Regression: the rate limit looks up the person (and their tier) before the view; that must not start
    a read transaction that a vote then has to upgrade (SQLite refuses the upgrade under a concurrent
    writer: "database is locked"). Every vote from 8 people on 5 ideas at once is stored, none fails."""
    from tests.concurrency import at_once
    from tests.fixtures.web import Client

    board = BoardFactory()
    ideas = [IdeaFactory(board=board) for _ in range(5)]
    people = [UserFactory() for _ in range(8)]
    session.commit()
    idea_ids = [i.id for i in ideas]
    clients = []
    for person in people:
        client = Client(app, app.response_class, use_cookies=True)
        client.sign_in(person)
        clients.append((client, client.csrf_token()))

    def vote_all(client, token):
        form, htmx = {"csrf_token": token}, {"HX-Request": "true"}
        return lambda: [client.post(f"/i/{i}/vote", data=form, headers=htmx).status_code for i in idea_ids]

    statuses = [code for codes in at_once([vote_all(*pair) for pair in clients]) for code in codes]
    assert statuses == [200] * 40
    session.rollback()
    assert session.scalar(select(func.count(Vote.id))) == 40
