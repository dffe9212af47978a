"""Rate limits on the web's state changes: signing in and up (per address, and per account for sign-in),
posting and voting (per person, looser for higher tiers). The N+1th request in a window gets 429 with
Retry-After and a sentence saying when to try again; nothing of it is processed. Counted through the shared
limiter (cocreate/web/ratelimit.py), so with REDIS_URL every worker and app server counts together. The API
has its own limits per token (cocreate/api/gate.py)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, request
from flask_login import current_user

from cocreate.extensions import db
from cocreate.web.ratelimit import limiter

# Which endpoint counts against which limit.
# tests/web/test_rate_limits.py::test_every_limited_endpoint_exists_and_takes_posts checks the names.
CLASSES = {
    "accounts.login": "signin",
    "accounts.register": "signup",
    "accounts.email_link": "signin",
    "accounts.forgot": "signin",
    "accounts.use_link": "signin",
    "accounts.reset_password": "signin",
    "privacy.delete_account": "signin",  # it asks for the password
    "ideas.new_idea": "post",
    "ideas.comment": "post",
    "ideas.edit_idea": "post",
    "ideas.edit_comment": "post",
    "ideas.capture_idea": "post",
    "reviews.write_review": "post",
    "reviews.share": "post",
    "reviews.edit_ugc": "post",
    "beta.feedback": "post",
    "moderation.flag": "post",
    "ideas.vote": "vote",
    "ideas.unvote": "vote",
    "ideas.importance": "vote",
    "ideas.capture_vote": "vote",
    "reviews.helpful": "vote",
    "insights.rate_shipped": "vote",
    "insights.answer": "vote",
}
WHAT = {
    "signin": "sign-in attempts",
    "signup": "new accounts from your network",
    "post": "posts",
    "vote": "votes",
}


STAFF_FACTOR = 10


# The person's tier as a rank (0: Member, 1: Contributor…): rewards/ registers it (web/ imports no feature).
def _everyone_a_member(_session: object, _user: object) -> int:
    return 0


_tier_rank: Callable[[object, object], int] = _everyone_a_member


def rank_tiers_with(rank: Callable[[object, object], int]) -> None:
    global _tier_rank
    _tier_rank = rank


def room_factor(user) -> float:
    """How many times a Member's limit this person gets. Members get the limit as set; each tier above adds
    half of it (Co-creators: 2.5 times). Staff record feedback for customers at events and moderate in bulk:
    ten times."""
    if user.is_staff:
        return STAFF_FACTOR
    return 1 + 0.5 * _tier_rank(db.session, user)


def _keys(kind: str) -> list[tuple[str, int]]:
    """The counters this request adds to, with the limit of each."""
    count, _ = current_app.config["RATE_LIMITS"][kind]
    address = request.remote_addr or "unknown"
    if kind == "signin":
        email = (request.form.get("email") or "").strip().lower()[:254]
        keys = [(f"web:signin:ip:{address}", count)]
        return keys + ([(f"web:signin:email:{email}", count)] if email else [])
    person = current_user._get_current_object()  # once, not through the proxy at each use
    if kind == "signup" or not person.is_authenticated:
        return [(f"web:{kind}:ip:{address}", count)]
    return [(f"web:{kind}:user:{person.id}", int(count * room_factor(person)))]


def check_rate_limit():
    if request.method != "POST" or request.endpoint not in CLASSES:
        return None
    kind = CLASSES[request.endpoint]
    window = current_app.config["RATE_LIMITS"][kind][1]
    for key, limit in _keys(kind):
        decision = limiter().hit(key, limit, window)
        if not decision.allowed:
            from cocreate.web.errors import error_response

            minutes = max(1, round(decision.retry_after / 60))
            wait = f"{decision.retry_after} seconds" if decision.retry_after < 120 else f"{minutes} minutes"
            response = error_response(
                429, f"Too many {WHAT[kind]} in a short time. Please try again in {wait}; nothing was saved."
            )
            response = current_app.make_response(response)
            response.headers["Retry-After"] = str(decision.retry_after)
            return response
    return None


def init_web_limits(app: Flask) -> None:
    app.before_request(check_rate_limit)
