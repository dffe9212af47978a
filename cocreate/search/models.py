"""Index writes that failed after commit, retried later (the contribution itself is already safe)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from cocreate.db import UTCDateTime, utcnow
from cocreate.extensions import db


class SearchBacklog(db.Model):
    __tablename__ = "search_backlog"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
