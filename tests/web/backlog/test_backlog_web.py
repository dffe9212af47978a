"""Over HTTP: the signed inbound endpoint (forged, stale, replayed and malformed requests change nothing),
the admins' connector page, and "Send to backlog" on the idea page."""

import json
import time

from sqlalchemy import func, select

from cocreate.backlog import services, signing
from cocreate.backlog.models import BacklogItem, Connector, InboundReceipt
from cocreate.ideas.models import Idea, StatusChange
from cocreate.ideas.services import do_vote
from cocreate.notifications.models import Notification
from tests.factories import BoardFactory, IdeaFactory, UserFactory


def _setup(session, receiver_url="https://hooks.example/in"):
    admin = UserFactory(role="admin")
    board = BoardFactory()
    connector = services.do_create_connector(
        session, actor=admin, board=board, kind="webhook", name="Roadmap tool", url=receiver_url
    )
    idea = IdeaFactory(board=board, title="Quiet zips")
    session.commit()
    return connector, idea


def _post(client, connector, body, *, secret=None, message_id="evt_1", timestamp=None, raw=None):
    raw = raw if raw is not None else json.dumps(body).encode()
    headers = signing.headers(secret or connector.inbound_secret, message_id, raw, timestamp=timestamp)
    return client.post(
        f"/backlog/inbound/{connector.id}", data=raw, headers=headers, content_type="application/json"
    )


def test_a_signed_status_change_is_applied_once(client, session):
    connector, idea = _setup(session)
    voter = UserFactory()
    do_vote(session, actor=voter, idea=idea)
    session.commit()
    answer = _post(client, connector, {"idea_id": idea.id, "status": "shipped", "note": "In 4.2"})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json() == {"idea_id": idea.id, "status": "shipped", "old_status": "open"}
    session.rollback()
    assert session.get(Idea, idea.id).status == "shipped"
    change = session.scalar(select(StatusChange))
    assert (change.actor_id, change.note) == (None, "From Roadmap tool. In 4.2")
    assert session.scalar(select(Notification.message).where(Notification.user_id == voter.id)).endswith(
        "has shipped. From Roadmap tool. In 4.2"
    )
    replay = _post(client, connector, {"idea_id": idea.id, "status": "shipped", "note": "In 4.2"})
    assert (replay.status_code, replay.get_json()["error"]) == (409, "This webhook-id was already received.")
    assert session.scalar(select(func.count(StatusChange.id))) == 1


def test_forged_stale_malformed_and_misdirected_requests_change_nothing(client, session):
    connector, idea = _setup(session)
    other_connector, other_idea = _setup(session)
    good = {"idea_id": idea.id, "status": "planned"}
    cases = [
        (
            _post(client, connector, good, secret=signing.new_secret(), message_id="a"),
            401,
            "No webhook-signature",
        ),
        (
            _post(client, connector, good, timestamp=int(time.time()) - 600, message_id="b"),
            401,
            "five minutes",
        ),
        (client.post(f"/backlog/inbound/{connector.id}", json=good), 401, "headers are required"),
        (_post(client, connector, None, raw=b"{not json", message_id="c"), 400, "not JSON"),
        (_post(client, connector, [1, 2], message_id="d"), 422, "JSON object"),
        (_post(client, connector, {"status": "planned"}, message_id="e"), 422, "Say which idea"),
        (
            _post(client, connector, {"idea_id": "1", "status": "planned"}, message_id="f"),
            422,
            "Say which idea",
        ),
        (
            _post(client, connector, {"idea_id": idea.id, "status": "open"}, message_id="g"),
            422,
            "status is one of",
        ),
        (
            _post(client, connector, {"idea_id": idea.id, "status": None}, message_id="h"),
            422,
            "status is one of",
        ),
        (
            _post(client, connector, {"idea_id": 999999, "status": "planned"}, message_id="i"),
            404,
            "No such idea",
        ),
        (
            _post(client, connector, {"idea_id": other_idea.id, "status": "planned"}, message_id="j"),
            404,
            "No such",
        ),
        (
            _post(client, connector, {"external_key": "NOPE-1", "status": "planned"}, message_id="k"),
            404,
            "No such",
        ),
        (_post(client, connector, {**good, "note": "x" * 3000}, message_id="l"), 422, "at most"),
        (_post(client, connector, None, raw=b"{" + b" " * 70_000 + b"}", message_id="m"), 413, "64 KB"),
    ]
    for answer, status, reason in cases:
        assert answer.status_code == status, (status, answer.get_json())
        assert reason in answer.get_json()["error"]
    unknown = client.post(
        "/backlog/inbound/999999", data=b"{}", headers=signing.headers(connector.inbound_secret, "z", b"{}")
    )
    assert unknown.status_code == 404
    session.rollback()
    assert session.get(Idea, idea.id).status == "open" and session.get(Idea, other_idea.id).status == "open"
    assert session.scalar(select(func.count(InboundReceipt.id))) == 0
    assert (
        _post(client, connector, {"idea_id": idea.id, "status": "planned"}, message_id="ok").status_code
        == 200
    )
    assert (
        _post(client, connector, {"idea_id": idea.id, "status": "planned"}, message_id="ok2").status_code
        == 409
    )
    session.rollback()
    services.do_set_enabled(
        session,
        actor=UserFactory(role="admin"),
        connector=session.get(Connector, connector.id),
        enabled=False,
    )
    session.commit()
    off = _post(client, connector, {"idea_id": idea.id, "status": "shipped"}, message_id="off")
    assert (off.status_code, off.get_json()["error"]) == (409, "This connector is switched off.")


