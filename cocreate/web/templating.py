"""Template filters and globals shared by every page."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask

from cocreate.ideas.models import Importance, Status


def timeago(value: datetime | None) -> str:
    """'3 hours ago', for humans; the exact time goes into a <time> title."""
    if value is None:
        return ""
    seconds = int((datetime.now(UTC) - value).total_seconds())
    if seconds < 60:
        return "just now"
    for unit, size in (
        ("year", 31536000),
        ("month", 2592000),
        ("day", 86400),
        ("hour", 3600),
        ("minute", 60),
    ):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"


def isotime(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def init_templating(app: Flask) -> None:
    app.jinja_env.filters["timeago"] = timeago
    app.jinja_env.filters["isotime"] = isotime
    app.jinja_env.globals.update(
        Status=Status,
        Importance=Importance,
        status_label=lambda s: Status(s).label,
        importance_label=lambda s: Importance(s).label,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
