"""Template filters and globals shared by every page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user

from cocreate.markup import plain_excerpt
from cocreate.web import fragments


# The signed-in person's unread notifications, counted: notifications/ registers it (web/ imports no feature).
def _nothing_unread(_session: object, _user_id: int) -> int:
    return 0


_count_unread: Callable[[object, int], int] = _nothing_unread


def count_unread_with(count: Callable[[object, int], int]) -> None:
    global _count_unread
    _count_unread = count


def timeago(value: datetime | None, now: datetime | None = None) -> str:
    """'3 hours ago', for humans; the exact time goes into a <time> title."""
    if value is None:
        return ""
    seconds = int(((now or datetime.now(UTC)) - value).total_seconds())
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


_SENTINEL = 918273645
_idea_url_patterns: dict[tuple[str, str], str] = {}


def idea_url(idea_id: int, action: str = "idea") -> str:
    """URL of an idea page or action. Built once per endpoint by url_for, then by str.format:
    a board page links each of its ideas several times, and url_for is the slowest part of that."""
    key = (request.script_root, action)
    pattern = _idea_url_patterns.get(key)
    if pattern is None:
        pattern = url_for(f"ideas.{action}", idea_id=_SENTINEL).replace(str(_SENTINEL), "{}")
        _idea_url_patterns[key] = pattern
    return pattern.format(int(idea_id))


def content_url(kind: str, obj) -> str:
    """Where a moderated contribution lives, for links from the queue, the log and profiles."""
    if kind == "idea":
        return idea_url(obj.id)
    if kind == "comment":
        return idea_url(obj.idea_id) + f"#comment-{obj.id}"
    if kind == "review":
        return url_for("reviews.product", slug=obj.product.slug) + f"#review-{obj.id}"
    return url_for("reviews.ugc_item", item_id=obj.id)


def unread_notifications() -> int:
    """The signed-in person's unread notifications: as read with them on a page answering GET (which
    changes none), else one COUNT on an index; once per request."""
    user = current_user._get_current_object()
    if not user.is_authenticated:
        return 0
    count = g.get("unread_notifications")
    if count is None:
        if user.known_unread is not None and request.method in ("GET", "HEAD"):
            count = user.known_unread
        else:
            from cocreate.extensions import db

            count = _count_unread(db.session, user.id)
        g.unread_notifications = count
    return count


def _brand():
    """The community's brand (branding/ fills this in: web/ imports no feature)."""
    return current_app.jinja_env.globals["brand"]()


def head_key() -> tuple:
    """Everything base.html's kept <head> part shows but its slots (web/fragments.py)."""
    return ("head", request.script_root, current_user.is_authenticated, _brand())


def menu_key() -> tuple:
    """Everything base.html's kept menu shows but its slots: who is signed in, as far as the menu tells."""
    user = current_user._get_current_object()
    if not user.is_authenticated:
        return ("menu", request.script_root, None, _brand())
    shown = (user.id, user.role, user.username, user.display_name, user.avatar, unread_notifications())
    return ("menu", request.script_root, shown, _brand())


def init_templating(app: Flask) -> None:
    """The filters and globals of every page; each feature's own are added by create_app."""
    app.jinja_env.filters["timeago"] = timeago
    app.jinja_env.filters["isotime"] = isotime
    app.jinja_env.filters["plain"] = plain_excerpt  # Markdown as plain text, cut at a word
    app.jinja_env.globals.update(
        current_user=current_user,
        idea_url=idea_url,
        content_url=content_url,
        unread_notifications=unread_notifications,
        head_key=head_key,
        menu_key=menu_key,
        memo=fragments.memo,
        slot=fragments.slot,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
