"""Chromium: the sentiment trend page draws its charts under our CSP (no inline script, no console errors)."""

import pytest
from sqlalchemy import select

from cocreate.demo.generator import DEMO_PASSWORD, Size, generate
from cocreate.reviews.models import Product
from tests.fixtures.live_server import screenshot

pytestmark = pytest.mark.browser


def test_trend_charts_render(page, session):
    generate(session, Size(users=40, ideas=60, votes=300, comments=200), seed=9)
    session.commit()
    product = session.scalar(select(Product).order_by(Product.review_count.desc()))
    page.goto("/login")
    page.get_by_label("E-mail").fill("product@demo.cocreate")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/p/{product.slug}")
    page.get_by_role("link", name="Sentiment trend →").click()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas.trend-chart'))"
    )
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas.trend-chart')].filter(c => Chart.getChart(c)).length"
    )
    assert drawn >= 1
    screenshot(page, "sentiment-trend", full_page=False)
    page.goto("/b/mobile-app")
    page.get_by_role("link", name="Sentiment trend for this board →").click()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas.trend-chart'))"
    )
    assert page.problems == []
