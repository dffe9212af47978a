"""Real Chromium against the app on 127.0.0.1: the flows a customer and a product person go through."""

import re

import pytest
from playwright.sync_api import expect

from cocreate.demo.generator import DEMO_PASSWORD, Size, generate
from tests.factories import PASSWORD, BoardFactory, IdeaFactory, TagFactory, UserFactory
from tests.fixtures.live_server import screenshot, sign_in

pytestmark = pytest.mark.browser


def _no_reload_marker(page):
    page.evaluate("window.__stillHere = true")


def _assert_not_reloaded(page):
    assert page.evaluate("window.__stillHere === true"), "the page reloaded"


def test_register_propose_vote_and_comment(page, session):
    board = BoardFactory(slug="app", name="Mobile app", description="Our app for iOS and Android.")
    TagFactory(board=board, slug="maps", name="Maps")
    session.commit()

    page.goto("/register")
    page.get_by_label("E-mail").fill("jo@example.com")
    page.get_by_label("Username").fill("jo_walker")
    page.get_by_label("Display name").fill("Jo Walker")
    page.get_by_label("Password").fill("a very good password")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Welcome, Jo Walker!")).to_be_visible()

    page.get_by_role("link", name="Mobile app").click()
    page.get_by_role("button", name="Propose an idea").click()
    page.get_by_label("Title").fill("Offline maps for the whole trip")
    page.get_by_label("Describe the problem").fill(
        "No signal in the mountains, so **maps must work offline**."
    )
    page.get_by_label("Maps").check()
    page.get_by_role("button", name="Post idea").click()
    expect(page.get_by_role("heading", name="Offline maps for the whole trip")).to_be_visible()
    expect(page.locator(".idea-body strong")).to_have_text("maps must work offline")

    _no_reload_marker(page)
    vote = page.locator(".vote-box .vote-button")
    expect(vote.locator(".vote-count")).to_have_text("0")
    vote.click()
    expect(page.locator(".vote-box.voted .vote-count")).to_have_text("1")
    expect(page.get_by_label("How important is this to you?")).to_be_visible()
    page.get_by_label("How important is this to you?").select_option("critical")
    expect(page.locator(".importance-critical")).to_have_text("Critical: 1")
    _assert_not_reloaded(page)

    page.get_by_label("Add a comment").fill("I would use this on every hike. cc @jo_walker")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment-body").first).to_contain_text("every hike")
    expect(page.locator(".comment-body a.mention")).to_have_attribute("href", "/u/jo_walker")
    expect(page.get_by_role("heading", name="Discussion (1)")).to_be_visible()
    _assert_not_reloaded(page)
    screenshot(page, "idea-page-after-vote")

    page.locator(".vote-box.voted .vote-button").click()  # withdraw
    expect(page.locator(".vote-box .vote-count")).to_have_text("0")
    _assert_not_reloaded(page)
    assert page.problems == []


def test_signed_out_vote_goes_to_sign_in_and_back(page, session):
    idea = IdeaFactory(board=BoardFactory(slug="app"), title="Dark mode for the app")
    user = UserFactory()
    session.commit()
    page.goto("/b/app")
    page.locator(f"#vote-{idea.id} .vote-button").click()
    expect(page).to_have_url(re.compile(r"/login\?next=/b/app"))
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/b/app$"))


def test_admin_changes_status_and_timeline_updates(page, session):
    admin = UserFactory(role="admin", display_name="Ada Admin")
    idea = IdeaFactory(title="Bring back the green jacket")
    session.commit()
    sign_in(page, admin.email)
    page.goto(f"/i/{idea.id}")
    _no_reload_marker(page)
    page.get_by_label("New status").select_option("planned")
    page.get_by_label("Note", exact=True).fill("Back in the autumn collection.")
    page.get_by_role("button", name="Update status").click()
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Open → Planned")
    expect(timeline).to_contain_text("Back in the autumn collection.")
    expect(timeline).to_contain_text("Ada Admin")
    expect(page.locator("#status-chip")).to_contain_text("Planned")  # the head's chip follows
    vote = page.locator(f"#vote-{idea.id}")
    vote.get_by_role("button").click()  # the admin votes: the importance picker shows
    picker = page.locator("#importance-picker")
    expect(picker).to_contain_text("How important")
    page.get_by_label("New status").select_option("shipped")
    page.get_by_role("button", name="Update status").click()
    expect(page.locator("#status-chip")).to_contain_text("Shipped")
    expect(vote).to_have_class(re.compile(r"\bclosed\b"))  # the vote box follows: nothing to press
    expect(vote.get_by_role("button")).to_have_count(0)
    expect(picker).not_to_contain_text("How important")  # nor to weigh
    page.get_by_label("New status").select_option("open")
    page.get_by_role("button", name="Update status").click()
    expect(vote.get_by_role("button")).to_be_enabled()  # and opens again
    expect(picker).to_contain_text("How important")
    _assert_not_reloaded(page)
    assert page.problems == []


def test_errors_show_as_a_message_not_silence(page, session):
    idea = IdeaFactory(status="shipped", title="Already shipped thing")
    user = UserFactory()
    session.commit()
    sign_in(page, user.email)
    page.goto(f"/i/{idea.id}")
    expect(page.locator(".vote-box.closed")).to_contain_text("0")  # a count, not a button
    expect(page.locator(".vote-box button")).to_have_count(0)
    page.get_by_label("Add a comment").fill("   ")
    page.locator("#comment-body").evaluate("el => el.removeAttribute('required')")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#toast")).to_have_text("Write something before posting.")


def test_demo_board_and_idea_pages_look_right(page, session):
    generate(session, Size(users=40, ideas=120, votes=1500, comments=300), seed=7)
    session.commit()
    sign_in(page, "member@demo.cocreate", DEMO_PASSWORD)
    page.goto("/")
    expect(page.get_by_role("heading", name="Help shape what we make next")).to_be_visible()
    expect(page.get_by_role("heading", name="Trending ideas")).to_be_visible()
    screenshot(page, "home")
    page.goto("/b/mobile-app?sort=top")
    expect(page.locator(".idea-row").first).to_be_visible()
    counts = [int(c) for c in page.locator(".idea-row .vote-count").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    screenshot(page, "board")
    screenshot(page, "board-viewport", full_page=False)
    _no_reload_marker(page)
    page.get_by_text("New", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=new"))
    first_page = page.locator(".idea-row").count()
    page.get_by_role("button", name="Show more ideas").click()
    expect(page.locator(".idea-row")).not_to_have_count(first_page)
    assert page.locator(".idea-row").count() > first_page == 20
    _assert_not_reloaded(page)
    page.go_back()  # htmx restores the previous URL: the whole page must come back, not a fragment
    expect(page).to_have_url(re.compile(r"sort=top"))
    expect(page.locator('input[name="sort"][value="top"]')).to_be_checked()  # the restored page is in
    expect(page.get_by_role("heading", name="Trailhead mobile app")).to_have_count(1)
    expect(page.locator(".site-header")).to_have_count(1)
    counts = [int(c) for c in page.locator(".idea-row .vote-count").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    page.locator(".idea-title a").first.click()
    expect(page.locator(".idea-page h1")).to_be_visible()
    screenshot(page, "idea")
    screenshot(page, "idea-viewport", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/b/mobile-app")
    screenshot(page, "board-mobile")
    assert page.problems == []
