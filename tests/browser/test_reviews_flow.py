"""Chromium: a customer reviews a product and rates another review as helpful, without reloads."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from cocreate.accounts.models import User
from cocreate.demo.generator import DEMO_PASSWORD, Size, generate
from cocreate.reviews.models import Product, Review
from tests.fixtures.live_server import screenshot

pytestmark = pytest.mark.browser


def test_write_a_review_and_rate_another(page, session):
    generate(session, Size(users=30, ideas=20, votes=100, comments=10), seed=11)
    session.commit()
    mia = session.scalar(select(User).where(User.username == "mia"))
    reviewed = select(Review.product_id).where(Review.author_id == mia.id)
    product = session.scalars(
        select(Product).where(Product.id.not_in(reviewed), Product.review_count > 2).order_by(Product.id)
    ).first()
    page.goto("/login")
    page.get_by_label("E-mail").fill("member@demo.cocreate")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Products", exact=True).click()
    page.get_by_role("link", name=product.name).click()
    count_before = int(page.locator(".rating-average .muted").inner_text().split()[0])
    page.get_by_role("button", name="Write a review").click()
    page.get_by_label("4 stars").check()
    page.get_by_label("Headline").fill("Light, roomy, a bit pricey")
    page.get_by_label("Your review").fill("Pitched it in **strong wind** on Skye; no problems.")
    page.get_by_label("What you liked").fill("Weight and space")
    page.get_by_role("button", name="Publish review").click()
    expect(page.get_by_text("Thanks! Your review is published.")).to_be_visible()
    expect(page.locator(".review").first).to_contain_text("Light, roomy, a bit pricey")
    expect(page.locator(".review-body strong").first).to_have_text("strong wind")
    assert int(page.locator(".rating-average .muted").inner_text().split()[0]) == count_before + 1

    page.evaluate("window.__stillHere = true")
    box_id = page.locator(".helpful:has(form)").first.get_attribute("id")
    box = page.locator(f"#{box_id}")
    box.get_by_role("button", name="Yes").click()
    expect(box).to_contain_text("You answered: helpful")
    assert page.evaluate("window.__stillHere === true")
    page.get_by_text("Most helpful").click()
    expect(page.locator(".review").first).to_be_visible()
    screenshot(page, "product")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "product-viewport", full_page=False)
    assert page.problems == []
