"""Chromium: the pages a person and the product team use around channels, seen and used for real: a
survey answered on the web, a customer's idea and vote recorded by staff, surveys and access tokens
managed. No console errors or CSP violations on any of them."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from cocreate.ideas.models import Idea, Vote
from cocreate.insights import surveys
from cocreate.insights.models import SurveyResponse
from cocreate.reviews.services.reviews import do_write_review
from tests.factories import BoardFactory, IdeaFactory, ProductFactory, UserFactory
from tests.fixtures.live_server import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_a_survey_is_answered_on_the_web(page, session):
    team, reviewer = UserFactory(role="product"), UserFactory(email="rev@example.com")
    product = ProductFactory(name="Quiet kettle")
    surveys.do_create_survey(session, actor=team, kind="nps", moment="review")
    do_write_review(session, actor=reviewer, product=product, rating=4, title="Boils fast")
    session.commit()

    sign_in(page, "rev@example.com")
    page.goto("/surveys")
    expect(page.get_by_text("About Quiet kettle")).to_be_visible()
    page.get_by_role("button", name="Send answer").click()  # no score chosen: the server says so
    expect(page.get_by_role("alert")).to_have_text("Choose a number from 0 to 10.")
    page.locator("label.score-option", has_text="9").first.click()
    page.get_by_label("Anything to add? (optional)").fill("Quieter than the old one")
    screenshot(page, "survey-answer", full_page=False)
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("No open questions")).to_be_visible()
    # Chromium logs the refused answer's 422 itself; nothing else went wrong (no script errors, no CSP).
    assert [p for p in page.problems if "422" not in p] == []
    session.rollback()
    assert session.scalar(select(SurveyResponse.score)) == 9


def test_the_team_records_for_customers_and_manages_surveys_and_tokens(page, session):
    UserFactory(role="product", email="team@example.com", display_name="Ana")
    BoardFactory(slug="shop", name="Shop")
    idea = IdeaFactory(title="Longer warranty")
    session.commit()

    sign_in(page, "team@example.com")
    page.goto("/b/shop")
    page.get_by_role("link", name="Record a customer's idea →").click()
    page.get_by_label("Customer's e-mail").fill("kim@example.com")
    page.get_by_label("Customer's name (optional)").fill("Kim Lee")
    page.get_by_label("Title").fill("Refill station for detergent")
    screenshot(page, "staff-capture", full_page=False)
    page.get_by_role("button", name="Record idea").click()
    expect(page.get_by_text("recorded by Ana (staff)")).to_be_visible()

    page.goto(f"/i/{idea.id}")
    page.get_by_role("link", name="Add a customer's vote →").click()
    page.get_by_label("Customer's e-mail").fill("kim@example.com")
    page.get_by_label("How much it matters to them").select_option("critical")
    page.get_by_role("button", name="Add vote").click()
    expect(page.get_by_text("Kim Lee's vote is counted.")).to_be_visible()

    page.goto("/team/surveys")
    page.get_by_label("Kind").select_option("ces")
    page.get_by_label("When").select_option("kiosk")
    page.get_by_role("button", name="Add survey").click()
    expect(page.get_by_role("cell", name="CES")).to_be_visible()
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    screenshot(page, "team-surveys", full_page=False)

    page.goto("/settings/tokens")
    page.get_by_label("App name").fill("Store tablet")
    page.get_by_role("button", name="Create token").click()
    token = page.locator("code").first.inner_text()
    assert token.startswith("cc_")
    screenshot(page, "api-tokens", full_page=False)
    assert page.problems == []

    session.rollback()
    captured = session.scalar(select(Idea).where(Idea.title == "Refill station for detergent"))
    assert (captured.author.display_name, captured.channel) == ("Kim Lee", "staff")
    assert session.scalar(select(Vote.channel).where(Vote.idea_id == idea.id)) == "staff"
