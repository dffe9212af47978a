"""Chromium: a customer shares a photo for a campaign, a moderator features it from the queue with the
keyboard (htmx, no reload), and it leads the campaign gallery."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from cocreate.demo.generator import DEMO_PASSWORD, Size, generate
from tests.fixtures.live_server import menu_link, screenshot, sign_in, sign_out
from tests.unit.test_media import _image

pytestmark = pytest.mark.browser


def test_share_a_photo_moderate_it_and_see_it_in_the_gallery(page, session, app, tmp_path):
    generate(
        session,
        Size(users=30, ideas=20, votes=100, comments=10),
        seed=5,
        uploads=Path(app.instance_path) / "uploads",
    )
    session.commit()
    photo = tmp_path / "kitchen.jpg"
    photo.write_bytes(_image("JPEG", size=(640, 480)))

    sign_in(page, "member@demo.cocreate", DEMO_PASSWORD)
    page.get_by_role("link", name="Campaigns", exact=True).click()
    page.get_by_role("link", name="Show us your trail kitchen").click()
    page.get_by_role("button", name="Share yours").click()
    page.get_by_label("Title").fill("Kitchen on the tailgate")
    page.get_by_label("Your story").fill("Stove on the left, water on the right, **coffee first**.")
    page.get_by_label("Photos").set_input_files(str(photo))
    page.get_by_label("Video link").fill("https://evil.example/clip")
    page.get_by_role("button", name="Share").click()
    expect(page.get_by_text("YouTube, Vimeo, TikTok or Instagram only")).to_be_visible()  # kept, not lost
    expect(page.get_by_label("Title")).to_have_value("Kitchen on the tailgate")
    page.get_by_label("Video link").fill("")
    page.get_by_label("Photos").set_input_files(str(photo))
    page.get_by_role("button", name="Share").click()
    expect(page.get_by_text("A moderator will look at it soon")).to_be_visible()
    expect(page.locator(".held-notice")).to_contain_text("Waiting for moderation")
    expect(page.locator(".photos img")).to_have_count(1)
    sign_out(page)

    sign_in(page, "moderator@demo.cocreate", DEMO_PASSWORD)
    menu_link(page, "Team", "Moderation queue")
    expect(page.locator("li.case").first).to_be_visible()
    screenshot(page, "moderation-queue")
    page.get_by_label("Type").select_option("ugc")
    page.wait_for_url("**kind=ugc**")
    page.evaluate("window.__stillHere = true")
    rows = page.locator("li.case")
    rows.first.focus()
    page.keyboard.press("j")  # j/k move between items
    assert page.evaluate("document.activeElement === document.querySelectorAll('li.case')[1]")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement === document.querySelectorAll('li.case')[0]")
    row = page.locator("li.case", has_text="Kitchen on the tailgate")
    expect(row.locator("img")).to_have_count(1)
    row.focus()
    page.keyboard.press("f")  # feature, from the keyboard
    decided = page.locator("li.case.decided", has_text="Kitchen on the tailgate")
    expect(decided).to_contain_text("Featured")
    assert page.evaluate("window.__stillHere === true")  # swapped in place, no reload
    # Reject another with a reason; the author will see it.
    other = page.locator("li.case:not(.decided)").first
    other.locator("select[name=reason]").select_option("quality")
    other.get_by_role("button", name="Reject").click()
    expect(page.locator("li.case.decided", has_text="Returned to the author")).to_have_count(1)

    page.get_by_role("link", name="Campaigns", exact=True).click()
    page.get_by_role("link", name="Show us your trail kitchen").click()
    first = page.locator(".gallery-item").first
    expect(first).to_contain_text("Kitchen on the tailgate")
    expect(first).to_contain_text("Featured")
    screenshot(page, "campaign-gallery")
    # The only console message is the refused video link's 422 (a form error, by design).
    assert [p for p in page.problems if "422" not in p] == [] and len(page.problems) <= 1
