"""Proposing, editing, commenting, changing status and managing boards over HTTP."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cocreate.db import utcnow
from cocreate.ideas.models import Board, Comment, Idea, StatusChange
from tests.factories import BoardFactory, IdeaFactory, TagFactory, UserFactory


def test_propose_idea_with_tags(client, session):
    board = BoardFactory(slug="app")
    TagFactory(board=board, slug="maps", name="Maps")
    user = UserFactory()
    session.commit()
    client.sign_in(user)
    assert "Maps" in client.get("/b/app/new").get_data(as_text=True)
    response = client.post_form(
        "/b/app/new", {"title": "Offline maps please", "body": "*Really*", "tags": ["maps"]}
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Offline maps please" in page and "<em>Really</em>" in page and "#Maps" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Give your idea a title"),
        ({"title": "abc"}, "4–140 characters"),
        ({"title": "t" * 200}, "4–140 characters"),
        ({"title": "Fine title", "body": "b" * 20_001}, "20000"),
        ({"title": "Fine title", "tags": ["nope"]}, "Unknown tag"),
    ],
)
def test_bad_idea_form_shows_message_and_writes_nothing(client, session, data, message):
    BoardFactory(slug="app")
    user = UserFactory()
    session.commit()
    client.sign_in(user)
    response = client.post_form("/b/app/new", data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True).replace(",", "")
    session.commit()
    assert session.scalar(select(func.count(Idea.id))) == 0


def test_oversized_request_body_is_413(client, session):
    BoardFactory(slug="app")
    user = UserFactory()
    session.commit()
    client.sign_in(user)
    response = client.post_form("/b/app/new", {"title": "Big", "body": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


def test_edit_own_idea_and_see_history(client, session):
    user = UserFactory()
    idea = IdeaFactory(author=user, title="Original title")
    session.commit()
    client.sign_in(user)
    response = client.post_form(f"/i/{idea.id}/edit", {"title": "Better title", "body": "More detail"})
    assert response.status_code == 302
    history = client.get(f"/i/{idea.id}/history").get_data(as_text=True)
    assert "Original title" in history and "Better title" in history


def test_editing_someone_elses_idea_is_403(client, session):
    idea = IdeaFactory(title="Not yours")
    other = UserFactory()
    session.commit()
    client.sign_in(other)
    assert client.get(f"/i/{idea.id}/edit").status_code == 403
    response = client.post_form(f"/i/{idea.id}/edit", {"title": "Hijacked title"})
    assert response.status_code == 403
    session.commit()
    assert session.get(Idea, idea.id).title == "Not yours"


def test_author_edit_window_closes(client, session):
    user = UserFactory()
    idea = IdeaFactory(author=user, created_at=utcnow() - timedelta(days=1))
    session.commit()
    client.sign_in(user)
    response = client.post_form(f"/i/{idea.id}/edit", {"title": "Too late now"})
    assert response.status_code == 403
    assert "30 minutes" in response.get_data(as_text=True)


def test_comment_and_reply_with_htmx(client, session):
    idea = IdeaFactory()
    user = UserFactory(username="rita")
    session.commit()
    client.sign_in(user)
    html = client.post_form(f"/i/{idea.id}/comments", {"body": "Great idea @rita"}, htmx=True).get_data(
        as_text=True
    )
    assert html.lstrip().startswith('<section id="discussion"') and 'href="/u/rita"' in html
    session.commit()
    root = session.scalars(select(Comment)).one()
    html = client.post_form(
        f"/i/{idea.id}/comments", {"body": "A reply", "parent_id": str(root.id)}, htmx=True
    ).get_data(as_text=True)
    assert 'class="comment reply"' in html and "Discussion (2)" in html


def test_bad_comments_get_messages(client, session):
    idea = IdeaFactory()
    user = UserFactory()
    session.commit()
    client.sign_in(user)
    response = client.post_form(f"/i/{idea.id}/comments", {"body": "   "}, htmx=True)
    assert response.status_code == 400 and "Write something" in response.get_data(as_text=True)
    response = client.post_form(f"/i/{idea.id}/comments", {"body": "hi", "parent_id": "abc"}, htmx=True)
    assert response.status_code == 400
    response = client.post_form(f"/i/{idea.id}/comments", {"body": ""}, follow_redirects=True)
    assert "Write something" in response.get_data(as_text=True)
    session.commit()
    assert session.scalar(select(func.count(Comment.id))) == 0


def test_status_change_by_product_shows_in_timeline_and_members_get_403(client, session):
    idea = IdeaFactory()
    member, product = UserFactory(), UserFactory(role="product", display_name="Pat Product")
    session.commit()
    client.sign_in(member)
    assert "Update status" not in client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert client.post_form(f"/i/{idea.id}/status", {"status": "planned"}, htmx=True).status_code == 403
    client.post_form("/logout")
    client.sign_in(product)
    html = client.post_form(
        f"/i/{idea.id}/status", {"status": "planned", "note": "Coming in May"}, htmx=True
    ).get_data(as_text=True)
    assert html.lstrip().startswith('<section id="status"')
    assert "Open → Planned" in html and "Coming in May" in html and "Pat Product" in html
    session.commit()
    assert session.scalar(select(func.count(StatusChange.id))) == 1


def test_private_board_is_hidden_from_members_and_anonymous(client, session):
    board = BoardFactory(slug="secret", name="Secret board", is_private=True, allowed_roles="product")
    idea = IdeaFactory(board=board)
    product = UserFactory(role="product")
    session.commit()
    assert client.get("/b/secret").status_code == 404
    assert client.get(f"/i/{idea.id}").status_code == 404
    assert "Secret board" not in client.get("/").get_data(as_text=True)
    client.sign_in(product)
    assert client.get("/b/secret").status_code == 200
    assert "Secret board" in client.get("/").get_data(as_text=True)


def test_admin_creates_board_and_members_cannot(client, session):
    admin, member = UserFactory(role="admin"), UserFactory()
    session.commit()
    client.sign_in(member)
    assert client.get("/admin/boards").status_code == 403
    data = {"name": "Mobile app", "description": "The app", "vote_budget": "5", "tags": "Maps, Sync,  maps"}
    assert client.post_form("/admin/boards", data).status_code == 403
    client.post_form("/logout")
    client.sign_in(admin)
    response = client.post_form("/admin/boards", data)
    assert response.status_code == 302 and response.headers["Location"] == "/b/mobile-app"
    session.commit()
    board = session.scalars(select(Board)).one()
    assert board.vote_budget == 5 and sorted(t.slug for t in board.tags) == ["maps", "sync"]
    duplicate = client.post_form("/admin/boards", data)
    assert duplicate.status_code == 422 and "already exists" in duplicate.get_data(as_text=True)
    private = client.post_form(
        "/admin/boards", {"name": "Staff only", "is_private": "y", "allowed_roles": ["product", "moderator"]}
    )
    assert private.status_code == 302
    session.commit()
    staff = session.scalars(select(Board).where(Board.slug == "staff-only")).one()
    assert staff.is_private and staff.allowed_role_set == {"product", "moderator"}


def test_admin_changes_a_role(client, session):
    admin, member = UserFactory(role="admin"), UserFactory()
    session.commit()
    client.sign_in(admin)
    assert client.post_form(f"/admin/users/{member.id}/role", {"role": "moderator"}).status_code == 302
    assert client.post_form(f"/admin/users/{member.id}/role", {"role": "overlord"}).status_code == 400
    session.commit()
    session.refresh(member)
    assert member.role == "moderator"


def test_the_roadmap_counts_every_idea_and_shows_more_a_page_at_a_time(client, session):
    board = BoardFactory(slug="road")
    for n in range(25):
        IdeaFactory(board=board, status="planned", vote_count=100 - n, title=f"Planned thing {n:02d}")
    session.commit()
    html = client.get("/roadmap").get_data(as_text=True)
    assert 'Planned <small class="muted">(25)</small>' in html
    assert "Planned thing 19" in html and "Planned thing 20" not in html
    more = client.get("/roadmap?column=planned&page=2", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert more.lstrip().startswith('<li class="roadmap-card">') and more.count("roadmap-card") == 5
    assert "Planned thing 24" in more and "Show more" not in more
    plain = client.get("/roadmap?column=planned&page=2").get_data(as_text=True)  # without script: a page
    assert "Planned thing 20" in plain and "<html" in plain
    assert client.get("/roadmap?column=planned&page=99999999999").status_code == 200


def test_admins_search_people_by_name_or_email_filter_by_role_and_page_through(client, session):
    admin = UserFactory(role="admin", display_name="Ada Admin")
    UserFactory(display_name="Grace 100% Hopper", email="grace@navy.example")
    UserFactory(display_name="Moe Moderator", role="moderator")
    for n in range(60):
        UserFactory(display_name=f"Member {n:02d}")
    session.commit()
    client.sign_in(admin)
    everyone = client.get("/admin/users").get_data(as_text=True)
    assert "63 people." in everyone and "Page 1 of 2" in everyone
    assert everyone.index("Ada Admin") < everyone.index("Moe Moderator") < everyone.index("Member 00")
    assert "Member 59" in client.get("/admin/users?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in client.get("/admin/users?page=999").get_data(as_text=True)  # the last one
    found = client.get("/admin/users?q=NAVY").get_data(as_text=True)
    assert "1 person found" in found and "Grace 100% Hopper" in found and "Member 01" not in found
    assert "1 person found" in client.get("/admin/users?q=100%25").get_data(as_text=True)  # % is a character
    assert "Nobody matches" in client.get("/admin/users?q=zzz").get_data(as_text=True)
    moderators = client.get("/admin/users?role=moderator").get_data(as_text=True)
    assert "Moe Moderator" in moderators and "Member 01" not in moderators
    assert client.get("/admin/users?role=overlord&page=-3").status_code == 200  # unknown filters are ignored
