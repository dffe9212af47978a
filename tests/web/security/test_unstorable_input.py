"""A NUL character (or a lone surrogate) in any web input is refused with a clear 4xx before anything reads
it: 404 in a path, 400 in a query string, 422 in a form field or a file name. PostgreSQL answered 500 to
these (it refuses NUL in text), and SQLite stored them. The sweep covers every route of the URL map, and
every field name that a template or a form of the app posts."""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import func, select

import cocreate
from cocreate.ideas.models import Idea
from tests.factories import BoardFactory, UserFactory
from tests.fixtures.world import client_as, url_for_rule
from tests.web.security.test_route_matrix import _digest, _operations

NUL = "nul\x00inside"
TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def _field_names() -> set[str]:
    """Every field name the app's templates and WTForms forms send."""
    names = set()
    for path in TEMPLATES.rglob("*.html"):
        names |= set(re.findall(r'\bname="([A-Za-z_][\w-]*)"', path.read_text()))
    for module in pkgutil.walk_packages(cocreate.__path__, "cocreate."):
        if module.name.endswith(".forms"):
            for value in vars(importlib.import_module(module.name)).values():
                if isinstance(value, type) and issubclass(value, FlaskForm):
                    names |= {n for n in dir(value) if hasattr(getattr(value, n), "field_class")}
    return names - {"csrf_token"}


def test_the_sweep_knows_the_apps_fields():
    names = _field_names()
    assert {"title", "body", "display_name", "q", "reason", "note", "story"} <= names
    assert len(names) > 60


def test_a_new_idea_with_a_nul_in_its_title_is_refused_and_not_stored(app, session, client):
    board = BoardFactory(slug="gear")
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    response = client.post_form("/b/gear/new", {"title": "Nul\x00title here", "body": "Fine"})
    assert response.status_code == 422
    assert "NUL character" in response.get_data(as_text=True)
    assert "“title”" in response.get_data(as_text=True)
    session.rollback()
    assert session.scalar(select(func.count(Idea.id)).where(Idea.board_id == board.id)) == 0
    ok = client.post_form("/b/gear/new", {"title": "No nul in this title", "body": "Fine"})
    assert ok.status_code == 302  # the same form without the NUL goes through


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("path", ["/b/%00", "/p/%00", "/u/%00", "/i/%00", "/campaigns/%00", "/beta/%00"])
def test_a_nul_in_a_path_is_not_found(app, session, client, path, signed_in):
    if signed_in:
        member = UserFactory()
        session.commit()
        client.sign_in(member)
    assert client.get(path).status_code == 404


def _with_nul_segments(url: str) -> str:
    """The URL with every path segment that is not a number replaced by one holding a NUL."""
    parts = url.split("/")
    return "/".join(p if (not p or p.isdigit() or p in ("api", "v1")) else quote(NUL) for p in parts)


def test_no_route_serves_a_path_query_or_form_holding_a_nul(app, session, world, roomy_limits):
    admin = client_as(app, session, world, "admin")
    token = admin.csrf_token()
    names = _field_names()
    form_with_nuls = {name: NUL for name in names}
    session.rollback()
    before = _digest()
    problems, posts = [], 0
    for rule, method in _operations(app):
        url = url_for_rule(rule, world)
        if method == "GET":
            if rule.arguments:
                response = admin.get(_with_nul_segments(url), buffered=True)
                if response.status_code not in (400, 404):
                    problems.append(f"GET {_with_nul_segments(url)}: {response.status_code}")
            query = "&".join(f"{n}={quote(NUL)}" for n in ("q", "sort", "board", "status", "page", "tag"))
            response = admin.get(f"{url}?{query}", buffered=True)
            if response.status_code != 400:
                problems.append(f"GET {url}?{query}: {response.status_code}")
            continue
        if url.startswith("/api/"):  # JSON bodies: the API's own field checks (tests/web/api/)
            response = admin.open(
                url, method=method, json={"title": NUL, "body": NUL}, headers={"X-CSRFToken": token}
            )
            if response.status_code == 500 or response.status_code < 400:
                problems.append(f"{method} {url} (JSON): {response.status_code}")
            continue
        posts += 1
        response = admin.post(url, data={**form_with_nuls, "csrf_token": token})
        body = response.get_data(as_text=True)
        if response.status_code != 422 or "NUL character" not in body:
            problems.append(f"{method} {url}: {response.status_code}")
    session.rollback()
    assert problems == []
    assert posts >= 70
    assert _digest() == before


def test_every_field_name_alone_is_refused(app, session, client):
    BoardFactory(slug="gear")
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    token = client.csrf_token()
    accepted = [
        name
        for name in sorted(_field_names())
        if client.post(
            "/b/gear/new", data={"csrf_token": token, "title": "A fine title", name: NUL}
        ).status_code
        != 422
    ]
    assert accepted == []


def test_a_lone_surrogate_or_a_nul_in_a_query_string_is_refused_on_api_routes_too(app, client):
    response = client.get("/api/v1/ideas?q=" + quote(NUL))
    assert response.status_code == 400
    assert response.is_json and "NUL" in response.get_json()["detail"]


def test_an_uploaded_files_name_holding_a_nul_is_refused(app, session, client):
    from tests.factories import ProductFactory

    ProductFactory(slug="kettle")
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    data = {
        "csrf_token": client.csrf_token(),
        "title": "My kettle",
        "story": "Tea at dawn",
        "photos": (io.BytesIO(b"\x89PNG\r\n\x1a\n"), "tea\x00.png"),
    }
    response = client.post("/share?product=kettle", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "photos" in response.get_data(as_text=True)