def test_backlogs_can_name_the_idea_by_their_own_key(client, session):
    connector, idea = _setup(session)
    session.add(
        BacklogItem(idea_id=idea.id, connector_id=connector.id, state="linked", external_key="SHOP-12")
    )
    session.commit()
    answer = _post(client, connector, {"external_key": "SHOP-12", "status": "in_progress"})
    assert answer.status_code == 200
    session.rollback()
    assert session.get(Idea, idea.id).status == "in_progress"


def test_admins_manage_connectors_and_allowed_hosts(client, session, receiver):
    admin, product = UserFactory(role="admin"), UserFactory(role="product")
    board = BoardFactory(name="Tents")
    session.commit()
    client.sign_in(product)
    assert client.get("/admin/backlog").status_code == 403
    assert client.post_form("/admin/backlog/hosts", {"host-host": "127.0.0.1"}).status_code == 403
    client.sign_in(admin)
    page = client.get("/admin/backlog")
    assert page.status_code == 200 and "No connectors yet." in page.get_data(as_text=True)
    form = {"c-board_id": board.id, "c-kind": "webhook", "c-name": "Roadmap", "c-url": receiver.url + "/in"}
    refused = client.post_form("/admin/backlog", form)
    assert refused.status_code == 422 and "private or loopback" in refused.get_data(as_text=True)
    bad = client.post_form("/admin/backlog", {**form, "c-url": "ftp://x"})
    assert bad.status_code == 422 and "http:// or https://" in bad.get_data(as_text=True)
    assert client.post_form("/admin/backlog/hosts", {"host-host": "127.0.0.1"}).status_code == 302
    again = client.post_form("/admin/backlog/hosts", {"host-host": "127.0.0.1"})
    assert again.status_code == 422 and "already allowed" in again.get_data(as_text=True)
    assert client.post_form("/admin/backlog", {**form, "c-events": ["idea.created"]}).status_code == 302
    session.rollback()
    connector = session.scalar(select(Connector))
    assert (connector.name, connector.events, connector.enabled) == ("Roadmap", "idea.created", True)
    html = client.get("/admin/backlog").get_data(as_text=True)
    assert connector.secret in html and f"/backlog/inbound/{connector.id}" in html
    assert client.post_form(f"/admin/backlog/{connector.id}/enabled", {"enabled": "0"}).status_code == 302
    session.rollback()
    assert session.get(Connector, connector.id).enabled is False
    assert client.post(f"/admin/backlog/{connector.id}/delete").status_code == 400  # no CSRF token
    assert client.post_form(f"/admin/backlog/{connector.id}/delete").status_code == 302
    session.rollback()
    assert session.scalar(select(func.count(Connector.id))) == 0


def test_the_product_team_sends_an_idea_from_its_page(client, session):
    connector, idea = _setup(session)
    product, member = UserFactory(role="product"), UserFactory()
    session.commit()
    client.sign_in(member)
    assert "Send to backlog" not in client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert client.post_form(f"/i/{idea.id}/backlog").status_code == 403
    client.sign_in(product)
    assert "Send to backlog (Roadmap tool)" in client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert client.post_form(f"/i/{idea.id}/backlog").status_code == 303
    html = client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert "Being sent to Roadmap tool" in html and "Send to backlog" not in html
    again = client.post_form(f"/i/{idea.id}/backlog", follow_redirects=True)
    assert "already sent" in again.get_data(as_text=True)
    session.rollback()
    assert session.scalar(select(func.count(BacklogItem.id))) == 1
    client.sign_in(member)
    assert "The product team has this idea in its backlog." in client.get(f"/i/{idea.id}").get_data(
        as_text=True
    )


def test_a_nul_in_an_inbound_note_or_key_is_refused_not_stored(client, session):
    connector, idea = _setup(session)
    for n, body in enumerate(
        [
            {"idea_id": idea.id, "status": "planned", "note": "In\x00 4.2"},
            {"external_key": "KEY\x00-1", "status": "planned"},
        ]
    ):
        answer = _post(client, connector, body, message_id=f"nul{n}")
        assert answer.status_code == 422, answer.get_json()
        assert "NUL" in answer.get_json()["error"]
    session.rollback()
    assert session.get(Idea, idea.id).status == "open"
    assert session.scalar(select(func.count(StatusChange.id))) == 0
