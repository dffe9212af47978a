"""Each speed mechanism switched off (cocreate/speed.py, what bench/mechanisms.py measures): the app takes the
plain way and answers the same. A member signs in, reads a board, votes through htmx and with a plain form,
withdraws, proposes an idea and searches (Whoosh, whose fast path and codec are two of the switches), on
an app of its own with that one mechanism off."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from cocreate import create_app, speed
from cocreate.config import ConfigError
from cocreate.extensions import db
from cocreate.ideas.models import Idea, Vote
from tests.factories import BoardFactory, IdeaFactory, UserFactory
from tests.fixtures.web import Client


@pytest.fixture
def app_without(app, database_url, tmp_path, monkeypatch):
    """An app on the suite's database with these mechanisms off (and Whoosh in an index of its own); the
    suite's own app gets them all back afterwards (the switches are per process)."""
    made = []

    def make(*off: str):
        monkeypatch.setenv("COCREATE_INSTANCE_PATH", str(tmp_path / f"instance-{len(made)}"))
        other = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": database_url,
                "SERVER_NAME": None,
                "SEARCH_BACKEND": "whoosh",
                "SPEED_OFF": off,
            }
        )
        other.test_client_class = Client
        made.append(other)
        return other

    yield make
    speed.configure(())
    for other in made:
        with other.app_context():
            db.engine.dispose()


@pytest.mark.parametrize("mechanism", sorted(speed.MECHANISMS))
def test_with_one_mechanism_off_every_step_still_works(app, session, app_without, mechanism):
    board = BoardFactory(slug="kettles", name="Kettles")
    ideas = [IdeaFactory(board=board, title=f"Quieter kettle lid number {n}") for n in range(3)]
    member = UserFactory()
    session.commit()
    ids = [i.id for i in ideas]
    other = app_without(mechanism)
    assert not speed.on(mechanism) and all(speed.on(m) for m in speed.MECHANISMS if m != mechanism)
    client = other.test_client()
    client.sign_in(member)

    page = client.get("/b/kettles")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert all(f"Quieter kettle lid number {n}" in html for n in range(3))

    voted = client.post_form(f"/i/{ids[0]}/vote", htmx=True)
    assert voted.status_code == 200
    assert '<span class="vote-count" data-testid="vote-count">1</span>' in voted.get_data(as_text=True)
    assert client.post_form(f"/i/{ids[1]}/vote", {"next": "/b/kettles"}).status_code == 302
    again = client.post_form(f"/i/{ids[0]}/vote", htmx=True)  # a second vote on the same idea counts once
    assert again.status_code in (200, 409)
    page = client.get("/b/kettles").get_data(as_text=True)  # the board follows the votes at once
    assert re.search(rf'id="vote-{ids[0]}">.*?data-testid="vote-count">1<', page, re.S), page[
        page.find(f'id="vote-{ids[0]}"') :
    ][:800]
    assert client.post_form(f"/i/{ids[1]}/unvote", htmx=True).status_code == 200

    session.rollback()
    counts = dict(session.execute(select(Vote.idea_id, func.count()).group_by(Vote.idea_id)).all())
    assert counts == {ids[0]: 1}
    assert session.get(Idea, ids[0]).vote_count == 1 and session.get(Idea, ids[1]).vote_count == 0

    proposed = client.post_form(
        "/b/kettles/new", {"title": "A kettle that whistles softly", "body": "Mornings are for quiet."}
    )
    assert proposed.status_code == 302, proposed.get_data(as_text=True)[:500]
    found = client.get("/search?q=quieter+kettle").get_data(as_text=True)
    assert all(f"/i/{i}" in found for i in ids)
    session.rollback()
    new = session.scalar(select(Idea).where(Idea.title == "A kettle that whistles softly"))
    assert new is not None and new.moderation_state == "approved", new and new.moderation_state
    found = client.get("/search?q=whistles").get_data(as_text=True)
    assert (
        "1 result for" in found and f'href="/i/{new.id}">A kettle that <mark>whistles</mark> softly' in found
    )

    refused = client.post(f"/i/{ids[2]}/vote", data={"csrf_token": "forged"})  # CSRF holds either way
    assert refused.status_code == 400
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Vote).where(Vote.idea_id == ids[2])) == 0


def test_an_unknown_mechanism_is_refused_with_the_names_there_are(app, database_url, monkeypatch):
    monkeypatch.setenv("COCREATE_SPEED_OFF", "prepared,telepathy")
    with pytest.raises(ConfigError, match="telepathy.*the mechanisms are kept_reads"):
        create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    speed.configure(())
