"""The security suite over the app's URL map: every route and method against six people (anonymous, the member
who owns the world's things, another member, a moderator, a product person, an admin). Any success for
someone the route is not for fails the test, and a route the table does not know fails too, so a new route
must be classified here. Then the CSRF sweep: every state change, signed in as an admin, without a token or
with another session's token, changes nothing in the database."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from cocreate.extensions import db
from tests.fixtures.world import ROLES, client_as, url_for_rule

EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
OWNER = {"member", "moderator", "admin"}  # the member's own things; moderators and admins may act on them
OWNER_ONLY = {"member"}
STAFF = {"moderator", "product", "admin"}
PRODUCT = {
    "product",
    "admin",
}  # the product team: ranking, weights, backlog, KPIs, surveys, kiosks, sentiment
MODERATORS = {"moderator", "admin"}
ADMIN = {"admin"}
NOBODY: set[str] = set()  # a kiosk's device token or a backlog's signature, which none of them has

ACCESS = {
    # accounts
    "accounts.login": EVERYONE,
    "accounts.register": EVERYONE,
    "accounts.email_link": EVERYONE,
    "accounts.forgot": EVERYONE,
    "accounts.use_link": NOBODY,  # only with a live link
    "accounts.reset_password": NOBODY,
    "accounts.logout": SIGNED_IN,
    "home.profile": EVERYONE,
    "privacy.privacy_page": SIGNED_IN,
    "accounts.profile_settings": SIGNED_IN,
    "privacy.export": SIGNED_IN,
    "privacy.delete_account": SIGNED_IN,
    "privacy.set_consents": SIGNED_IN,
    "api_tokens.tokens": SIGNED_IN,
    "api_tokens.revoke": OWNER_ONLY,
    "notifications.index": SIGNED_IN,
    "notifications.mark_read": SIGNED_IN,
    "notifications.settings": SIGNED_IN,
    # ideas
    "healthz": EVERYONE,
    "static": EVERYONE,
    "home.index": EVERYONE,
    "branding.stylesheet": EVERYONE,
    "branding.settings": ADMIN,
    "ideas.boards": EVERYONE,
    "ideas.board": EVERYONE,
    "ideas.idea": EVERYONE,
    "ideas.idea_history": EVERYONE,
    "ideas.roadmap": EVERYONE,
    "ideas.changelog": EVERYONE,
    "ideas.new_idea": SIGNED_IN,
    "ideas.comment": SIGNED_IN,
    "ideas.vote": SIGNED_IN,
    "ideas.unvote": SIGNED_IN,
    "ideas.importance": SIGNED_IN,
    "ideas.edit_idea": OWNER,
    "ideas.edit_comment": OWNER,
    "ideas.delete_idea": OWNER_ONLY,  # the author alone; moderators reject instead
    "ideas.delete_comment": OWNER_ONLY,
    "ideas.change_status": STAFF,
    "ideas.merge": STAFF,
    "ideas.capture_idea": STAFF,
    "ideas.capture_vote": STAFF,
    "search.search": EVERYONE,
    "search.similar": EVERYONE,
    # reviews and stories
    "reviews.products": EVERYONE,
    "reviews.product": EVERYONE,
    "reviews.campaigns": EVERYONE,
    "reviews.campaign": EVERYONE,
    "reviews.media": EVERYONE,
    "reviews.ugc_item": OWNER,  # the world's story still waits for a moderator
    "reviews.write_review": SIGNED_IN,
    "reviews.helpful": SIGNED_IN,
    "reviews.share": SIGNED_IN,
    "reviews.edit_ugc": OWNER,
    "reviews.delete_ugc": OWNER_ONLY,
    "reviews.delete_review": {"other"},  # the world's review is the other member's, and only theirs to delete
    "reviews.manage_products": PRODUCT,
    "reviews.manage_campaigns": PRODUCT,
    "reviews.import_orders": PRODUCT,
    # moderation
    "moderation.flag": SIGNED_IN,
    "moderation.queue": MODERATORS,
    "moderation.decide": MODERATORS,
    "moderation.bulk": MODERATORS,
    "search.duplicates": MODERATORS,
    "moderation.words": MODERATORS,
    "moderation.delete_word": MODERATORS,
    "moderation.log": MODERATORS,
    # rewards
    "rewards.badges": EVERYONE,
    "rewards.leaderboard": EVERYONE,
    "rewards.source": EVERYONE,
    "rewards.mine": SIGNED_IN,
    "rewards.leaderboard_visibility": SIGNED_IN,
    "rewards.admin": ADMIN,
    # beta
    "beta.index": EVERYONE,
    "beta.program": EVERYONE,
    "beta.signup": SIGNED_IN,
    "beta.withdraw": SIGNED_IN,
    "beta.accept_terms": SIGNED_IN,
    "beta.feedback": SIGNED_IN,
    "beta.manage": PRODUCT,
    "beta.manage_program": PRODUCT,
    "beta.set_state": PRODUCT,
    "beta.invite": PRODUCT,
    "beta.decide_signup": PRODUCT,
    "beta.decide_feedback": PRODUCT,
    "beta.participants_csv": PRODUCT,
    # the product team's workspace and insights
    "backlog.ranked_list": PRODUCT,
    "backlog.why": PRODUCT,
    "backlog.export": PRODUCT,
    "backlog.preview": PRODUCT,
    "backlog.save_weights": PRODUCT,
    "backlog.bulk_status": PRODUCT,
    "backlog.save_view": PRODUCT,
    "backlog.delete_view": PRODUCT,
    "backlog.send": PRODUCT,
    "backlog.admin": ADMIN,
    "backlog.allow_host": ADMIN,
    "backlog.remove_host": ADMIN,
    "backlog.delete": ADMIN,
    "backlog.set_enabled": ADMIN,
    "backlog.inbound": NOBODY,
    "insights.sentiment": PRODUCT,
    "insights.kpi_dashboard": PRODUCT,
    "insights.kpi_csv": PRODUCT,
    "insights.team_surveys": PRODUCT,
    "insights.set_active": PRODUCT,
    "insights.team_kiosks": PRODUCT,
    "insights.revoke_kiosk": PRODUCT,
    "insights.my_surveys": SIGNED_IN,
    "insights.answer": OWNER_ONLY,
    "insights.rate_shipped": SIGNED_IN,
    "kiosk.activate": EVERYONE,
    "kiosk.home": NOBODY,
    "kiosk.idea": NOBODY,
    "kiosk.rate_pick": NOBODY,
    "kiosk.rate": NOBODY,
    "kiosk.question": NOBODY,
    "kiosk.thanks": NOBODY,
    "admin.users": ADMIN,
    "admin.set_role": ADMIN,
    "admin.boards": ADMIN,
    "admin.edit_board": ADMIN,
    "outbox.deliveries": ADMIN,
    # the API, with the browser's session (tokens: tests/web/api/)
    "api.openapi": EVERYONE,
    "api.docs": EVERYONE,
    "api.list_boards": EVERYONE,
    "api.list_ideas": EVERYONE,
    "api.get_idea": EVERYONE,
    "api.list_comments": EVERYONE,
    "api.list_products": EVERYONE,
    "api.list_reviews": EVERYONE,
    "api.list_stories": EVERYONE,
    "api.get_story": OWNER,
    "api.list_programs": EVERYONE,
    "api.me": SIGNED_IN,
    "api.my_ideas": SIGNED_IN,
    "api.my_votes": SIGNED_IN,
    "api.my_comments": SIGNED_IN,
    "api.my_reviews": SIGNED_IN,
    "api.my_stories": SIGNED_IN,
    "api.my_surveys": SIGNED_IN,
    "api.answer_survey": OWNER_ONLY,
    "api.create_idea": SIGNED_IN,
    "api.edit_idea": OWNER,
    "api.put_vote": SIGNED_IN,
    "api.delete_vote": SIGNED_IN,
    "api.create_comment": SIGNED_IN,
    "api.create_review": SIGNED_IN,
    "api.share_story": SIGNED_IN,
    "api.sign_up": SIGNED_IN,
    "api.withdraw": SIGNED_IN,
    "api.ranking": PRODUCT,
}
LAST = ("accounts.logout", "admin.set_role")  # they end sessions: each role sends them after the rest


def _operations(app):
    ops = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            ops.append((rule, method))
    return sorted(ops, key=lambda op: (op[0].endpoint in LAST, op[0].endpoint, op[1]))


def _send(client, url: str, method: str, token: str | None):
    if method == "GET":
        response = client.get(url, buffered=True)  # streamed answers (CSV exports) run to the end
    elif url.startswith("/api/"):
        headers = {"X-CSRFToken": token} if token else {}
        response = client.open(url, method=method, json={}, headers=headers)
    else:
        response = client.post(url, data={"csrf_token": token} if token else {})
    return response


def _succeeded(response) -> bool:
    if response.status_code >= 400:
        return False
    location = response.headers.get("Location", "")
    return not (response.status_code in (301, 302, 303) and "/login" in location)


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(ACCESS) == set(), "classify the new routes in ACCESS"
    assert set(ACCESS) - endpoints == set(), "ACCESS names routes that no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_no_route_succeeds_for_someone_it_is_not_for(app, session, world, roomy_limits, role):
    client = client_as(app, session, world, role)
    token = client.csrf_token()
    unexpected = []
    for rule, method in _operations(app):
        url = url_for_rule(rule, world)
        response = _send(client, url, method, token)
        assert response.status_code != 500, f"{method} {url} as {role}"
        if role not in ACCESS[rule.endpoint] and _succeeded(response):
            unexpected.append(f"{method} {url} as {role}: {response.status_code}")
    assert unexpected == []


def _digest() -> str:
    """Every row of every table, hashed: equal digests mean nothing changed."""
    h = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
        h.update(f"{table.name}:{rows!r}".encode())
    return h.hexdigest()


@pytest.mark.parametrize("token_kind", ["missing", "another session's"])
def test_no_state_change_without_this_sessions_csrf_token(app, session, world, roomy_limits, token_kind):
    admin = client_as(app, session, world, "admin")
    stranger = app.test_client().csrf_token()  # a valid token, but of another session
    token = None if token_kind == "missing" else stranger
    session.rollback()
    before = _digest()
    checked = 0
    for rule, method in _operations(app):
        if method == "GET" or rule.endpoint == "backlog.inbound":  # inbound: signed by the backlog, no cookie
            continue
        url = url_for_rule(rule, world)
        response = _send(admin, url, method, token)
        expected = 403 if url.startswith("/api/") else 400
        assert response.status_code == expected, f"{method} {url}: {response.status_code}"
        checked += 1
    session.rollback()
    assert _digest() == before
    assert checked >= 80
