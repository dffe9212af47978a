"""Keyboard only: sign in, propose an idea, vote and review a product with Tab, typing, Space, arrows and
Enter, never the mouse, in Chromium. axe-core (WCAG 2.0/2.1/2.2 A and AA) checks every state htmx swaps in
on the way: the vote, the board's sort, search as you type and the similar ideas under the title."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from cocreate.demo.generator import DEMO_PASSWORD, Size, generate
from cocreate.ideas.models import Idea, Vote
from cocreate.reviews.models import Review
from tests.browser.test_accessibility import AXE
from tests.fixtures.live_server import screenshot

pytestmark = pytest.mark.browser
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def violations(page) -> list[str]:
    page.evaluate(AXE.read_text())
    results = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations", TAGS
    )
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in results]


def tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the focused element matches `selector` (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement && document.activeElement.matches(sel)", selector):
            visible = page.evaluate(
                "() => { const r = document.activeElement.getBoundingClientRect();"
                " return r.width > 0 && r.height > 0; }"
            )
            assert visible, f"{selector} took the focus while invisible"
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_propose_vote_and_review_with_the_keyboard_only(page, session, app):
    uploads = Path(app.instance_path) / "uploads"
    generate(session, Size(users=20, ideas=40, votes=300, comments=60), seed=3, uploads=uploads)
    session.commit()
    problems: dict[str, list[str]] = {}

    page.goto("/login")
    tab_to(page, "input[name=email]")
    page.keyboard.type("member@demo.cocreate")
    tab_to(page, "input[name=password]")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator(".site-nav details.account > summary")).to_be_visible()

    page.goto("/b/mobile-app")
    problems["board"] = violations(page)
    tab_to(page, "a.new-idea")
    page.keyboard.press("Enter")
    page.wait_for_url("**/b/mobile-app/new")
    tab_to(page, "input[name=title]")
    page.keyboard.type("Offline trail maps we can download")
    page.wait_for_timeout(600)  # the similar ideas appear under the title (htmx, debounced)
    problems["similar ideas"] = violations(page)
    tab_to(page, "textarea[name=body]")
    page.keyboard.type("So that the app works without signal.")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Offline trail maps we can download")).to_be_visible()
    problems["new idea"] = violations(page)

    tab_to(page, ".vote-button")
    page.keyboard.press("Space")
    expect(page.locator(".vote-box.voted")).to_be_visible()
    problems["after the vote swap"] = violations(page)
    focused = page.evaluate("() => document.activeElement && document.activeElement.tagName")
    assert focused not in (None, "BODY"), "the swap dropped the keyboard focus"

    page.goto("/b/mobile-app")
    tab_to(page, "select, input[type=search], [name=sort]")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)
    problems["board after a filter"] = violations(page)

    page.goto("/search")
    tab_to(page, "input[type=search], input[name=q]")
    page.keyboard.type("trail")
    page.wait_for_timeout(700)  # results as you type
    problems["search results swap"] = violations(page)

    page.goto("/products")
    tab_to(page, "main a[href^='/p/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/p/*")
    review_url = page.url.rstrip("/") + "/review"
    page.goto(review_url)
    tab_to(page, "input[name=rating]")
    page.keyboard.press("ArrowRight")  # radios move with the arrows
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    tab_to(page, "input[name=title]")
    page.keyboard.type("Keeps my tea hot")
    tab_to(page, "textarea[name=body]")
    page.keyboard.type("Used it every morning for a month.")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Keeps my tea hot").first).to_be_visible()
    problems["after the review"] = violations(page)
    screenshot(page, "keyboard-journey-review")

    session.rollback()
    idea = session.scalar(select(Idea).where(Idea.title == "Offline trail maps we can download"))
    assert idea is not None
    assert session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea.id)) == 1
    assert session.scalar(select(Review).where(Review.title == "Keeps my tea hot")) is not None
    assert {k: v for k, v in problems.items() if v} == {}
