"""Sign-up, sign-in, sign-out over HTTP: session rotation, copied cookies dying, CSRF, redirects."""

from sqlalchemy import func, select

from cocreate.accounts.models import User
from tests.factories import PASSWORD, UserFactory


def _session_cookie(client):
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def test_register_signs_in_and_lands_on_boards(client, session):
    response = client.post_form(
        "/register",
        {
            "email": "new@example.com",
            "username": "newbie",
            "display_name": "New B",
            "password": "long password 1",
        },
    )
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "@newbie" in page and "Sign out" in page


def test_register_errors_are_shown_and_nothing_is_written(client, session):
    UserFactory(email="taken@example.com")
    session.commit()
    response = client.post_form(
        "/register", {"email": "taken@example.com", "username": "fresh_name", "password": "long password 1"}
    )
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True)
    response = client.post_form(
        "/register", {"email": "x@example.com", "username": "ok_name", "password": "short"}
    )
    assert response.status_code == 422
    session.commit()
    assert session.scalar(select(func.count(User.id))) == 1


def test_wrong_password_is_a_form_error(client, session):
    user = UserFactory()
    session.commit()
    response = client.post_form("/login", {"email": user.email, "password": "not the password"})
    assert response.status_code == 422
    assert "do not match" in response.get_data(as_text=True)


def test_session_is_rotated_at_sign_in(client, session):
    user = UserFactory()
    session.commit()
    client.get("/login")
    with client.session_transaction() as s:
        s["planted"] = "by an attacker"
    client.sign_in(user)
    with client.session_transaction() as s:
        assert "planted" not in s


def test_copied_cookie_dies_at_sign_out(app, client, session):
    user = UserFactory()
    session.commit()
    client.sign_in(user)
    stolen = _session_cookie(client)
    assert client.get("/b/nowhere/new").status_code == 404  # signed in: reaches the board lookup
    client.post_form("/logout")
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/b/nowhere/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_needs_csrf(client, session):
    user = UserFactory()
    session.commit()
    client.sign_in(user)
    response = client.post("/logout")
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)
    assert "Sign out" in client.get("/").get_data(as_text=True)


def test_next_only_follows_local_paths(client, session):
    user = UserFactory()
    session.commit()
    response = client.post_form(
        "/login?next=https://evil.example/", {"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"
    client.post_form("/logout")
    response = client.post_form(
        "/login?next=/u/" + user.username, {"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == f"/u/{user.username}"


def test_profile_lists_ideas_votes_and_comments(client, session):
    from cocreate.ideas.services import do_add_comment, do_vote
    from tests.factories import BoardFactory, IdeaFactory

    user = UserFactory(username="casey")
    IdeaFactory(author=user, title="Casey's idea")
    other = IdeaFactory(title="Someone else's idea")
    hidden = IdeaFactory(title="Secret plan", board=BoardFactory(is_private=True, allowed_roles="product"))
    do_vote(session, actor=user, idea=other)
    do_add_comment(session, actor=user, idea=other, body="A thoughtful remark")
    hidden.author = user
    session.commit()
    page = client.get("/u/casey").get_data(as_text=True)
    assert "Casey&#39;s idea" in page and "Someone else&#39;s idea" in page and "A thoughtful remark" in page
    assert "Secret plan" not in page
    # The idea on the private board is not counted either.
    assert "Ideas (1)" in page and "Votes (1)" in page and "Comments (1)" in page
    assert client.get("/u/nobody_at_all").status_code == 404


def test_the_browser_identifier_is_flask_logins_own(app):
    """Session protection compares a browser identifier on every signed-in request; ours, worked out once
    per address and agent, is the very one Flask-Login makes (sessions it stamped stay good), for every
    shape of the headers."""
    from flask_login.utils import _create_identifier

    from cocreate.accounts.session import _browser_identifier

    cases = [
        {},
        {"User-Agent": "Mozilla/5.0 (X11) Firefox/133.0"},
        {"User-Agent": "ünïcode agent", "X-Forwarded-For": "203.0.113.9, 10.0.0.1"},
        {"X-Forwarded-For": " 198.51.100.4 "},
    ]
    seen = set()
    for headers in cases:
        for address in ("127.0.0.1", "2001:db8::1"):
            with app.test_request_context("/", headers=headers, environ_base={"REMOTE_ADDR": address}):
                assert _browser_identifier() == _create_identifier()
                assert _browser_identifier() == _create_identifier()  # and again, from what it kept
                seen.add(_browser_identifier())
    assert len(seen) == 6  # X-Forwarded-For, when sent, stands for the address
