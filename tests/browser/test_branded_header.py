"""A brand's logo and a long name keep the header one row: at most 64 px on a 390 px phone, one row at
1280 px, for a visitor and a signed-in member, with the menu button and the account in reach."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from cocreate.branding.services import do_save_branding
from tests.factories import UserFactory
from tests.fixtures.live_server import sign_in

pytestmark = pytest.mark.browser


def _logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (240, 64), (47, 111, 78)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("logo", [True, False])
def test_a_branded_header_stays_one_row_on_a_phone_and_a_laptop(page, app, session, logo):
    admin, member = UserFactory(role="admin"), UserFactory()
    saved = do_save_branding(
        session,
        actor=admin,
        name="Trailhead Together Outdoor Community",
        tagline="",
        accent="#2f6f4e",
        footer_links="",
        logo=_logo() if logo else None,
        uploads=Path(app.instance_path) / "uploads",
    )
    session.commit()
    assert bool(saved.settings.logo) is logo
    for who in (None, member):
        if who:
            sign_in(page, who.email)
        for width, height in ((390, 844), (1280, 800)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto("/")
            header = page.locator(".site-header").bounding_box()
            limit = 64 if width == 390 else 80
            assert header["height"] <= limit, (who, width, header)
            control = page.locator(".menu-button" if width == 390 else ".site-nav .quick").bounding_box()
            assert control["y"] + control["height"] <= header["y"] + header["height"], (who, width, control)
            if width == 390 and who is None:  # Join is folded into the menu on a phone
                page.locator(".menu-button").click()
                expect(page.get_by_role("link", name="Join: create an account")).to_be_visible()
    assert page.problems == []
