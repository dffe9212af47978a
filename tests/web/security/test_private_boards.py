"""Nothing of a private board reaches anyone who may not see it, on any route. The world gets a board that
only the product role may see (and admins), with an idea, comments, a flag, a vote and a moderation case.
For every role that may not see it (anonymous, two members, a moderator):
- every GET page of the URL map, and the listings that take a query (search, similar ideas, the API's
  lists, the moderation queue's filters), answer without a word of it;
- every route and method, with its ids and slugs pointing at the private board's things, neither succeeds
  nor shows a word of it.
The product person and the admin see it, so that the test is known to look in the right places."""

from __future__ import annotations

import dataclasses
import re

import pytest
from sqlalchemy import select

from cocreate.ideas.services import do_add_comment, do_create_idea, do_vote
from cocreate.moderation.models import ModerationCase
from cocreate.moderation.services import do_flag
from tests.factories import BoardFactory
from tests.fixtures.world import ROLES, client_as, url_for_rule
from tests.web.security.test_route_matrix import LAST, _operations, _send

MARK = "zanzibar"  # every private text holds it; no public text does
ALLOWED = {"product", "admin"}
NOT_ALLOWED = [r for r in ROLES if r not in ALLOWED]
QUERIES = [
    f"/search?q={MARK}",
    f"/search?q={MARK}&kind=idea",
    f"/search?q={MARK}&board=vault",
    f"/b/pub/similar?title={MARK}",
    f"/b/vault/similar?title={MARK}",
    f"/api/v1/ideas?q={MARK}",
    "/api/v1/boards",
    "/api/v1/boards/vault/ideas",
    f"/moderation?q={MARK}",
    "/moderation?kind=comment",
    "/moderation?kind=idea",
    "/moderation/log",
    "/roadmap",
    "/changelog",
    "/leaderboard?board=vault",
    "/u/product_user",
    "/u/admin_user",
]


@pytest.fixture
def private(app, session, world):
    """The world, plus a board only the product role may see, and the ids that name its things."""
    from cocreate.accounts.models import User

    product = session.get(User, world.users["product"])
    admin = session.get(User, world.users["admin"])
    board = BoardFactory(
        slug="vault", name=f"The {MARK} vault", is_private=True, allowed_roles="product", vote_budget=None
    )
    idea = do_create_idea(session, actor=product, board=board, title=f"The {MARK} plan", body=f"{MARK} body")
    twin = do_create_idea(session, actor=admin, board=board, title=f"The {MARK} plan again")
    comment = do_add_comment(session, actor=product, idea=idea, body=f"A {MARK} comment")
    flagged = do_add_comment(session, actor=admin, idea=idea, body=f"A flagged {MARK} comment")
    do_vote(session, actor=admin, idea=idea)
    do_flag(session, actor=product, obj=flagged, reason="spam", threshold=99)
    session.flush()
    case = session.scalar(select(ModerationCase.id).where(ModerationCase.object_id == flagged.id))
    session.commit()
    ids = {
        **world.ids,
        "idea_id": idea.id,
        "object_id": twin.id,
        "comment_id": comment.id,
        "board_id": board.id,
        "case_id": case,
        "username": "product_user",
    }
    slugs = {**world.slugs, "b": "vault", "boards": "vault", "default": "vault"}
    return dataclasses.replace(world, ids=ids, slugs=slugs)


PHRASES = (f"the {MARK} plan", f"the {MARK} vault", f"{MARK} comment", f"{MARK} body")


def _shows(response, idea_ids=()) -> bool:
    """Any private text, tags (search highlights) taken out; not the marker alone, which a query echoes; or
    a link to one of the private ideas."""
    html = response.get_data(as_text=True)
    text = " ".join(re.sub(r"<[^>]*>", "", html).lower().split())
    linked = any(re.search(rf'/i/{i}(?=["#/?])', html) for i in idea_ids)
    return linked or any(phrase in text for phrase in PHRASES)


@pytest.mark.parametrize("role", ["product", "admin"])
def test_those_allowed_see_the_private_board(app, session, private, roomy_limits, role):
    client = client_as(app, session, private, role)
    for url in ("/b/vault", f"/i/{private.ids['idea_id']}", f"/search?q={MARK}", "/api/v1/boards"):
        response = client.get(url)
        assert response.status_code == 200 and _shows(response), url


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_no_page_shows_a_private_board_to_someone_who_may_not_see_it(
    app, session, world, private, roomy_limits, role
):
    client = client_as(app, session, world, role)
    leaks = []
    urls = [url_for_rule(rule, world) for rule, method in _operations(app) if method == "GET"]
    for url in urls + QUERIES:
        response = client.get(url, buffered=True)
        assert response.status_code != 500, url
        if _shows(response, (private.ids["idea_id"], private.ids["object_id"])):
            leaks.append(f"GET {url}: {response.status_code}")
    assert leaks == [], "\n".join(leaks)


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_no_route_acts_on_a_private_boards_things_for_someone_who_may_not_see_it(
    app, session, private, roomy_limits, role
):
    client = client_as(app, session, private, role)
    token = client.csrf_token()
    leaks = []
    comment = dataclasses.replace(
        private, ids={**private.ids, "kind": "comment", "object_id": private.ids["comment_id"]}
    )
    for rule, method in _operations(app):
        if rule.endpoint in LAST or not rule.arguments:
            continue
        for w in (private, comment) if "kind" in rule.arguments else (private,):
            url = url_for_rule(rule, w)
            response = _send(client, url, method, token)
            assert response.status_code != 500, f"{method} {url}"
            # A 400, 409 or 422 would say that the thing exists: only "no", "sign in" or "not found".
            refused = response.status_code in (401, 403, 404) or _to_sign_in(response)
            if _shows(response) or (_names_private(rule) and not refused):
                leaks.append(f"{method} {url} as {role}: {response.status_code}")
    assert leaks == [], "\n".join(leaks)


def _to_sign_in(response) -> bool:
    return response.status_code in (302, 303) and "/login" in response.headers.get("Location", "")


PRIVATE_ARGS = {"idea_id", "object_id", "comment_id", "board_id", "case_id"}


def _names_private(rule) -> bool:
    """The rule's URL names one of the private board's things (not a public one left in the world)."""
    first = rule.rule.removeprefix("/api/v1").strip("/").split("/")[0]
    return bool(PRIVATE_ARGS & rule.arguments) or ("slug" in rule.arguments and first in ("b", "boards"))


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_did_you_mean_never_spells_a_word_only_a_private_board_holds(
    app, session, private, roomy_limits, role
):
    client = client_as(app, session, private, role)
    page = client.get("/search?q=zanzibr").get_data(as_text=True).lower()  # a typo of the private word
    assert MARK not in page


def test_did_you_mean_still_helps_those_who_may_see(app, session, private, roomy_limits):
    client = client_as(app, session, private, "product")
    page = client.get("/search?q=zanzibr").get_data(as_text=True).lower()
    assert "did you mean" in page and MARK in page
