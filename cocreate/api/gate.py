"""Every API request passes here first: who is asking (a token, or the web session with its CSRF token for
writes), whether the token may write, and the rate limit. Errors come back as problem details."""

from __future__ import annotations

from flask import g, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.exceptions import HTTPException

from cocreate.api import bp
from cocreate.api.models import ApiToken
from cocreate.api.problems import ApiError, from_domain, from_http, problem
from cocreate.api.tokens import find_token, needs_touch
from cocreate.channels import Channel, Origin
from cocreate.db import utcnow, write_intent
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.storable import storable
from cocreate.web.ratelimit import limiter
from cocreate.web.signatures import csrf

SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
BEARER_CHALLENGE = 'Bearer realm="cocreate"'

csrf.exempt(bp)  # token requests carry no cookie; cookie requests are checked below, as on the web


def current_token() -> ApiToken | None:
    return g.get("api_token")


def origin() -> Origin:
    """The API channel, with the token's app name (cookie requests come from our own pages)."""
    token = current_token()
    return Origin(Channel.API, via=token.name if token is not None else "")


@bp.before_request
def _authenticate() -> None:
    g.api_token = None
    if not storable(request.path):  # e.g. %00 in a slug: no such thing, and never a database error
        raise ApiError(404, "Not found.")
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, plain = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not plain.strip():
            raise ApiError(
                401,
                "Send the token as 'Authorization: Bearer <token>'.",
                headers={"WWW-Authenticate": BEARER_CHALLENGE},
            )
        token = find_token(db.session, plain.strip())
        if token is None:
            raise ApiError(
                401,
                "This token is unknown or has been revoked. Create a new one on your profile.",
                headers={"WWW-Authenticate": f'{BEARER_CHALLENGE}, error="invalid_token"'},
            )
        g.api_token = token
        g._login_user = token.user  # flask-login's per-request user: the token's owner, no cookie involved
        if request.method not in SAFE and not token.can_write:
            raise ApiError(403, "This token can only read. Create a token with write access to make changes.")
        _touch(token)
    elif request.method not in SAFE and current_user.is_authenticated:
        csrf.protect()  # the web session in a browser: same rule as every form
    _rate_limit()


def _touch(token: ApiToken) -> None:
    """Record when the token was last used, at most once a minute."""
    if not needs_touch(token):
        return
    now = utcnow()
    stmt = update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now)
    if request.method in SAFE:
        # A read must not turn its transaction into a write (SQLite); a separate short one records it.
        with write_intent(), db.engine.begin() as conn:
            conn.execute(stmt)
    else:
        db.session.execute(stmt)
    set_committed_value(token, "last_used_at", now)  # already written: not a change to flush again


def _rate_limit() -> None:
    from flask import current_app

    token = current_token()
    config = current_app.config
    if token is not None:
        key, limit = f"api:token:{token.id}", config["API_RATE_LIMIT"]
    elif current_user.is_authenticated:
        key, limit = f"api:user:{current_user.id}", config["API_RATE_LIMIT"]
    else:
        key, limit = f"api:ip:{request.remote_addr}", config["API_ANON_RATE_LIMIT"]
    if request.method not in SAFE:
        key, limit = key + ":write", min(limit, config["API_WRITE_RATE_LIMIT"])
    decision = limiter().hit(key, limit, config["API_RATE_WINDOW"])
    g.rate_headers = {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(decision.retry_after),
    }
    if not decision.allowed:
        raise ApiError(
            429,
            f"Too many requests: {decision.limit} per {config['API_RATE_WINDOW']} seconds. "
            f"Try again in {decision.retry_after} s.",
            headers={"Retry-After": str(decision.retry_after)},
        )


@bp.after_request
def _headers(response):
    for name, value in g.get("rate_headers", {}).items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError):
    db.session.rollback()
    return problem(exc.status, exc.detail, exc.errors, exc.headers)


@bp.errorhandler(DomainError)
def _domain_error(exc: DomainError):
    db.session.rollback()
    if exc.status == 403 and not current_user.is_authenticated:
        return problem(401, exc.message, headers={"WWW-Authenticate": BEARER_CHALLENGE})
    return from_domain(exc)


@bp.errorhandler(CSRFError)
def _csrf_error(_exc: CSRFError):
    db.session.rollback()
    return problem(
        403,
        "Requests made with the browser session need the page's CSRF token in the X-CSRFToken header. "
        "Apps should use a personal access token instead.",
    )


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    db.session.rollback()
    return from_http(exc)
