"""Session cookies verified and CSRF tokens signed once per worker (cocreate/web/signatures.py): what is
remembered never lets in a cookie or a token that Flask and flask-wtf themselves would refuse."""

import re
from datetime import timedelta

from cocreate.web.signatures import RememberedCookieSessions
from tests.factories import IdeaFactory, UserFactory

META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def _cookie(client) -> str:
    return client.get_cookie("session").value


def test_a_remembered_cookie_opens_like_a_fresh_one_and_a_forged_one_never(app, client, session):
    interface = app.session_interface
    assert isinstance(interface, RememberedCookieSessions)
    user = UserFactory()
    session.commit()
    client.sign_in(user)
    cookie = _cookie(client)
    assert client.get("/rewards").status_code == 200
    assert any(key[1] == cookie for key in interface.opened._items)  # remembered…
    assert client.get("/rewards").status_code == 200  # …and opened from memory: still signed in
    for forged in (cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"), "." + cookie[1:][::-1]):
        client.set_cookie("session", forged)
        assert client.get("/rewards").status_code == 302  # sign in first: not accepted
        assert not any(key[1] == forged for key in interface.opened._items)
    client.set_cookie("session", cookie)
    assert client.get("/rewards").status_code == 200


def test_a_remembered_cookie_expires_with_the_session_lifetime(app, client, session, monkeypatch):
    user = UserFactory()
    session.commit()
    client.sign_in(user)
    assert client.get("/rewards").status_code == 200  # remembered now
    monkeypatch.setattr(app, "permanent_session_lifetime", timedelta(seconds=-1))
    assert client.get("/rewards").status_code == 302  # too old for Flask, so too old from memory


def test_sessions_holding_more_than_plain_values_are_opened_anew_each_time(app, client, session):
    """Flashed messages are a list that Flask changes in place: such a session is never shared."""
    idea, user = IdeaFactory(), UserFactory()
    session.commit()
    client.sign_in(user)
    client.post_form(f"/i/{idea.id}/comments", {"body": "Yes please"})  # flashes nothing on success…
    client.post_form(f"/i/{idea.id}/comments", {"body": ""})  # …an error is flashed
    with_flash = _cookie(client)
    assert not any(key[1] == with_flash for key in app.session_interface.opened._items)
    page = client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert "flash-error" in page
    assert "flash-error" not in client.get(f"/i/{idea.id}").get_data(as_text=True)  # shown once


def test_one_signed_csrf_token_per_session_that_flask_wtf_accepts(client, session, app):
    idea, first, second = IdeaFactory(), UserFactory(), UserFactory()
    session.commit()
    client.sign_in(first)
    tokens = {META.search(client.get("/").get_data(as_text=True))[1] for _ in range(3)}
    assert len(tokens) == 1
    token = tokens.pop()
    vote = client.post(f"/i/{idea.id}/vote", headers={"HX-Request": "true", "X-CSRFToken": token})
    assert vote.status_code == 200  # verified, and remembered by this worker from now on
    again = client.post(f"/i/{idea.id}/unvote", headers={"HX-Request": "true", "X-CSRFToken": token})
    assert again.status_code == 200
    other = app.test_client()
    other.post(
        "/login", data={"email": second.email, "password": "correct-horse-battery", "csrf_token": token}
    )  # another session: the first one's (remembered) token is refused, so this sign-in failed
    assert other.get("/rewards").status_code == 302
    other.get("/login")
    assert (
        client.post(f"/i/{idea.id}/unvote", headers={"HX-Request": "true", "X-CSRFToken": "x"}).status_code
        == 400
    )


def test_with_a_time_limit_tokens_are_signed_and_checked_every_time(client, session, app, monkeypatch):
    """Remembered tokens would outlive a WTF_CSRF_TIME_LIMIT: with one set, nothing is remembered and an
    expired token is refused even though it was accepted before."""
    import itsdangerous.timed

    idea, user = IdeaFactory(), UserFactory()
    session.commit()
    client.sign_in(user)
    monkeypatch.setitem(app.config, "WTF_CSRF_TIME_LIMIT", 60)
    token = META.search(client.get("/").get_data(as_text=True))[1]
    htmx = {"HX-Request": "true", "X-CSRFToken": token}
    assert client.post(f"/i/{idea.id}/vote", headers=htmx).status_code == 200
    later = itsdangerous.timed.time.time() + 3600
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    assert client.post(f"/i/{idea.id}/unvote", headers=htmx).status_code == 400  # expired: refused
    fresh = META.search(client.get("/").get_data(as_text=True))[1]
    assert fresh != token
    assert client.post(f"/i/{idea.id}/unvote", headers={**htmx, "X-CSRFToken": fresh}).status_code == 200
