"""Chromium: the product team opens "why #2?" (loaded by htmx) and sees a new order previewed as it changes
a weight, before saving it."""

import pytest
from playwright.sync_api import expect

from cocreate.ideas.services import do_vote
from tests.factories import BoardFactory, IdeaFactory, UserFactory
from tests.fixtures.live_server import menu_link, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_why_and_a_live_preview_of_new_weights(page, session):
    board = BoardFactory(slug="stoves", name="Stoves")
    popular = IdeaFactory(board=board, title="Lighter fuel canisters")
    critical = IdeaFactory(board=board, title="A stove that simmers without scorching")
    for _ in range(7):
        do_vote(session, actor=UserFactory(), idea=popular)
    for _ in range(2):
        do_vote(session, actor=UserFactory(), idea=critical, importance="critical")
    UserFactory(role="product", email="pat@example.com")
    session.commit()

    sign_in(page, "pat@example.com")
    menu_link(page, "Team", "Ranking")
    # htmx (a deferred script) must have wired the page before "Why?" is opened; opened earlier, the
    # summary shows its no-script link instead, which is right for a person but not what this checks.
    page.wait_for_load_state("load")
    rows = page.locator(".ranking-row")
    expect(rows.nth(0)).to_contain_text("Lighter fuel canisters")
    rows.nth(1).get_by_text("Why #2?").click()
    expect(rows.nth(1).locator(".breakdown")).to_contain_text("2 critical ×3")
    page.get_by_label("Critical").fill("10")
    page.get_by_label("Critical").dispatch_event("change")
    preview = page.locator("#preview")
    expect(preview.locator("li").first).to_contain_text("A stove that simmers without scorching")
    expect(preview).to_contain_text("▲ from #2")
    screenshot(page, "ranking")
    page.get_by_role("button", name="Save weights").click()
    expect(page.locator(".ranking-row").first).to_contain_text("A stove that simmers")
    assert page.problems == []
