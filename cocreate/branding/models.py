"""One row of settings (id 1); without it the defaults apply."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db


class SiteSettings(db.Model):
    __tablename__ = "site_settings"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(60))
    tagline: Mapped[str] = mapped_column(String(160), default="")
    accent: Mapped[str] = mapped_column(String(7))  # #rrggbb
    logo: Mapped[str | None] = mapped_column(String(40))  # an uploaded image's name (cocreate/media.py)
    # "Label | https://…" a line: text, not JSON, so that a page's reads can keep it (kept_reads.py)
    footer_links: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)  # raised on each save: /brand.css?v=
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
