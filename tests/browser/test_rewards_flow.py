"""Chromium: a product person ships an idea (htmx status form); its author signs in and sees the bell,
the points, the new tier with its progress bar, and the "First shipped idea" badge."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from cocreate.db import utcnow
from cocreate.ideas.services import do_create_idea, do_vote
from tests.factories import BoardFactory, UserFactory
from tests.fixtures.live_server import menu_link, screenshot, sign_in, sign_out

pytestmark = pytest.mark.browser
OLD = utcnow() - timedelta(days=60)


def test_shipping_an_idea_rewards_its_author(page, session):
    board = BoardFactory(slug="trail", name="Trail gear")
    author = UserFactory(created_at=OLD, display_name="Robin Creator", email="robin@example.com")
    supporter = UserFactory(created_at=OLD, display_name="Sam Supporter", email="sam@example.com")
    UserFactory(role="product", email="pat@example.com", display_name="Pat Product")
    idea = do_create_idea(session, actor=author, board=board, title="A stove that simmers without scorching")
    do_vote(session, actor=supporter, idea=idea)
    session.commit()

    sign_in(page, "pat@example.com")
    page.goto(f"/i/{idea.id}")
    page.get_by_label("New status").select_option("shipped")
    page.get_by_label("Note", exact=True).fill("In stores from Monday")
    page.get_by_role("button", name="Update status").click()
    expect(page.locator("#status-heading")).to_contain_text("Shipped")
    sign_out(page)

    sign_in(page, "robin@example.com")
    bell = page.locator("a.bell")
    expect(bell).to_have_attribute("aria-label", "Notifications: 3 unread")  # two badges and the promotion
    menu_link(page, "account", "Rewards")
    expect(page.locator("#r-balance")).to_have_text("260")  # 10 for proposing, 250 for shipping
    expect(page.locator(".standing .chip.tier")).to_have_text("Contributor")
    expect(page.get_by_text("240 points to Insider")).to_be_visible()
    expect(page.locator("#r-progress")).to_have_attribute("value", "40")
    expect(page.locator(".badges")).to_contain_text("First shipped idea")
    expect(page.locator(".ledger")).to_contain_text("Idea shipped")
    screenshot(page, "rewards")
    page.get_by_role("link", name="Notifications: 3 unread").click()
    expect(page.locator(".notifications")).to_contain_text("You are now Contributor!")
    page.get_by_role("link", name="Leaderboard").click()
    expect(page.locator("#leaders")).to_contain_text("Robin Creator")
    expect(page.locator("#leaders")).to_contain_text("Sam Supporter")  # the early supporter's royalty
    screenshot(page, "leaderboard", full_page=False)
