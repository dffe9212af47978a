"""Sign-in links and password reset by e-mail: sent through the outbox to a real SMTP server, single-use
(also under concurrent clicks), short-lived, the same answer for unknown addresses, and a reset that ends
every other session and lets a customer claim an unclaimed account."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select, update

from cocreate.accounts.customers import find_or_add_customer, is_unclaimed
from cocreate.accounts.links import do_send_link, do_use_link
from cocreate.accounts.models import EmailLink, User
from cocreate.db import utcnow
from cocreate.errors import Conflict
from cocreate.outbox import services as outbox
from cocreate.outbox.models import OutboxMessage
from cocreate.worker import senders
from tests.concurrency import race
from tests.factories import PASSWORD, UserFactory


def _link_from_mail(smtp_server, to: str) -> str:
    message = next(m for m in reversed(smtp_server.messages) if m["To"] == to)
    return re.search(r"https://community\.example(/\S+)", message.get_content()).group(1)


def test_a_sign_in_link_arrives_by_email_and_signs_in_once(app, client, session, smtp_server):
    ada = UserFactory(email="ada@example.com")
    session.commit()
    page = client.get("/login")
    assert "E-mail me a sign-in link" in page.get_data(as_text=True)
    asked = client.post_form("/login/email", {"email": " Ada@Example.com "})
    assert asked.status_code == 303
    assert "If an account uses" in client.get(asked.headers["Location"]).get_data(as_text=True)
    session.rollback()
    assert outbox.drain(session, senders(app.config)) == (1, 0)
    path = _link_from_mail(smtp_server, "ada@example.com")
    assert path.startswith("/login/link/")
    stored = session.scalar(select(EmailLink))
    assert path.rsplit("/", 1)[1] not in stored.token_hash  # only the hash is kept

    shown = client.get(path)  # a mail scanner's fetch spends nothing
    assert shown.status_code == 200 and "Sign in as" in shown.get_data(as_text=True)
    assert shown.headers["Cache-Control"] == "no-store" and shown.headers["Referrer-Policy"] == "no-referrer"
    assert client.get(path).status_code == 200
    signed_in = client.post_form(path)
    assert signed_in.status_code == 303
    assert client.get("/notifications").status_code == 200  # signed in
    client.post_form("/logout")
    again = client.post_form(path)
    assert again.status_code == 410 and "no longer works" in again.get_data(as_text=True)
    assert client.get(path).status_code == 410
    assert client.get("/notifications").status_code == 302
    assert ada.id


def test_unknown_addresses_get_the_same_answer_and_no_mail(client, session):
    UserFactory(email="ada@example.com")
    session.commit()
    texts = []
    for address in ("ada@example.com", "nobody@example.com"):
        answer = client.post_form("/reset", {"email": address})
        assert answer.status_code == 303
        page = client.get(answer.headers["Location"]).get_data(as_text=True)
        texts.append(re.sub(r'nonce="[^"]+"', "", page).replace(address, "…"))
    assert texts[0] == texts[1] and "If an account uses" in texts[0]
    session.rollback()
    assert [m.destination for m in session.scalars(select(OutboxMessage))] == ["ada@example.com"]
    empty = client.post_form("/reset", {"email": ""})
    assert empty.status_code == 422 and "This field is required" in empty.get_data(as_text=True)
    huge = client.post_form("/reset", {"email": "a" * 300 + "@example.com"})
    assert huge.status_code == 422


def test_links_expire_and_bad_tokens_are_gone_not_errors(client, session):
    UserFactory(email="ada@example.com")
    token = do_send_link(session, email="ada@example.com", purpose="signin")
    session.execute(update(EmailLink).values(expires_at=utcnow() - timedelta(seconds=1)))
    session.commit()
    assert client.get(f"/login/link/{token}").status_code == 410
    assert client.post_form(f"/login/link/{token}").status_code == 410
    for bad in ("x", "A" * 500, "%00", "..%2f..%2fetc"):
        assert client.get(f"/login/link/{bad}").status_code in (404, 410)
        assert client.get(f"/reset/{bad}").status_code in (404, 410)
    reset = do_send_link(session, email="ada@example.com", purpose="reset")
    session.commit()
    assert client.get(f"/login/link/{reset}").status_code == 410  # a reset link does not sign in


def test_a_reset_sets_the_password_ends_other_sessions_and_claims_an_unclaimed_account(app, client, session):
    ada = UserFactory(email="ada@example.com")
    customer, _ = find_or_add_customer(session, email="walk-in@example.com", display_name="Walk In")
    session.commit()
    other_device = app.test_client()
    other_device.sign_in(ada)
    assert other_device.get("/notifications").status_code == 200

    token = do_send_link(session, email="ada@example.com", purpose="reset")
    older = do_send_link(session, email="ada@example.com", purpose="reset")
    session.commit()
    page = client.get(f"/reset/{token}")
    assert page.status_code == 200 and "ada@example.com" in page.get_data(as_text=True)
    short = client.post_form(f"/reset/{token}", {"password": "short", "confirm": "short"})
    assert short.status_code == 422 and "at least 10" in short.get_data(as_text=True).lower()
    differ = client.post_form(
        f"/reset/{token}", {"password": "a new password 1", "confirm": "another one 22"}
    )
    assert differ.status_code == 422 and "differ" in differ.get_data(as_text=True)
    done = client.post_form(
        f"/reset/{token}", {"password": "a new password 1", "confirm": "a new password 1"}
    )
    assert done.status_code == 303
    assert client.get("/notifications").status_code == 200  # signed in here
    assert other_device.get("/notifications").status_code == 302  # and out everywhere else
    assert client.get(f"/reset/{older}").status_code == 410  # the other open link stopped working too
    client.post_form("/logout")
    assert client.post_form("/login", {"email": "ada@example.com", "password": PASSWORD}).status_code == 422
    client.sign_in(ada, password="a new password 1")

    client.post_form("/logout")
    assert (
        client.post_form("/login", {"email": "walk-in@example.com", "password": "!unclaimed"}).status_code
        == 422
    )
    session.rollback()  # end the snapshot the sign-ins read through, before writing
    claim = do_send_link(session, email="walk-in@example.com", purpose="reset")
    session.commit()
    assert client.post_form(f"/reset/{claim}", {"password": "my own password", "confirm": "my own password"})
    session.rollback()
    assert not is_unclaimed(session.get(User, customer.id))
    client.post_form("/logout")
    client.sign_in(session.get(User, customer.id), password="my own password")


def test_concurrent_clicks_on_one_link_sign_in_once(app, session):
    UserFactory(email="ada@example.com")
    token = do_send_link(session, email="ada@example.com", purpose="signin")
    session.commit()
    used = []

    def click(s):
        try:
            used.append(do_use_link(s, token=token, purpose="signin").id)
        except Conflict:
            used.append(None)
            raise

    result = race(app, [click for _ in range(6)])
    assert result.errors == [] and (result.ok, result.conflicts) == (1, 5)
    assert len([u for u in used if u]) == 1
