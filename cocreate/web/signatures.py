"""Signatures worked out once per worker: opening the session cookie, signing the CSRF token and checking
a signed one.

Every request of a signed-in person opens the same session cookie (base64, zlib, an HMAC and tagged JSON:
about 55 µs), every page with a form signs the same CSRF token (an HMAC: about 35 µs) and every form or
vote sent back checks it (about 35 µs). All are pure functions of the secret key and the values, so each
worker remembers the result for a cookie or a token it has seen (bounded; the oldest go first):

- a cookie that verified maps to its data and the time it was signed, and is only taken from memory while
  it is younger than the session lifetime, as itsdangerous would check; a session holding anything but
  plain values (a list of flashed messages, which code changes in place) is opened anew each time;
- a session's raw CSRF token maps to one signed form of it. The form's timestamp does not matter (tokens
  live as long as the session: WTF_CSRF_TIME_LIMIT = None), and the raw token can be read in every signed
  form anyway, so handing out the same one again tells nobody anything new;
- a signed token that flask-wtf verified maps to the raw token it carries; a request sending it again is
  let through when that raw token is its session's own, as flask-wtf would decide (every other rule of
  CSRFProtect.protect, below, is kept as it is).

A cookie or a token that does not verify is never remembered. Tokens are remembered only while they never
expire (WTF_CSRF_TIME_LIMIT = None, the configuration's default); with a time limit every token is signed
and checked each time, so that the limit holds.

Proof that it decides as Flask and flask-wtf would: tests/web/test_signatures.py.
"""

from __future__ import annotations

import hmac
import logging
import time

from flask import Flask, current_app, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect, generate_csrf, same_origin, validate_csrf
from itsdangerous import BadSignature
from wtforms import ValidationError

from cocreate import speed
from cocreate.bounded_cache import ByteBoundedLRU

BUDGET = 4 * 1024 * 1024  # bytes per map and worker (a cookie is up to 4 kB); the oldest go first
_PLAIN = (str, int, float, bool, type(None))


class RememberedCookieSessions(SecureCookieSessionInterface):
    """Flask's signed cookie sessions, each cookie verified once per worker (see the module's text)."""

    def __init__(self) -> None:
        self.opened = ByteBoundedLRU(BUDGET)
        self._serializers: dict[tuple, object] = {}

    def get_signing_serializer(self, app: Flask):
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        found = self._serializers.get(key)
        if found is None:
            found = self._serializers[key] = super().get_signing_serializer(app)
        return found

    def open_session(self, app: Flask, request):
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie or not app.secret_key:
            return super().open_session(app, request)
        lifetime = int(app.permanent_session_lifetime.total_seconds())
        key = (app.secret_key, cookie)
        kept = self.opened.get(key)
        if kept is not None and time.time() - kept[1] <= lifetime:
            return self.session_class(kept[0])  # a copy: the values themselves are immutable
        try:
            data, signed = self.get_signing_serializer(app).loads(
                cookie, max_age=lifetime, return_timestamp=True
            )
        except BadSignature:
            return self.session_class()
        if all(isinstance(value, _PLAIN) for value in data.values()):
            self.opened.put(key, (data, signed.timestamp()))
        return self.session_class(data)


_signed_tokens = ByteBoundedLRU(BUDGET)
_verified_tokens = ByteBoundedLRU(BUDGET)
log = logging.getLogger("flask_wtf.csrf")


class RememberingCSRFProtect(CSRFProtect):
    """flask-wtf's CSRF protection, its protect() written out with one change: a signed token this worker
    verified before is not verified again (the HMAC), only compared with the session's raw token."""

    def protect(self, apply_exemptions=False):
        if not speed.on("signatures"):
            return super().protect(apply_exemptions=apply_exemptions)
        if apply_exemptions and (not request.endpoint or self._is_exempt()):
            return
        if request.method not in current_app.config["WTF_CSRF_METHODS"]:
            return
        sent = self._get_csrf_token()
        raw = _verified_tokens.get((current_app.secret_key, sent)) if sent and _timeless() else None
        if raw is None or not hmac.compare_digest(session.get("csrf_token") or "", raw):
            try:
                validate_csrf(sent)
            except ValidationError as e:
                log.info(e.args[0])
                self._error_response(e.args[0])
            if _timeless():
                _verified_tokens.put((current_app.secret_key, sent), session["csrf_token"])
        if request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"]:
            if not request.referrer:
                self._error_response("The referrer header is missing.")
            if not same_origin(request.referrer, f"https://{request.host}/"):
                self._error_response("The referrer does not match the host.")
        g.csrf_valid = True


csrf = RememberingCSRFProtect()  # the app's CSRF protection (create_app calls init_app)


def csrf_token() -> str:
    """This session's CSRF token, signed once per worker (flask-wtf's generate_csrf signs it per request);
    forms and templates get the same one for the request (flask-wtf reads it from g)."""
    token = g.get("csrf_token")
    if token:
        return token
    if not _timeless():
        return generate_csrf()  # a fresh timestamp each request, as flask-wtf gives (it keeps it in g)
    raw = session.get("csrf_token")
    key = (current_app.secret_key, raw)
    token = _signed_tokens.get(key) if raw else None
    if token is None:
        token = generate_csrf()
        _signed_tokens.put((current_app.secret_key, session["csrf_token"]), token)
    g.csrf_token = token
    return token


def _timeless() -> bool:
    """Tokens never expire: a signed one stays good as long as its session, so it may be remembered."""
    return current_app.config.get("WTF_CSRF_TIME_LIMIT") is None


def init_signatures(app: Flask) -> None:
    """After CSRFProtect.init_app: templates' csrf_token() is this one (a context processor of flask-wtf
    offers its own to every template; a later one wins)."""
    app.session_interface = RememberedCookieSessions()
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})
