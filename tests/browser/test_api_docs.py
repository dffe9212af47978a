"""The API reference page (/api/v1/docs): Swagger UI from npm renders the OpenAPI document under the CSP,
with no console error, every operation listed, and nothing to send from it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cocreate.api.openapi import document
from tests.fixtures.live_server import screenshot

pytestmark = pytest.mark.browser


def test_the_api_reference_renders_every_operation_under_the_csp(page):
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", name="API reference")).to_be_visible()
    operations = page.locator("#api-reference .opblock")
    expected = sum(len(ops) for ops in document()["paths"].values())
    expect(operations).to_have_count(expected)
    expect(
        page.locator("#api-reference .opblock-summary-path", has_text="/boards/{slug}/ideas").first
    ).to_be_visible()
    page.locator("#api-reference .opblock-summary").first.click()
    expect(page.locator("#api-reference .try-out__btn")).to_have_count(0)  # read-only: nothing to send
    screenshot(page, "api-docs")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        wide = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert wide <= 0, (width, wide)
    assert page.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_api_reference_page_has_no_wcag_violations(page, scheme):
    from tests.browser.test_accessibility import _violations

    page.emulate_media(color_scheme=scheme)
    page.goto("/api/v1/docs")
    expect(page.locator("#api-reference .opblock").first).to_be_visible()
    found = _violations(page)
    assert not found, "\n".join(found)
