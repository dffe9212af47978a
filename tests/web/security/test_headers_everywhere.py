"""Headers on every HTML answer of every GET route (as a visitor and as an admin): a CSP with a per-request
nonce and no unsafe-inline/unsafe-eval, object-src and base-uri 'none', frame-ancestors, nosniff and a
Referrer-Policy; HSTS only over HTTPS. Cookies: HttpOnly and SameSite always, Secure in production."""

from __future__ import annotations

import re

import pytest

from cocreate import create_app
from tests.factories import PASSWORD
from tests.fixtures.world import client_as, url_for_rule

NONCE = re.compile(r"script-src 'self' 'nonce-([A-Za-z0-9_-]{20,})'")


@pytest.mark.parametrize("role", ["anonymous", "admin"])
def test_every_html_answer_carries_the_security_headers(app, session, world, roomy_limits, role):
    client = client_as(app, session, world, role)
    checked, nonces = 0, set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        response = client.get(url_for_rule(rule, world), buffered=True)
        if response.mimetype != "text/html":
            continue
        where = f"{rule.rule} as {role}"
        csp = response.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, where
        match = NONCE.search(csp)
        assert match, where
        nonces.add(match.group(1))
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp, where
        assert response.headers["X-Content-Type-Options"] == "nosniff", where
        assert response.headers["Referrer-Policy"] in ("same-origin", "no-referrer"), where
        assert "Strict-Transport-Security" not in response.headers, where  # plain HTTP here
        checked += 1
    assert checked >= 50 and len(nonces) == checked  # a fresh nonce for every answer
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_production_cookies_are_secure_httponly_and_samesite(database_url, monkeypatch, tmp_path):
    from cocreate.extensions import db
    from tests.factories import UserFactory

    monkeypatch.setenv("COCREATE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-for-this-test-only")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("COCREATE_INSTANCE_PATH", str(tmp_path))
    production = create_app()
    assert production.config["SESSION_COOKIE_SECURE"] and production.config["REMEMBER_COOKIE_SECURE"]
    with production.app_context():
        user = UserFactory()
        db.session.commit()
        email = user.email
    client = production.test_client()
    page = client.get("/login", base_url="https://localhost").get_data(as_text=True)
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"|value="([^"]+)" name="csrf_token"', page
    )
    token = token.group(1) or token.group(2)
    answer = client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "remember": "y", "csrf_token": token},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/login"},  # over HTTPS the CSRF check also wants our Referer
    )
    cookies = answer.headers.getlist("Set-Cookie")
    assert answer.status_code == 302 and cookies
    for cookie in cookies:
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie
    with production.app_context():
        db.engine.dispose()
