"""Saving the brand (admins only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.branding.colours import HEX, MIN_CONTRAST, WHITE, contrast
from cocreate.branding.models import SiteSettings
from cocreate.branding.queries import DEFAULT_ACCENT, DEFAULT_NAME, DEFAULT_TAGLINE
from cocreate.db import utcnow
from cocreate.errors import InvalidInput, NotAllowed
from cocreate.markup import one_line
from cocreate.media import store_image

MAX_LINKS = 8


@dataclass(frozen=True)
class Saved:
    settings: SiteSettings
    old_logo: str | None  # a file to delete once the change is committed


def check_accent(value: str) -> str:
    """#rrggbb on which white text reads (buttons), and which reads on white (links): 4.5:1 at least."""
    accent = (value or "").strip().lower()
    if not HEX.match(accent):
        raise InvalidInput("Give the colour as #rrggbb, for example #2f6f4e.", field="accent")
    ratio = contrast(accent, WHITE)
    if ratio < MIN_CONTRAST:
        raise InvalidInput(
            f"White text on {accent} would be hard to read (contrast {ratio:.1f}:1; at least "
            f"{MIN_CONTRAST}:1 is needed). Choose a darker colour.",
            field="accent",
        )
    return accent


def check_links(text: str) -> str:
    """Footer links as "Label | https://…" lines: at most eight, web addresses only."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_LINKS:
        raise InvalidInput(f"At most {MAX_LINKS} footer links.", field="footer_links")
    kept = []
    for number, line in enumerate(lines, start=1):
        label, bar, url = (one_line(part) for part in line.partition("|"))
        parts = urlsplit(url)
        if not bar or not label or len(label) > 40:
            raise InvalidInput(f"Line {number}: write it as “Label | https://…”.", field="footer_links")
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 300:
            raise InvalidInput(
                f"Line {number}: links start with https:// (or http://).", field="footer_links"
            )
        kept.append(f"{label} | {url}")
    return "\n".join(kept)


def do_save_branding(
    session: Session,
    *,
    actor: User | None,
    name: str,
    tagline: str,
    accent: str,
    footer_links: str,
    logo: bytes | None = None,
    remove_logo: bool = False,
    uploads: Path,
) -> Saved:
    """Save the community's name, tagline, colour, logo and footer links; every page shows them at once."""
    if actor is None or not actor.is_authenticated or not actor.is_admin:
        raise NotAllowed("Only administrators change the community's look.")
    name, tagline = one_line(name), one_line(tagline)
    if not 2 <= len(name) <= 60:
        raise InvalidInput("The community's name is 2–60 characters.", field="name")
    if len(tagline) > 160:
        raise InvalidInput("The tagline is at most 160 characters.", field="tagline")
    accent, links = check_accent(accent), check_links(footer_links)
    settings = session.get(SiteSettings, 1, with_for_update=True)
    if settings is None:
        settings = SiteSettings(
            id=1, name=DEFAULT_NAME, tagline=DEFAULT_TAGLINE, accent=DEFAULT_ACCENT, version=0
        )
        session.add(settings)
    old_logo = None
    if logo:
        stored = store_image(logo, uploads)  # refuses what is not a real image, too large, or a bomb
        old_logo, settings.logo = settings.logo, stored.name
    elif remove_logo:
        old_logo, settings.logo = settings.logo, None
    settings.name, settings.tagline, settings.accent, settings.footer_links = name, tagline, accent, links
    settings.version = (settings.version or 0) + 1
    settings.updated_by_id, settings.updated_at = actor.id, utcnow()
    session.flush()
    return Saved(settings, old_logo)
