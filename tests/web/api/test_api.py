"""The JSON API end to end: tokens made and revoked on the profile page, every endpoint with a token, the
web's rules for cookie requests, problem details for bad input, rate limits with Retry-After."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cocreate.api.models import ApiToken
from cocreate.api.tokens import do_create_token, hash_token
from cocreate.db import utcnow
from cocreate.ideas.models import Comment, Idea, Vote
from cocreate.ideas.services import do_create_idea
from cocreate.reviews.models import Review
from tests.concurrency import at_once
from tests.factories import BoardFactory, ProductFactory, UserFactory, open_program


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def make_token(session, user, scope="write", name="Phone app") -> str:
    _, plain = do_create_token(session, actor=user, name=name, scope=scope)
    return plain


def problem_of(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_tokens_are_made_shown_once_stored_hashed_and_revoked_on_the_profile_page(client, session):
    person = UserFactory()
    session.commit()
    assert client.get("/settings/tokens").status_code == 302  # sign in first
    client.sign_in(person)
    empty = client.post_form("/settings/tokens", {"name": "   ", "scope": "write"})
    assert empty.status_code == 422 and "Name the app" in empty.get_data(as_text=True)
    bad_scope = client.post_form("/settings/tokens", {"name": "Kiosk", "scope": "admin"})
    assert bad_scope.status_code == 422
    made = client.post_form("/settings/tokens", {"name": "Store kiosk", "scope": "write"})
    html = made.get_data(as_text=True)
    assert made.status_code == 200 and "shown only once" in html
    plain = html.split('<code class="token-value">')[1].split("</code>")[0]
    assert plain.startswith("cc_") and len(plain) > 40
    session.rollback()
    row = session.scalar(select(ApiToken))
    assert row.token_hash == hash_token(plain) and plain not in (row.prefix, row.token_hash)
    assert row.name == "Store kiosk" and row.scope == "write" and row.last_used_at is None
    listed = client.get("/settings/tokens").get_data(as_text=True)
    assert "Store kiosk" in listed and plain not in listed and "Never" in listed

    me = client.get("/api/v1/me", headers=bearer(plain))
    assert me.status_code == 200 and me.get_json()["token"] == {"name": "Store kiosk", "scope": "write"}
    session.rollback()
    assert session.scalar(select(ApiToken.last_used_at)) is not None

    other = UserFactory()
    session.commit()
    client.sign_in(other)
    assert client.post_form(f"/settings/tokens/{row.id}/revoke").status_code == 404  # not theirs
    client.sign_in(person)
    assert client.post_form(f"/settings/tokens/{row.id}/revoke").status_code == 302
    gone = client.get("/api/v1/me", headers=bearer(plain))
    assert problem_of(gone, 401)["detail"].startswith("This token is unknown or has been revoked")
    assert "invalid_token" in gone.headers["WWW-Authenticate"]


def test_a_write_token_proposes_votes_comments_and_reviews_stamped_with_the_api_channel(client, session):
    board = BoardFactory(slug="kitchen")
    product = ProductFactory(slug="kettle")
    person = UserFactory()
    token = make_token(session, person)
    session.commit()
    h = bearer(token)

    made = client.post(
        "/api/v1/boards/kitchen/ideas",
        json={"title": "Kettle that whistles softly", "body": "**Quiet**"},
        headers=h,
    )
    assert made.status_code == 201, made.get_data(as_text=True)
    idea = made.get_json()
    assert idea["channel"] == "api" and idea["body_html"] == "<p><strong>Quiet</strong></p>\n"
    assert made.headers["Location"] == f"/api/v1/ideas/{idea['id']}"
    assert (
        client.get(made.headers["Location"], headers=h).get_json()["title"] == "Kettle that whistles softly"
    )

    first = client.put(f"/api/v1/ideas/{idea['id']}/vote", json={"importance": "important"}, headers=h)
    assert first.status_code == 201 and first.get_json() == {
        "idea_id": idea["id"],
        "importance": "important",
        "vote_count": 1,
    }
    again = client.put(f"/api/v1/ideas/{idea['id']}/vote", json={"importance": "important"}, headers=h)
    assert again.status_code == 200 and again.get_json()["vote_count"] == 1  # idempotent
    changed = client.put(f"/api/v1/ideas/{idea['id']}/vote", json={"importance": "critical"}, headers=h)
    assert changed.status_code == 200 and changed.get_json()["importance"] == "critical"
    listed = client.get("/api/v1/boards/kitchen/ideas?sort=top", headers=h).get_json()
    assert listed["items"][0]["my_vote"] == "critical" and listed["next_cursor"] is None

    comment = client.post(f"/api/v1/ideas/{idea['id']}/comments", json={"body": "Also a light"}, headers=h)
    assert comment.status_code == 201 and comment.get_json()["channel"] == "api"
    reply = client.post(
        f"/api/v1/ideas/{idea['id']}/comments",
        json={"body": "Agreed", "parent_id": comment.get_json()["id"]},
        headers=h,
    )
    assert reply.get_json()["parent_id"] == comment.get_json()["id"]
    orphan = client.post(
        f"/api/v1/ideas/{idea['id']}/comments", json={"body": "?", "parent_id": 999}, headers=h
    )
    assert problem_of(orphan, 422)["errors"][0]["field"] == "parent_id"

    review = client.post(
        "/api/v1/products/kettle/reviews",
        json={"rating": 4, "title": "Boils fast", "body": "Loud"},
        headers=h,
    )
    assert review.status_code == 201 and review.get_json()["channel"] == "api"
    twice = client.post("/api/v1/products/kettle/reviews", json={"rating": 5, "title": "Again"}, headers=h)
    assert "already reviewed" in problem_of(twice, 409)["detail"]
    assert client.get("/api/v1/products/kettle/reviews").get_json()["items"][0]["title"] == "Boils fast"

    assert client.delete(f"/api/v1/ideas/{idea['id']}/vote", headers=h).status_code == 204
    assert (
        "not voted" in problem_of(client.delete(f"/api/v1/ideas/{idea['id']}/vote", headers=h), 409)["detail"]
    )

    session.rollback()
    app_name = session.scalar(select(ApiToken.name))
    assert session.execute(select(Idea.channel, Idea.via)).one() == ("api", app_name)
    assert set(session.execute(select(Comment.channel, Comment.via))) == {("api", app_name)}
    review_row = select(Review.channel, Review.via).where(Review.product_id == product.id)
    assert session.execute(review_row).one() == ("api", app_name)
    assert idea["via"] == app_name and comment.get_json()["via"] == app_name
    assert session.scalar(select(func.count(Vote.id))) == 0
    mine = client.get("/api/v1/me", headers=h).get_json()
    assert mine["contributions"] == {"ideas": 1, "votes": 0, "comments": 2, "reviews": 1}
    assert mine["points"] > 0  # the rewards ledger counted the API's contributions like the web's
    session.refresh(board)
    assert board.idea_count == 1


def test_lists_page_with_cursors_and_refuse_bad_ones(client, session):
    board = BoardFactory(slug="garden")
    person = UserFactory()
    ideas = [do_create_idea(session, actor=person, board=board, title=f"Garden idea {n}") for n in range(5)]
    session.commit()
    seen, cursor = [], None
    while True:
        url = "/api/v1/boards/garden/ideas?sort=new&limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url).get_json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [i.id for i in reversed(ideas)]
    for query in ("cursor=%%%", "cursor=", "limit=0", "limit=101", "limit=ten", "sort=best", "status=done"):
        problem_of(client.get(f"/api/v1/boards/garden/ideas?{query}"), 400)
    problem_of(client.get("/api/v1/boards/nowhere/ideas"), 404)
    problem_of(client.get("/api/v1/ideas/99999999999999"), 404)
    problem_of(client.get("/api/v1/nothing-here"), 404)
    assert client.post("/api/v1/boards").status_code == 405


def test_bad_bodies_and_credentials_get_problem_details_and_change_nothing(client, session):
    BoardFactory(slug="bath")
    person = UserFactory()
    reader, writer = make_token(session, person, scope="read"), make_token(session, person)
    session.commit()
    url = "/api/v1/boards/bath/ideas"
    problem_of(client.post(url, json={"title": "Anonymous idea"}), 401)
    problem_of(client.post(url, json={"title": "Bad scheme"}, headers={"Authorization": "Basic eDp5"}), 401)
    problem_of(client.post(url, json={"title": "Unknown"}, headers=bearer("cc_" + "x" * 43)), 401)
    assert (
        "only read"
        in problem_of(client.post(url, json={"title": "Reader"}, headers=bearer(reader)), 403)["detail"]
    )
    h = bearer(writer)
    problem_of(
        client.post(url, data="title=x", headers=h, content_type="application/x-www-form-urlencoded"), 415
    )
    problem_of(client.post(url, data="{not json", headers=h, content_type="application/json"), 400)
    problem_of(client.post(url, json=["a list"], headers=h), 422)
    missing = problem_of(client.post(url, json={}, headers=h), 422)
    assert missing["errors"] == [{"field": "title", "message": "This field is required."}]
    typed = problem_of(client.post(url, json={"title": 7, "tags": "x", "extra": 1}, headers=h), 422)
    assert {e["field"] for e in typed["errors"]} == {"title", "tags", "extra"}
    short = problem_of(client.post(url, json={"title": "  a "}, headers=h), 422)
    assert short["errors"][0]["field"] == "title"
    tags = problem_of(client.post(url, json={"title": "Tagged idea", "tags": ["nope"]}, headers=h), 422)
    assert "Unknown tag" in tags["detail"]
    # The schema's maxLength holds for the text as sent: 141 characters that trimming would bring to 140
    # are refused too (schemathesis sent one: a leading space and 140 more).
    padded = problem_of(client.post(url, json={"title": " " + "x" * 140}, headers=h), 422)
    assert padded["errors"] == [{"field": "title", "message": "At most 140 characters."}]
    huge = client.post(
        url, data='{"title": "' + "x" * (3 * 1024 * 1024) + '"}', headers=h, content_type="application/json"
    )
    problem_of(huge, 413)
    session.rollback()
    assert session.scalar(select(func.count(Idea.id))) == 0
    for odd in (
        {"title": "Nul\x00 byte idea"},
        {"title": "Lone \ud800 surrogate"},
        {"title": "Tags", "tags": ["\x00"]},
    ):
        assert "NUL" in problem_of(client.post(url, json=odd, headers=h), 422)["detail"]
    problem_of(client.get("/api/v1/boards/bath%00/ideas", headers=h), 404)
    problem_of(client.get("/api/v1/boards/bath/ideas?tag=%00", headers=h), 400)


def test_cookie_requests_follow_the_web_rules_csrf_included(client, session):
    BoardFactory(slug="desk")
    person = UserFactory()
    session.commit()
    client.sign_in(person)
    refused = client.post("/api/v1/boards/desk/ideas", json={"title": "Cookie without CSRF"})
    assert "CSRF" in problem_of(refused, 403)["detail"]
    token = client.csrf_token()
    made = client.post(
        "/api/v1/boards/desk/ideas", json={"title": "Cookie with CSRF"}, headers={"X-CSRFToken": token}
    )
    assert made.status_code == 201
    assert client.get("/api/v1/me").get_json()["token"] is None


def test_private_boards_and_the_ranking_follow_roles(client, session):
    secret = BoardFactory(slug="secret", is_private=True, allowed_roles="product")
    do_create_idea(session, actor=UserFactory(role="product"), board=secret, title="Unannounced thing")
    member, team = make_token(session, UserFactory()), make_token(session, UserFactory(role="product"))
    session.commit()
    assert [b["slug"] for b in client.get("/api/v1/boards", headers=bearer(member)).get_json()["items"]] == []
    problem_of(client.get("/api/v1/boards/secret/ideas", headers=bearer(member)), 404)
    assert client.get("/api/v1/boards/secret/ideas", headers=bearer(team)).status_code == 200
    problem_of(client.get("/api/v1/boards/secret/ranking", headers=bearer(member)), 403)
    ranked = client.get("/api/v1/boards/secret/ranking", headers=bearer(team)).get_json()
    assert ranked["items"][0]["rank"] == 1 and ranked["items"][0]["title"] == "Unannounced thing"


def test_beta_sign_up_and_withdraw(client, session):
    team = UserFactory(role="product")
    program = open_program(session, team=team, capacity=1, days=9)
    first, second = make_token(session, UserFactory()), make_token(session, UserFactory())
    session.commit()
    url = f"/api/v1/beta/programs/{program.slug}/signup"
    stale = client.post(url, json={"terms_version": 99}, headers=bearer(first))
    assert stale.status_code in (409, 422)
    seat = client.post(url, json={"terms_version": program.terms_version}, headers=bearer(first))
    assert seat.status_code == 201 and seat.get_json()["my_signup"]["status"] == "accepted"
    wait = client.post(url, json={"terms_version": program.terms_version}, headers=bearer(second)).get_json()
    assert wait["my_signup"]["status"] == "waitlisted" and wait["my_signup"]["waitlist_position"] == 1
    assert client.delete(url, headers=bearer(first)).status_code == 204
    listed = client.get("/api/v1/beta/programs", headers=bearer(second)).get_json()["items"][0]
    assert listed["my_signup"]["status"] == "accepted" and listed["seats_taken"] == 1


def test_rate_limits_answer_429_with_retry_after(client, session, app):
    person = UserFactory()
    token = make_token(session, person)
    session.commit()
    from cocreate.web.ratelimit import RateLimiter

    shared = app.extensions["cocreate_ratelimiter"]
    app.extensions["cocreate_ratelimiter"] = RateLimiter(None)  # counters of earlier tests' tokens left out
    app.config.update(API_RATE_LIMIT=3)
    try:
        answers = [client.get("/api/v1/me", headers=bearer(token)) for _ in range(4)]
    finally:
        app.config.update(API_RATE_LIMIT=300)
        app.extensions["cocreate_ratelimiter"] = shared
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[0].headers["RateLimit-Limit"] == "3" and answers[2].headers["RateLimit-Remaining"] == "0"
    limited = problem_of(answers[3], 429)
    assert 1 <= int(answers[3].headers["Retry-After"]) <= 60 and "Try again" in limited["detail"]


def test_two_workers_share_the_limit_through_redis():
    """Two limiters (two gunicorn workers) on one Redis count together; without Redis each counts alone."""
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    from cocreate.web.ratelimit import RateLimiter

    key = f"test:{utcnow().timestamp()}"
    one, two = RateLimiter(url), RateLimiter(url)
    results = [(one if n % 2 else two).hit(key, 5, 60).allowed for n in range(8)]
    assert results == [True] * 5 + [False] * 3
    alone_one, alone_two = RateLimiter(None), RateLimiter(None)
    assert [alone_one.hit(key, 5, 60).allowed for _ in range(5)] == [True] * 5
    assert alone_two.hit(key, 5, 60).allowed
    broken = RateLimiter("redis://127.0.0.1:1/0")  # nothing listens: counts in-process, never fails
    assert broken.hit(key, 1, 60).allowed and not broken.hit(key, 1, 60).allowed


def test_concurrent_votes_through_the_api_are_each_counted_once(app, session):
    board = BoardFactory(slug="race")
    idea = do_create_idea(session, actor=UserFactory(), board=board, title="Popular idea")
    tokens = [make_token(session, UserFactory()) for _ in range(12)]
    session.commit()
    idea_id = idea.id

    def vote(token):
        return lambda: (
            app.test_client().put(f"/api/v1/ideas/{idea_id}/vote", json={}, headers=bearer(token)).status_code
        )

    statuses = at_once([vote(t) for t in tokens * 2])  # every person twice at once
    assert sorted(statuses).count(201) == 12 and len(statuses) == 24
    assert all(s in (200, 201, 409) for s in statuses)
    session.rollback()
    assert session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea_id)) == 12
    assert session.scalar(select(Idea.vote_count).where(Idea.id == idea_id)) == 12
