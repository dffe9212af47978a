"""Chromium: results update as you type (debounced htmx), and a new idea's title shows similar ideas."""

import pytest
from playwright.sync_api import expect

from cocreate.demo.generator import DEMO_PASSWORD, Size, generate
from cocreate.search import service
from tests.fixtures.live_server import screenshot

pytestmark = pytest.mark.browser


def test_search_as_you_type_and_similar_ideas(page, session, app):
    generate(session, Size(users=30, ideas=120, votes=300, comments=50), seed=4)
    session.commit()
    with app.app_context():
        service.rebuild()
    page.goto("/search")
    page.evaluate("window.__stillHere = true")
    page.get_by_role("searchbox", name="Search").press_sequentially("offline", delay=40)
    results = page.locator("#search-results")
    expect(results).to_contain_text("results for “offline”")
    expect(results.locator("mark").first).to_be_visible()
    assert page.evaluate("window.__stillHere === true")  # updated in place
    assert "q=offline" in page.url  # and the address can be shared
    page.get_by_label("Type").select_option("idea")
    expect(results.locator(".search-hit .chip.kind-idea").first).to_be_visible()
    expect(results.locator(".chip.kind-review")).to_have_count(0)
    screenshot(page, "search", full_page=False)

    page.goto("/login")
    page.get_by_label("E-mail").fill("member@demo.cocreate")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/b/mobile-app/new")
    page.get_by_label("Title").press_sequentially("offline maps", delay=40)
    similar = page.locator("#similar-ideas")
    expect(similar).to_contain_text("Similar ideas already on")
    expect(similar.locator("a").first).to_be_visible()
    assert page.problems == []
