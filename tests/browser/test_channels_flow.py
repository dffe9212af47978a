"""Chromium: an in-store kiosk is set up and used by touch, and the KPI dashboard draws all its charts under
our CSP (no inline script, no console errors). Screenshots of both go to the README."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from cocreate.demo.beta import generate_beta
from cocreate.demo.generator import DEMO_PASSWORD, Size, generate
from cocreate.demo.surveys import generate_surveys
from cocreate.ideas.models import Idea
from cocreate.insights import surveys
from cocreate.insights.models import SurveyResponse
from cocreate.rewards.replay import replay
from tests.factories import BoardFactory, ProductFactory, UserFactory
from tests.fixtures.live_server import menu_link, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_a_kiosk_is_set_up_and_used_by_touch(page, browser, live_server, session):
    team = UserFactory(role="product", email="team@example.com")
    BoardFactory(slug="store", name="Store ideas")
    ProductFactory(slug="kettle", name="Quiet kettle")
    surveys.do_create_survey(session, actor=team, kind="csat", moment="kiosk")
    session.commit()

    sign_in(page, "team@example.com")
    page.goto("/team/kiosks")
    page.get_by_label("Store or place").fill("Berlin Mitte, entrance")
    page.get_by_role("button", name="Create kiosk").click()
    token = page.locator("code.token-value").inner_text().strip()
    assert token.startswith("kiosk_")

    device = browser.new_context(
        base_url=live_server, viewport={"width": 1280, "height": 800}, has_touch=True
    )
    kiosk = device.new_page()
    problems = []
    kiosk.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    kiosk.goto(f"/kiosk/activate#{token}")  # the fragment never reaches the server
    expect(kiosk.get_by_label("Kiosk token")).to_have_value(token)
    kiosk.get_by_role("button", name="Start kiosk").click()
    expect(kiosk.get_by_role("heading", name="What would you like to do?")).to_be_visible()
    kiosk.wait_for_load_state("load")  # its stylesheet applied: the tiles' size is the CSS's
    tile = kiosk.get_by_role("link", name="Suggest an idea").bounding_box()
    assert tile["height"] >= 64 and tile["width"] >= 200  # large touch targets
    screenshot(kiosk, "kiosk", full_page=False)

    kiosk.get_by_role("link", name="Suggest an idea").tap()
    kiosk.get_by_label("Your idea in a few words").fill("Water refill station by the tills")
    kiosk.get_by_role("button", name="Send idea").tap()
    expect(kiosk.get_by_role("heading", name="Thank you!")).to_be_visible()
    kiosk.get_by_role("button", name="Done").tap()
    kiosk.get_by_role("link", name="Rate a product").tap()
    kiosk.get_by_role("link", name="Quiet kettle").tap()
    kiosk.locator("label.score-option", has_text="5").tap()
    kiosk.get_by_role("button", name="Send").tap()
    expect(kiosk.get_by_role("heading", name="Thank you!")).to_be_visible()
    assert kiosk.get_by_label("Your idea in a few words").count() == 0
    kiosk.go_back()  # nothing typed is shown again: the pages are not cached
    assert "Water refill" not in kiosk.content()
    assert problems == [] and page.problems == []
    device.close()

    session.rollback()
    idea = session.scalar(select(Idea))
    assert (idea.channel, idea.via, idea.moderation_state) == ("kiosk", "Berlin Mitte, entrance", "pending")
    assert session.scalar(select(SurveyResponse.score)) == 5


def test_the_kpi_dashboard_draws_every_chart(page, session):
    generate(session, Size(users=60, ideas=120, votes=900, comments=300), seed=5)
    session.commit()
    replay(session, lambda n: None)  # points, for the top contributors
    generate_beta(session)
    generate_surveys(session, seed=5)
    session.commit()
    page.goto("/login")
    page.get_by_label("E-mail").fill("product@demo.cocreate")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    menu_link(page, "Team", "KPIs")
    expect(page.get_by_role("heading", name="KPI dashboard")).to_be_visible()
    page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas.kpi-chart').length >= 6")
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas.kpi-chart')].every(c => Chart.getChart(c))"
    )
    drawn = page.evaluate("() => document.querySelectorAll('canvas.kpi-chart').length")
    assert drawn == 8
    page.set_viewport_size({"width": 1400, "height": 1000})
    screenshot(page, "kpi-dashboard", full_page=True)

    page.get_by_label("Board", exact=True).select_option(value="mobile-app")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/team/kpi?**board=mobile-app**")
    assert "board=mobile-app" in page.url
    csv_link = page.locator("#kpi-channels a[download]")
    response = page.request.get(csv_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    assert response.text().splitlines()[0] == "period,Website,App (API),E-mail,Kiosk,Staff"
    assert page.problems == []
