"""Chromium: a person signs in with an e-mail link, reads what we hold about them, gives a consent,
downloads their data and deletes their account, and a forgotten password is reset by link. No console
errors or CSP violations on the way."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from cocreate.accounts.models import Consent, User
from cocreate.ideas.services import do_create_idea
from cocreate.outbox.models import OutboxMessage
from tests.factories import PASSWORD, BoardFactory, UserFactory
from tests.fixtures.live_server import screenshot, sign_out

pytestmark = pytest.mark.browser


def _follow_emailed_link(page, session, ask: str, email: str) -> None:
    """From the sign-in page: the link named `ask`, the address, the request; then the e-mailed link."""
    page.goto("/login")
    page.get_by_role("link", name=ask).click()
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button", name="E-mail me a link").click()
    expect(page.get_by_text(f"If an account uses {email}")).to_be_visible()
    page.goto(_link(session, email))


def _link(session, to: str) -> str:
    session.rollback()
    message = session.scalars(
        select(OutboxMessage).where(OutboxMessage.destination == to).order_by(OutboxMessage.id.desc())
    ).first()
    return message.payload["link"]


def test_link_sign_in_privacy_page_consent_export_and_deletion(page, session):
    person = UserFactory(email="lea@example.com", display_name="Lea Lindqvist")
    UserFactory(role="admin")
    do_create_idea(session, actor=person, board=BoardFactory(), title="Lighter tent poles")
    session.commit()

    _follow_emailed_link(page, session, "E-mail me a sign-in link", "lea@example.com")
    expect(page.get_by_role("heading", name="Sign in as Lea Lindqvist")).to_be_visible()
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Welcome back, Lea Lindqvist!")).to_be_visible()

    page.goto("/u/" + person.username)
    page.get_by_role("link", name="Your data and privacy").click()
    expect(page.get_by_role("heading", name="What we know about you")).to_be_visible()
    expect(page.get_by_role("cell", name="lea@example.com")).to_be_visible()
    page.get_by_label("Invite me by e-mail to betas that test ideas I voted for").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("Your choices are saved.")).to_be_visible()
    expect(page.get_by_label("Invite me by e-mail to betas that test ideas I voted for")).to_be_checked()
    screenshot(page, "privacy-page")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download everything (JSON)").click()
    data = json.loads(download.value.path().read_text())
    assert data["account"]["email"] == "lea@example.com"
    assert [i["title"] for i in data["ideas"]] == ["Lighter tent poles"]
    assert [c["purpose"] for c in data["consents"]] == ["research"]

    page.get_by_label("Remove them, and withdraw my votes").check()
    page.get_by_label("Your password").fill("wrong password")
    page.get_by_label("I want to delete my account. This cannot be undone.").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("alert")).to_have_text("That is not your password.")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I want to delete my account. This cannot be undone.").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account is deleted.")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    session.rollback()
    former = session.get(User, person.id)
    assert former.display_name == "Former member" and former.email.endswith("@deleted.invalid")
    assert session.scalar(select(Consent).where(Consent.user_id == person.id)) is None
    # Chromium logs the refused deletion's 422 itself; nothing else went wrong.
    assert [p for p in page.problems if "422" not in p] == []


def test_a_forgotten_password_is_reset_by_link(page, session):
    UserFactory(email="max@example.com")
    session.commit()
    _follow_emailed_link(page, session, "Forgot your password?", "max@example.com")
    page.get_by_label("New password").fill("a brand new password")
    page.get_by_label("The same again").fill("a brand new password")
    screenshot(page, "password-reset", full_page=False)
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_text("Your new password is set")).to_be_visible()
    sign_out(page)
    page.goto("/login")
    page.get_by_label("E-mail").fill("max@example.com")
    page.get_by_label("Password").fill("a brand new password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".site-nav details.account > summary")).to_be_visible()
    assert page.problems == []
