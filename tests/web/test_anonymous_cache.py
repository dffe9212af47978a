"""The anonymous page cache: only for visitors without cookies, nonce fresh on every copy, short-lived."""

import re

import pytest

from cocreate.ideas.services import do_vote
from cocreate.web import anonymous_cache
from tests.factories import BoardFactory, IdeaFactory, UserFactory


@pytest.fixture
def cache_on(app):
    app.config["ANON_CACHE_SECONDS"] = 60
    anonymous_cache.clear()
    yield
    app.config["ANON_CACHE_SECONDS"] = 0
    anonymous_cache.clear()


def _nonces(response):
    header = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    body = set(re.findall(r'nonce="([^"]+)"', response.get_data(as_text=True)))
    return header, body


def test_anonymous_hits_the_cache_with_a_fresh_nonce(app, session, cache_on):
    idea = IdeaFactory(board=BoardFactory(slug="app"))
    voter = UserFactory()
    session.commit()
    anonymous = app.test_client()
    first = anonymous.get("/b/app")
    assert first.headers["X-Anonymous-Cache"] == "miss"
    do_vote(session, actor=voter, idea=idea)
    session.commit()
    second = anonymous.get("/b/app")
    assert second.headers["X-Anonymous-Cache"] == "hit"
    assert b"<html" in second.get_data()
    header, body = _nonces(second)
    assert body == {header} and header != _nonces(first)[0]
    # Within the TTL the anonymous copy may lag by one vote; a different URL is its own entry.
    assert anonymous.get("/b/app?sort=top").headers["X-Anonymous-Cache"] == "miss"


def test_signed_in_people_always_get_a_fresh_page(app, client, session, cache_on):
    idea = IdeaFactory(board=BoardFactory(slug="app"))
    voter = UserFactory()
    session.commit()
    client.sign_in(voter)
    client.get("/b/app")
    client.post_form(f"/i/{idea.id}/vote", htmx=True)
    response = client.get("/b/app")
    assert "X-Anonymous-Cache" not in response.headers
    assert 'class="vote-box voted"' in response.get_data(as_text=True)


def test_errors_are_not_cached(app, session, cache_on):
    anonymous = app.test_client()
    assert anonymous.get("/b/missing").status_code == 404
    assert "X-Anonymous-Cache" not in anonymous.get("/b/missing").headers
