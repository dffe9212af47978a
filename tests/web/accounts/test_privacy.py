"""The privacy page, the export (JSON and zip with photos) and account deletion. After a deletion no row in
any table holds the person's e-mail, username or display name (every text column of every table is searched),
their sessions and tokens are dead, and the counters still agree with the rows."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import String, Text, func, or_, select

from cocreate.accounts.models import User
from cocreate.api.tokens import do_create_token
from cocreate.extensions import db
from cocreate.ideas.models import Board, Comment, Idea, Vote
from cocreate.ideas.services import do_add_comment, do_create_idea, do_vote
from cocreate.ideas.services.capture import do_capture_idea
from cocreate.insights import surveys
from cocreate.outbox.services import enqueue_email
from cocreate.privacy.services import personal_tables
from cocreate.reviews.models import Product, Review
from cocreate.reviews.services.reviews import do_write_review
from cocreate.reviews.services.ugc import do_submit_ugc
from tests.factories import PASSWORD, BoardFactory, ProductFactory, UserFactory, open_program

EMAIL, USERNAME, NAME = "zed.quixote@example.com", "zquixote77", "Zedekiah Quixote"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def zed(app, session):
    """A person who did a bit of everything, and is named in other people's notices."""
    zed = UserFactory(email=EMAIL, username=USERNAME, display_name=NAME, role="product")
    other = UserFactory()
    UserFactory(role="admin")
    board, product = BoardFactory(slug="kitchen"), ProductFactory(slug="kettle")
    mine = do_create_idea(session, actor=zed, board=board, title="Zed's quiet kettle idea", body="Zed writes")
    theirs = do_create_idea(session, actor=other, board=board, title="Another idea")
    do_vote(session, actor=zed, idea=theirs)
    do_vote(session, actor=other, idea=mine)
    do_add_comment(session, actor=zed, idea=theirs, body="Zed's comment")
    do_write_review(session, actor=zed, product=product, rating=2, title="Zed's review")
    do_submit_ugc(
        session,
        actor=zed,
        product=product,
        title="Zed's tea story",
        photos=[_png()],
        uploads=Path(app.instance_path) / "uploads",
    )
    do_capture_idea(
        session, actor=zed, board=board, customer_email="walkin@example.com", title="Captured idea"
    )
    survey = surveys.do_create_survey(session, actor=zed, kind="nps", moment="review")
    surveys.invite(session, survey, [zed.id], "product:1", "Kettle")
    do_create_token(session, actor=zed, name="Zed's phone", scope="write")
    enqueue_email(session, to=EMAIL, subject="Hello", text=f"Hello {NAME}")
    session.commit()
    return zed


def _holders(session) -> list[str]:
    """Every (table.column) whose text still holds the e-mail, username or display name."""
    found = []
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text)]
        for column in columns:
            hit = or_(
                *(func.lower(column).contains(v.lower(), autoescape=True) for v in (EMAIL, USERNAME, NAME))
            )
            if session.scalar(select(func.count()).select_from(table).where(hit)):
                found.append(f"{table.name}.{column.name}")
    return found


def test_every_table_that_references_people_is_in_the_privacy_registry():
    covered = {model.__table__.name for _, model, _ in personal_tables()}
    owned_elsewhere = {  # rows about a person only through another table, or the team's own records
        "users",
        "beta_answers",
        "ugc_photos",
        "idea_status_changes",
        "moderation_log",
        "moderation_cases",
        "event_log",
        "text_fingerprints",
        "kiosks",
        "surveys",
        "beta_programs",
        "backlog_connectors",
        "backlog_allowed_hosts",
        "backlog_items",
        "ranking_weights",
        "reward_rules",
        "watched_words",
        "site_settings",  # who last changed the community's look (SET NULL when they leave)
    }
    for table in db.metadata.sorted_tables:
        refs = [c for c in table.columns if any(fk.column.table.name == "users" for fk in c.foreign_keys)]
        if refs and table.name not in owned_elsewhere:
            assert table.name in covered, f"{table.name} references users: add it to personal_tables()"


def test_the_privacy_page_lists_what_we_hold_and_the_export_has_all_of_it(app, client, session, zed):
    client.sign_in(session.get(User, zed.id))
    page = client.get("/settings/privacy")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and EMAIL in html and "We do not keep your IP address" in html
    assert page.headers["Cache-Control"] == "no-store"
    votes = "Votes (on every idea, public or not)"
    for label, n in (("Ideas", 1), (votes, 1), ("Comments", 1), ("Reviews", 1), ("Stories", 1)):
        assert f"<td>{label}</td><td>{n}</td>" in html, label
    exported = client.get("/settings/privacy/export.json")
    assert exported.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(exported.get_data(as_text=True))
    assert data["account"]["email"] == EMAIL and "password_hash" not in data["account"]
    assert [i["title"] for i in data["ideas"]] == ["Zed's quiet kettle idea"]
    assert len(data["votes"]) == 1 and len(data["comments"]) == 1 and len(data["reviews"]) == 1
    assert len(data["stories"]) == 1 and len(data["story_photos"]) == 1 and data["points"]
    assert data["survey_invitations"] and data["api_tokens"][0]["name"] == "Zed's phone"
    assert "token_hash" not in data["api_tokens"][0]
    archive = zipfile.ZipFile(io.BytesIO(client.get("/settings/privacy/export.zip").get_data()))
    names = archive.namelist()
    assert "cocreate-export.json" in names and any(n.startswith("photos/") for n in names)
    client.post_form("/logout")
    assert client.get("/settings/privacy/export.json").status_code == 302  # sign in first


