"""Sign-in sessions. The login token is "id:session_version": bumping the version kills every copy."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from flask import Flask, flash, redirect, request, session, url_for
from flask_login import login_user, logout_user
from flask_login.utils import _create_identifier
from sqlalchemy import Column, ColumnElement, bindparam, select

from cocreate.accounts.models import User
from cocreate.accounts.services import do_sign_out_everywhere
from cocreate.extensions import db, login_manager
from cocreate.prepared import Prepared
from cocreate.web.rendering import is_htmx

# What every signed-in request loads with its person, from packages above accounts: create_app declares it
# once (register_feature_hooks): the tier column of the rewards' table keyed by user_id, and the
# notifications' unread count as a column built from the person's id.
_loaded_with: dict[str, Callable] = {}


def load_people_with(*, tier: Callable[[], Column], unread: Callable[[ColumnElement], ColumnElement]) -> None:
    _loaded_with.update(tier=tier, unread=unread)
    _by_id.cache_clear()


@lru_cache(maxsize=1)
def _by_id() -> Prepared:
    """Every signed-in request loads its person, with their tier (what a vote's rate limit and weight ask
    for) and their unread notifications (the menu's bell on every page): one prepared statement
    (cocreate/prepared.py)."""
    if not _loaded_with:
        raise RuntimeError("create_app() declares what a person is loaded with (register_feature_hooks)")
    users, tier = User.__table__, _loaded_with["tier"]()
    return Prepared(
        select(*users.columns, tier, _loaded_with["unread"](users.c.id))
        .select_from(users.outerjoin(tier.table, tier.table.c.user_id == users.c.id))
        .where(users.c.id == bindparam("user_id"))
    )


@login_manager.user_loader
def _load_user(token: str) -> User | None:
    user_id, _, version = token.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    found = _by_id().load(db.session, {"user_id": int(user_id)}, User)
    if found is None or found[0].session_version != int(version):
        return None
    user, user.known_tier, user.tier_is_known, user.known_unread = found[0], found[1], True, found[2]
    return user


def _unauthorized():
    target = url_for("accounts.login", next=request.full_path.rstrip("?"))
    if is_htmx():
        referer = request.headers.get("HX-Current-URL") or request.referrer
        if referer:
            target = url_for("accounts.login", next=_local_path(referer))
        return "Sign in to continue.", 401, {"HX-Redirect": target}
    flash("Sign in to continue.", "info")
    return redirect(target)


def _local_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def start_session(user: User, remember: bool = False) -> None:
    """Rotate the session: nothing from before sign-in survives (fixation), then sign in."""
    session.clear()
    login_user(user, remember=remember)


def end_session(user: User) -> None:
    """Sign out here and everywhere this cookie was copied to."""
    do_sign_out_everywhere(db.session, user)
    db.session.commit()
    logout_user()
    session.clear()


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.session_protection = "basic"
    login_manager._session_identifier_generator = _browser_identifier
    login_manager.unauthorized_handler(_unauthorized)


def _browser_identifier() -> str:
    """Flask-Login's identifier of the browser a session is used from (its session protection compares it
    on every signed-in request; a SHA-512), made by Flask-Login itself once per address and agent in this
    worker instead of on every request."""
    headers = request.headers
    return _identifier_of(headers.get("X-Forwarded-For", request.remote_addr), headers.get("User-Agent"))


@lru_cache(maxsize=4096)
def _identifier_of(_address: str | None, _agent: str | None) -> str:
    """Flask-Login's own identifier: it reads from the request exactly the address and agent it is kept
    under."""
    return _create_identifier()


def safe_next(target: str | None, default: str) -> str:
    """Only same-site relative paths are followed after sign-in (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default
