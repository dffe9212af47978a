"""A few seconds of page cache for visitors without a cookie (as Discourse's anonymous cache does).

Most traffic to a public board is people who are not signed in, and they all see the same page. We keep
the rendered HTML per URL for COCREATE_ANON_CACHE_SECONDS (default 5) in each worker. Anyone with a
session or remember cookie (signed in, or with a flash message waiting) always gets a fresh page, so
what a person does is never hidden from them. The per-request CSP nonce is put back into each copy.
"""

from __future__ import annotations

import time
from functools import wraps

from flask import Response, current_app, make_response, request

from cocreate.bounded_cache import ByteBoundedLRU
from cocreate.web.rendering import wants_fragment
from cocreate.web.security import csp_nonce

NONCE_SLOT = "\x00csp-nonce\x00"
BUDGET = 16 * 1024 * 1024  # bytes of pages per worker (a board page is some 100 kB); the oldest go first
_entries = ByteBoundedLRU(BUDGET)  # (path, fragment?) -> (expires, body, mimetype)


def _cacheable_request() -> bool:
    config = current_app.config
    if config.get("ANON_CACHE_SECONDS", 0) <= 0 or request.method != "GET":
        return False
    cookies = request.cookies
    return (
        config["SESSION_COOKIE_NAME"] not in cookies
        and config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies
    )


def _key() -> tuple:
    return (request.full_path, wants_fragment())


def clear() -> None:
    """Forget every cached page (tests; a deploy restarts workers anyway)."""
    _entries.clear()


def anonymous_cache(view):
    """Serve the view's 200 HTML answer from the cache to visitors without cookies."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not _cacheable_request():
            return view(*args, **kwargs)
        key, now = _key(), time.monotonic()
        hit = _entries.get(key)
        if hit and hit[0] > now:
            response = Response(hit[1].replace(NONCE_SLOT, csp_nonce()), mimetype=hit[2])
            response.headers["X-Anonymous-Cache"] = "hit"
            return response
        response = make_response(view(*args, **kwargs))
        if (
            response.status_code == 200
            and response.mimetype == "text/html"
            and "Set-Cookie" not in response.headers
        ):
            body = response.get_data(as_text=True).replace(csp_nonce(), NONCE_SLOT)
            _entries.put(key, (now + current_app.config["ANON_CACHE_SECONDS"], body, response.mimetype))
            response.headers["X-Anonymous-Cache"] = "miss"
        return response

    return wrapper