@pytest.mark.parametrize("content", ["keep", "remove"])
def test_deleting_leaves_no_trace_of_the_person_and_keeps_counters_true(app, client, session, zed, content):
    zed_id = zed.id
    token = do_create_token(session, actor=session.get(User, zed_id), name="Other app", scope="read")[1]
    session.commit()
    client.sign_in(session.get(User, zed_id))
    other_device = app.test_client()
    other_device.sign_in(session.get(User, zed_id))
    assert _holders(session) != []  # the search below finds the person before

    wrong = client.post_form(
        "/settings/privacy/delete", {"password": "nope", "content": content, "confirm": "yes"}
    )
    assert wrong.status_code == 422 and "not your password" in wrong.get_data(as_text=True)
    unconfirmed = client.post_form("/settings/privacy/delete", {"password": PASSWORD, "content": content})
    assert unconfirmed.status_code == 422
    done = client.post_form(
        "/settings/privacy/delete", {"password": PASSWORD, "content": content, "confirm": "yes"}
    )
    assert done.status_code == 303
    session.rollback()
    assert _holders(session) == []
    assert client.get("/settings/privacy").status_code == 302
    assert other_device.get("/notifications").status_code == 302  # every session ended
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert client.post_form("/login", {"email": EMAIL, "password": PASSWORD}).status_code == 422

    former = session.get(User, zed_id)
    assert former.display_name == "Former member"
    ideas = session.scalars(select(Idea).where(Idea.author_id == zed_id)).all()
    if content == "keep":
        assert {i.title for i in ideas} >= {"Zed's quiet kettle idea"}
        assert session.scalar(select(func.count(Vote.id)).where(Vote.user_id == zed_id)) == 1
    else:
        assert all(i.moderation_state == "removed" and i.body == "" for i in ideas)
        assert session.scalar(select(func.count(Vote.id)).where(Vote.user_id == zed_id)) == 0
        assert session.scalar(select(func.count(Review.id)).where(Review.moderation_state == "approved")) == 0
    for idea in session.scalars(select(Idea)).all():
        votes = session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea.id))
        comments = session.scalar(
            select(func.count(Comment.id)).where(
                Comment.idea_id == idea.id, Comment.moderation_state == "approved"
            )
        )
        assert (idea.vote_count, idea.comment_count) == (votes, comments), idea.title
    board = session.scalar(select(Board))
    visible = session.scalar(
        select(func.count(Idea.id)).where(Idea.board_id == board.id, Idea.moderation_state == "approved")
    )
    assert board.idea_count == visible
    product = session.scalar(select(Product))
    approved = session.scalar(select(func.count(Review.id)).where(Review.moderation_state == "approved"))
    assert product.review_count == approved


def test_the_last_admin_cannot_leave_the_site_without_an_admin(client, session):
    admin = UserFactory(role="admin")
    session.commit()
    client.sign_in(admin)
    refused = client.post_form(
        "/settings/privacy/delete", {"password": PASSWORD, "content": "keep", "confirm": "yes"}
    )
    assert refused.status_code == 409 and "only admin" in refused.get_data(as_text=True)


def test_consents_are_off_until_given_and_say_what_they_are_for(client, session):

    from cocreate.accounts.models import Consent
    from cocreate.outbox.models import OutboxMessage

    person, careful, team = UserFactory(), UserFactory(), UserFactory(role="product")
    board = BoardFactory()
    idea = do_create_idea(session, actor=team, board=board, title="Stove with a timer")
    for voter in (person, careful):
        do_vote(session, actor=voter, idea=idea)
    session.commit()
    client.sign_in(person)
    html = client.get("/settings/privacy").get_data(as_text=True)
    assert "Invite me by e-mail to betas" in html and "Without it:" in html
    assert "checked" not in html.split("What you allow")[1].split("</form>")[0]  # nothing given yet
    bad = client.post_form("/settings/privacy/consents", {"consent": "sell-my-data"})
    assert bad.status_code == 422 and "Unknown consent" in bad.get_data(as_text=True)
    assert client.post_form("/settings/privacy/consents", {"consent": ["research"]}).status_code == 303
    consent_form = client.get("/settings/privacy").get_data(as_text=True).split("What you allow")[1]
    assert 'value="research" aria-describedby="consent-research-about" checked' in consent_form
    session.rollback()
    assert session.scalars(select(Consent.purpose).where(Consent.user_id == person.id)).all() == ["research"]

    # A beta that tests the idea invites both voters in the app; only the one who allowed it by e-mail.
    open_program(session, team=team, name="Stove beta", ideas=[idea])
    mailed = set(session.scalars(select(OutboxMessage.destination)))
    assert person.email in mailed and careful.email not in mailed
