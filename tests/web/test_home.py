"""The home page: trending ideas, what shipped and who asked, campaigns and betas open now, the boards; on
what each person may see, in a fixed number of statements."""

from __future__ import annotations

import re
from datetime import timedelta

from cocreate.db import utcnow
from cocreate.ideas.services import do_change_status, do_create_idea, do_vote
from cocreate.reviews.services.ugc import do_create_campaign
from tests.factories import BoardFactory, UserFactory, open_program


def _community(session):
    team, author = UserFactory(role="product"), UserFactory(display_name="Ines Author")
    board = BoardFactory(slug="gear", name="Gear and apparel")
    secret = BoardFactory(slug="lab", name="Lab", is_private=True, allowed_roles="product")
    hot = do_create_idea(session, actor=author, board=board, title="Half sizes for the boots")
    for voter in UserFactory.create_batch(3):
        do_vote(session, actor=voter, idea=hot)
    done = do_create_idea(session, actor=author, board=board, title="Dark mode for the map")
    do_change_status(session, actor=team, idea=done, status="shipped", note="Out in 4.2")
    do_create_idea(session, actor=team, board=secret, title="Secret prototype stove")
    today = utcnow().date()
    do_create_campaign(
        session,
        actor=team,
        title="Trail kitchens",
        brief="Share",
        starts_on=today,
        ends_on=today + timedelta(9),
    )
    open_program(session, team=team, name="Maps beta")
    session.commit()
    return team


def test_home_shows_what_is_happening_to_everyone(client, session, count_queries):
    team = _community(session)
    html = client.get("/").get_data(as_text=True)
    for shown in (
        "Trending ideas",
        "Half sizes for the boots",
        "Recently shipped",
        "Dark mode for the map",
        "Proposed by Ines Author",
        "Out in 4.2",
        "Trail kitchens",
        "Maps beta",
        "Gear and apparel",
    ):
        assert shown in html, shown
    assert "Secret prototype" not in html and "Lab" not in html
    client.sign_in(team)
    assert "Secret prototype stove" in client.get("/").get_data(as_text=True)
    with count_queries() as statements:
        assert client.get("/").status_code == 200
    assert len(statements) <= 12, statements


def test_an_empty_community_has_a_friendly_home(client, session):
    html = client.get("/").get_data(as_text=True)
    assert "No ideas yet" in html and "There are no boards yet" in html


def _same(html: str) -> str:
    """The page without what is this request's own (the CSP nonce, the CSRF token)."""
    return re.sub(r'(nonce|value|content)="[A-Za-z0-9_.\-]{20,}"', "", html)


def test_a_kept_home_page_is_never_stale(client, session, count_queries):
    """The signed-in home page is kept whole per worker (home/views.py): every change shows at once."""
    team = _community(session)
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    first = _same(client.get("/").get_data(as_text=True))
    with count_queries() as statements:  # nothing changed: the same page, from its reads
        assert _same(client.get("/").get_data(as_text=True)) == first
    assert len(statements) <= 8, statements  # the person, their session, boards and four lists
    board = BoardFactory(slug="stoves", name="Stoves and fuel")
    rising = do_create_idea(session, actor=team, board=board, title="A windshield that packs flat")
    for voter in UserFactory.create_batch(5):
        do_vote(session, actor=voter, idea=rising)
    session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "A windshield that packs flat" in html and "Stoves and fuel" in html
    do_change_status(session, actor=team, idea=rising, status="shipped", note="In every box from May")
    session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "In every box from May" in html
    board.is_private, board.allowed_roles = True, "product"
    session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "Stoves and fuel" not in html and "A windshield that packs flat" not in html
