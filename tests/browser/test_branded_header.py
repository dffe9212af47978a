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


def test_staff_menus_keep_the_header_one_row_at_every_width(page, session):
    """Team and Admin need more room than a tablet has: below 1024 px they fold behind the menu button."""
    admin = UserFactory(role="admin")
    session.commit()
    sign_in(page, admin.email)
    for width in (390, 768, 800, 900, 1000, 1023, 1024, 1100, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/")
        header = page.locator(".site-header").bounding_box()
        boxes = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                '.site-nav > .brand, .site-menu ul.primary > li,'
                + ' .site-menu ul.staff > li > details > summary,'
                + ' .site-nav .quick > li, .site-nav > .menu-button'))
              .map(el => el.getBoundingClientRect())
              .filter(r => r.width > 0 && r.height > 0)
              .map(r => [r.left, r.right, r.top + r.height / 2])"""
        )
        assert header["height"] <= 66, (width, header)
        centres = [centre for _, _, centre in boxes]
        assert max(centres) - min(centres) <= 12, (width, sorted(centres))  # one row
        spans = sorted((left, right) for left, right, _ in boxes)
        for (_, right), (left, _) in zip(spans, spans[1:], strict=False):
            assert left >= right - 1, (width, "menu items overlap", spans)
    assert page.problems == []
