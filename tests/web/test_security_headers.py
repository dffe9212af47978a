"""Every HTML page: CSP with a nonce and no unsafe-inline, nosniff, framing denied, no inline script."""

import re

import pytest

from tests.factories import BoardFactory, IdeaFactory, UserFactory


@pytest.fixture
def pages(session):
    idea = IdeaFactory(board=BoardFactory(slug="app"), author=UserFactory(username="sam"))
    session.commit()
    return [
        "/",
        "/b/app",
        f"/i/{idea.id}",
        f"/i/{idea.id}/history",
        "/u/sam",
        "/login",
        "/register",
        "/i/9999",
    ]


def test_headers_and_no_inline_scripts(client, pages):
    for url in pages:
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        assert re.search(r"script-src 'self' 'nonce-[A-Za-z0-9_-]{20,}'", csp)
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        html = response.get_data(as_text=True)
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'src="' in tag, f"inline script on {url}: {tag}"
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {url}"
        assert " style=" not in html, f"inline style on {url}"


def test_nonce_changes_per_request(client):
    first = client.get("/login").headers["Content-Security-Policy"]
    second = client.get("/login").headers["Content-Security-Policy"]
    assert first != second


def test_session_cookie_flags(client, session):
    user = UserFactory()
    session.commit()
    response = client.post_form("/login", {"email": user.email, "password": "correct-horse-battery"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_anonymous_browsing_sets_no_cookie(client, pages):
    for url in pages[:5]:
        assert "Set-Cookie" not in client.get(url).headers, url
