"""Chromium: a customer joins a full beta's waitlist (screening, terms, consent), sees their position,
the seated tester leaves, and the customer is promoted and told."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from cocreate.beta import services
from cocreate.db import utcnow
from tests.factories import UserFactory
from tests.fixtures.live_server import screenshot, sign_in, sign_out

pytestmark = pytest.mark.browser
OLD = utcnow() - timedelta(days=60)


def test_waitlist_withdrawal_and_promotion(page, session):
    team = UserFactory(role="product")
    seated = UserFactory(created_at=OLD, email="sofia@example.com", display_name="Sofia Seated")
    UserFactory(created_at=OLD, email="walt@example.com", display_name="Walt Waiting")
    program = services.do_create_program(
        session,
        actor=team,
        name="Offline maps beta",
        description="Try **offline maps** before everyone else.",
        capacity=1,
        opens_at=utcnow() - timedelta(days=1),
        closes_at=utcnow() + timedelta(days=7),
        questions=services.parse_questions(
            "Which phone do you use? | iPhone, Android, Other | iPhone, Android"
        ),
        consents=["I share crash reports from the beta app."],
        terms="Please keep the beta confidential.",
    )
    services.do_set_state(session, actor=team, program=program, state="open")
    services.do_sign_up(
        session,
        actor=seated,
        program=program,
        terms_version=1,
        consents=["terms", "consent-0"],
        answers={"which-phone-do-you-use": "Android"},
    )
    session.commit()

    sign_in(page, "walt@example.com")
    page.get_by_role("link", name="Betas").click()
    page.get_by_role("link", name="Offline maps beta").click()
    expect(page.locator("#program-state")).to_have_text("Full: waitlist only")
    page.get_by_label("Which phone do you use?").select_option("Other")
    page.get_by_label("I accept the terms (version 1)").check()
    page.get_by_label("I share crash reports from the beta app.").check()
    page.get_by_role("button", name="Join the waitlist").click()
    expect(page.locator("#beta-error")).to_contain_text("iPhone or Android")  # ineligible: told, not stored
    page.get_by_label("Which phone do you use?").select_option("iPhone")
    page.get_by_label("I accept the terms (version 1)").check()
    page.get_by_label("I share crash reports from the beta app.").check()
    page.get_by_role("button", name="Join the waitlist").click()
    expect(page.locator("#waitlist-position")).to_have_text("#1")
    screenshot(page, "beta-waitlist")
    sign_out(page)

    sign_in(page, "sofia@example.com")
    page.goto("/beta/offline-maps-beta")
    expect(page.get_by_text("You are in.")).to_be_visible()
    page.get_by_role("button", name="Leave this beta").click()
    expect(page.get_by_text("You left the beta.")).to_be_visible()
    sign_out(page)

    sign_in(page, "walt@example.com")
    expect(page.locator("a.bell")).to_have_attribute("aria-label", "Notifications: 1 unread")
    page.locator("a.bell").click()
    page.get_by_role("link", name="A seat opened in “Offline maps beta”: you are in!").click()
    expect(page.get_by_text("You are in.")).to_be_visible()
    page.get_by_label("Title").fill("Tiles vanish after a restart")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Thank you! The team reads every report.")).to_be_visible()
    screenshot(page, "beta-program")
