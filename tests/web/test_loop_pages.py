"""The roadmap, the changelog and notification settings over HTTP."""

from datetime import timedelta

from cocreate.db import utcnow
from cocreate.ideas.services import do_create_idea
from cocreate.ideas.services.statuses import do_change_status
from cocreate.notifications.loop import preferences
from tests.factories import BoardFactory, UserFactory

OLD = utcnow() - timedelta(days=60)


def test_roadmap_and_changelog_pages(client, session):
    board = BoardFactory(slug="camp", name="Camp")
    author, team = UserFactory(created_at=OLD, display_name="Ada Author"), UserFactory(role="product")
    idea = do_create_idea(session, actor=author, board=board, title="Quiet zip for sleeping bags")
    do_change_status(session, actor=team, idea=idea, status="shipped", note="Now on every bag")
    session.commit()
    html = client.get("/roadmap").get_data(as_text=True)
    assert 'id="col-shipped"' in html and "Quiet zip for sleeping bags" in html
    fragment = client.get("/roadmap?board=camp", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div class="roadmap"') and "Quiet zip" in fragment
    assert client.get("/roadmap?board=nope").status_code == 200
    log = client.get("/changelog").get_data(as_text=True)
    assert "Quiet zip for sleeping bags" in log and "Ada Author" in log and "Now on every bag" in log
    assert client.get("/changelog?cursor=garbage").status_code == 400


def test_notification_settings(client, session):
    member = UserFactory()
    session.commit()
    assert client.get("/notifications/settings").status_code == 302
    client.sign_in(member)
    assert "E-mail me when an idea I follow moves" in client.get("/notifications/settings").get_data(
        as_text=True
    )
    assert (
        client.post_form("/notifications/settings", {"daily_digest": "1", "email_updates": "1"}).status_code
        == 302
    )
    session.rollback()
    pref = preferences(session, member.id)
    assert (pref.email_updates, pref.daily_digest) == (True, True)
    assert client.post("/notifications/settings", data={"email_updates": "1"}).status_code == 400  # no CSRF
