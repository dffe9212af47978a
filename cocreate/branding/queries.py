"""The brand as every page shows it: one statement, kept with a page's other reads while the database is
the same (cocreate/kept_reads.py), so a page that only reads pays nothing for it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.branding.models import SiteSettings
from cocreate.prepared import Prepared

DEFAULT_NAME, DEFAULT_TAGLINE, DEFAULT_ACCENT = "CoCreate", "Shape what we make next.", "#4a3aff"


@dataclass(frozen=True)
class Brand:
    name: str = DEFAULT_NAME
    tagline: str = DEFAULT_TAGLINE
    accent: str = DEFAULT_ACCENT
    logo: str | None = None
    links: tuple[tuple[str, str], ...] = ()
    version: int = 0  # 0: the defaults, no stylesheet of its own

    @property
    def custom_colour(self) -> bool:
        return self.accent.lower() != DEFAULT_ACCENT


_t = SiteSettings.__table__.c
_CURRENT = Prepared(
    select(_t.name, _t.tagline, _t.accent, _t.logo, _t.footer_links, _t.version).where(_t.id == 1)
)


def current(session: Session) -> Brand:
    """The brand now (the defaults until an admin saves one)."""
    row = _CURRENT.first(session)
    if row is None:
        return Brand()
    name, tagline, accent, logo, links, version = row
    return Brand(name, tagline, accent, logo, parse_links(links), version)


def parse_links(text: str | None) -> tuple[tuple[str, str], ...]:
    """ "Label | url" lines as (label, url) pairs (lines without both parts are left out)."""
    pairs = []
    for line in (text or "").splitlines():
        label, _, url = (part.strip() for part in line.partition("|"))
        if label and url:
            pairs.append((label, url))
    return tuple(pairs)
