"""Admin → Branding: the community's name, tagline, logo, accent colour and footer links, on every page (light
and dark) and in e-mails; colours that would make text unreadable, links that are not web addresses and
files that are not images are refused; only admins change it."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from cocreate.branding.colours import DARK_BACKGROUND, contrast
from cocreate.branding.models import SiteSettings
from cocreate.outbox.models import OutboxMessage
from tests.factories import BoardFactory, UserFactory

GOOD = {
    "name": "Trailhead Community",
    "tagline": "Made with the people who hike",
    "accent": "#2f6f4e",
    "footer_links": "Shop | https://shop.example.com\nHelp | https://help.example.com/faq",
}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), (47, 111, 78)).save(out, format="PNG")
    return out.getvalue()


def test_an_admin_brands_every_page(app, client, session):
    admin = UserFactory(role="admin")
    BoardFactory(slug="gear", name="Gear")
    session.commit()
    assert "<title>Gear · CoCreate</title>" in client.get("/b/gear").get_data(as_text=True)  # the defaults
    client.sign_in(admin)
    data = {**GOOD, "logo": (io.BytesIO(_png()), "logo.png")}
    saved = client.post_form("/admin/branding", data, content_type="multipart/form-data")
    assert saved.status_code == 302, saved.get_data(as_text=True)
    session.rollback()
    settings = session.get(SiteSettings, 1)
    assert settings.logo and settings.version == 1
    for visitor in (client, app.test_client()):
        html = visitor.get("/b/gear").get_data(as_text=True)
        assert "<title>Gear · Trailhead Community</title>" in html
        assert 'aria-label="Trailhead Community: home"' in html and f"/media/{settings.logo}" in html
        assert '<a href="https://shop.example.com" rel="noopener">Shop</a>' in html
        assert "Trailhead Community — Made with the people who hike" in html
        assert "/brand.css?v=1" in html
    css = app.test_client().get("/brand.css?v=1")
    text = css.get_data(as_text=True)
    assert css.mimetype == "text/css" and "immutable" in css.headers["Cache-Control"]
    assert "--cc-accent: #2f6f4e" in text and "prefers-color-scheme: dark" in text
    dark_link = text.split("--cc-link: ")[-1].split(";")[0]
    assert contrast(dark_link, DARK_BACKGROUND) >= 4.5  # links stay readable on the dark theme
    assert app.test_client().get("/brand.css?v=0").headers["Cache-Control"] == "no-cache"  # an old version
    removed = client.post_form(
        "/admin/branding", {**GOOD, "remove_logo": "y"}, content_type="multipart/form-data"
    )
    assert removed.status_code == 302
    session.rollback()
    assert session.get(SiteSettings, 1).logo is None and session.get(SiteSettings, 1).version == 2


def test_bad_branding_is_refused_with_a_reason_and_changes_nothing(client, session):
    admin, member = UserFactory(role="admin"), UserFactory()
    session.commit()
    client.sign_in(member)
    assert client.get("/admin/branding").status_code == 403
    assert client.post_form("/admin/branding", GOOD).status_code == 403
    client.post_form("/logout")
    client.sign_in(admin)
    for change, says in (
        ({"accent": "#ffd400"}, "hard to read"),  # white text on yellow
        ({"accent": "green"}, "#rrggbb"),
        ({"name": "x"}, "2–60 characters"),
        ({"footer_links": "Shop | javascript:alert(1)"}, "https://"),
        ({"footer_links": "Just a label"}, "Label | https://"),
        ({"footer_links": "\n".join(f"L{n} | https://e.example/{n}" for n in range(9))}, "At most 8"),
    ):
        response = client.post_form("/admin/branding", {**GOOD, **change}, content_type="multipart/form-data")
        assert response.status_code == 422 and says in response.get_data(as_text=True), change
    fake = {**GOOD, "logo": (io.BytesIO(b"<svg onload=alert(1)>"), "logo.png")}
    response = client.post_form("/admin/branding", fake, content_type="multipart/form-data")
    assert response.status_code == 422
    session.rollback()
    assert session.scalar(select(SiteSettings)) is None


def test_e_mails_carry_the_communitys_name(app, session, smtp_server):
    from cocreate.branding.services import do_save_branding
    from cocreate.notifications.loop import do_set_preferences, queue_digests
    from cocreate.notifications.services import notify

    admin, reader = UserFactory(role="admin"), UserFactory()
    session.flush()
    do_save_branding(session, actor=admin, uploads=Path(app.instance_path), **GOOD)
    do_set_preferences(session, user=reader, email_updates=True, daily_digest=True)
    notify(session, reader.id, "idea.status", "An idea you follow shipped")
    session.commit()
    queue_digests(session)
    session.commit()
    assert session.scalar(select(OutboxMessage.subject)).startswith("Your Trailhead Community digest")
    assert app.test_cli_runner().invoke(args=["worker", "--once"]).exit_code == 0
    [mail] = smtp_server.messages
    assert mail["From"].addresses[0].display_name == "Trailhead Community"
    assert mail.get_content().rstrip().endswith("Trailhead Community: Made with the people who hike")
