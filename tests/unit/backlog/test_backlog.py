"""Routing ideas to backlogs through the outbox and a real HTTP receiver on 127.0.0.1: signed webhooks,
GitHub and Jira request shapes, only 2xx counts, 410 switches a connector off, private addresses need an
admin's permission, webhooks follow the events they chose, and nothing is lost while the receiver is down."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cocreate.backlog import services, signing
from cocreate.backlog.models import BacklogItem, Connector
from cocreate.backlog.sender import WebhookSender
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.ideas.services import do_change_status, do_create_idea
from cocreate.outbox.models import OutboxMessage
from cocreate.outbox.services import drain
from tests.factories import BoardFactory, IdeaFactory, UserFactory


@pytest.fixture
def admin(session):
    person = UserFactory(role="admin")
    services.do_allow_host(session, actor=person, host="127.0.0.1")  # tests allow the local receiver
    return person


def _connector(session, admin, board, receiver, kind="webhook", **fields):
    defaults = {"url": receiver.url + "/hook"} if kind == "webhook" else {"url": receiver.url}
    return services.do_create_connector(
        session, actor=admin, board=board, kind=kind, name=f"{kind} team", **{**defaults, **fields}
    )


def _deliver(app, session, now=None) -> tuple[int, int]:
    session.commit()
    return drain(session, {"webhook": WebhookSender(app.config)}, limit=100_000, now=now)


def test_send_to_backlog_delivers_a_signed_item_and_links_the_answer(
    app, session, admin, receiver, monkeypatch
):
    monkeypatch.setitem(app.config, "BASE_URL", "https://community.example")
    board = BoardFactory()
    connector = _connector(session, admin, board, receiver)
    idea = IdeaFactory(board=board, title="Offline maps", vote_count=12)
    staff = UserFactory(role="product")
    with pytest.raises(NotAllowed):
        services.do_send_to_backlog(session, actor=UserFactory(), idea=idea)
    item = services.do_send_to_backlog(session, actor=staff, idea=idea)
    assert item.state == "sending" and item.message.status == "pending"
    with pytest.raises(Conflict, match="already sent"):
        services.do_send_to_backlog(session, actor=staff, idea=idea)
    receiver.respond(201, {"key": "ROAD-7", "url": "https://tracker.example/ROAD-7"})
    assert _deliver(app, session) == (1, 0)
    [request] = receiver.requests
    assert request.path == "/hook"
    assert signing.verify(connector.secret, request.headers, request.body).startswith("msg_")
    body = request.json
    assert body["type"] == "backlog.item.requested"
    assert body["data"] | {"idea_id": idea.id} == body["data"]
    assert (body["data"]["title"], body["data"]["supporters"]) == ("Offline maps", 12)
    assert body["data"]["url"] == f"https://community.example/i/{idea.id}"
    session.expire_all()
    item = session.get(BacklogItem, item.id)
    assert (item.state, item.external_key, item.external_url) == (
        "linked",
        "ROAD-7",
        "https://tracker.example/ROAD-7",
    )
    # A board without a (working) connector says so.
    lonely = IdeaFactory()
    with pytest.raises(Conflict, match="no working backlog connector"):
        services.do_send_to_backlog(session, actor=staff, idea=lonely)


def test_github_and_jira_requests_have_their_shapes_and_answers_link_the_item(app, session, admin, receiver):
    staff = UserFactory(role="product")
    github_board, jira_board, cloud_board = BoardFactory(), BoardFactory(), BoardFactory()
    _connector(session, admin, github_board, receiver, kind="github", project="acme/app", token="ghp_secret")
    _connector(session, admin, jira_board, receiver, kind="jira", project="SHOP", token="pat-secret")
    _connector(
        session, admin, cloud_board, receiver, kind="jira", project="SHOP", token="me@acme.test:api-token"
    )
    ideas = [
        IdeaFactory(board=b, title=f"Idea for {b.name}") for b in (github_board, jira_board, cloud_board)
    ]
    for idea in ideas:
        services.do_send_to_backlog(session, actor=staff, idea=idea)
    receiver.respond(
        201, {"number": 42, "html_url": "https://github.com/acme/app/issues/42", "key": "SHOP-9"}
    )
    assert _deliver(app, session) == (3, 0)
    github, jira, cloud = receiver.requests
    assert github.path == "/repos/acme/app/issues"
    assert github.headers["authorization"] == "Bearer ghp_secret"
    assert github.headers["x-github-api-version"] == "2022-11-28"
    assert github.json["title"] == ideas[0].title and "cocreate" in github.json["labels"]
    assert "webhook-signature" not in github.headers
    assert jira.path == "/rest/api/2/issue" and jira.headers["authorization"] == "Bearer pat-secret"
    assert jira.json["fields"]["project"] == {"key": "SHOP"}
    assert jira.json["fields"]["issuetype"] == {"name": "Story"}
    assert jira.json["fields"]["summary"] == ideas[1].title
    assert cloud.headers["authorization"] == "Basic bWVAYWNtZS50ZXN0OmFwaS10b2tlbg=="
    session.expire_all()
    links = {i.idea_id: (i.external_key, i.external_url) for i in session.scalars(select(BacklogItem))}
    assert links[ideas[0].id] == ("acme/app#42", "https://github.com/acme/app/issues/42")
    assert links[ideas[1].id] == ("SHOP-9", f"{receiver.url}/browse/SHOP-9")


def test_only_2xx_counts_and_failures_are_retried_later(app, session, admin, receiver):
    board = BoardFactory()
    _connector(session, admin, board, receiver)
    idea = IdeaFactory(board=board)
    item = services.do_send_to_backlog(session, actor=UserFactory(role="product"), idea=idea)
    item_id = item.id
    for status in (500, 302, 404):
        receiver.respond(status, "nope")
        now = utcnow() + timedelta(days=len(receiver.requests) * 2)
        assert _deliver(app, session, now=now) == (0, 1)
    message = session.scalar(select(OutboxMessage))
    assert (message.status, message.attempts) == ("pending", 3)
    assert message.next_attempt_at > utcnow() + timedelta(days=4)  # backoff grows: minutes, then hours
    assert message.last_error.startswith("HTTP 404")
    assert session.get(BacklogItem, item_id).state == "sending"
    receiver.respond(200, {"url": "javascript:alert(1)", "key": "K-1"})  # a link we would never show
    assert _deliver(app, session, now=utcnow() + timedelta(days=30)) == (1, 0)
    session.expire_all()
    item = session.get(BacklogItem, item_id)
    assert (item.state, item.external_key, item.external_url) == ("linked", "K-1", "")
    assert len(receiver.requests) == 4


def test_410_switches_the_connector_off_and_stops_its_queue(app, session, admin, receiver):
    board = BoardFactory()
    connector = _connector(session, admin, board, receiver)
    staff = UserFactory(role="product")
    for idea in IdeaFactory.create_batch(3, board=board):
        services.do_send_to_backlog(session, actor=staff, idea=idea)
    receiver.respond(410, "gone")
    assert _deliver(app, session) == (0, 3)
    assert len(receiver.requests) == 1  # the other two were never sent
    session.expire_all()
    connector = session.get(Connector, connector.id)
    assert not connector.enabled and "410 Gone" in connector.disabled_reason
    assert set(session.scalars(select(OutboxMessage.status))) == {"dead"}
    with pytest.raises(Conflict, match="no working backlog connector"):
        services.do_send_to_backlog(session, actor=staff, idea=IdeaFactory(board=board))
    services.do_set_enabled(session, actor=session.merge(admin), connector=connector, enabled=True)
    receiver.respond(200, "{}")
    services.do_send_to_backlog(session, actor=staff, idea=IdeaFactory(board=board))
    assert _deliver(app, session) == (1, 0)


def test_private_addresses_need_an_admins_permission(app, session, receiver):
    admin = UserFactory(role="admin")
    board = BoardFactory()
    with pytest.raises(InvalidInput, match="private or loopback"):
        _connector(session, admin, board, receiver)
    with pytest.raises(NotAllowed):
        services.do_allow_host(session, actor=UserFactory(role="product"), host="127.0.0.1")
    allowed = services.do_allow_host(session, actor=admin, host="127.0.0.1")
    with pytest.raises(Conflict):
        services.do_allow_host(session, actor=admin, host="127.0.0.1")
    for bad in ("http://x", "", "a b"):
        with pytest.raises(InvalidInput):
            services.do_allow_host(session, actor=admin, host=bad)
    _connector(session, admin, board, receiver)
    # A host name that resolves to loopback passes the form but never the delivery.
    other = BoardFactory()
    services.do_create_connector(
        session,
        actor=admin,
        board=other,
        kind="webhook",
        name="Sneaky",
        url=f"http://localhost:{receiver.port}/",
    )
    services.do_send_to_backlog(session, actor=admin, idea=IdeaFactory(board=other))
    services.do_remove_allowed_host(session, actor=admin, allowed=allowed)
    services.do_send_to_backlog(session, actor=admin, idea=IdeaFactory(board=board))
    assert _deliver(app, session) == (0, 2)
    assert receiver.requests == []
    errors = list(session.scalars(select(OutboxMessage.last_error)))
    assert all("private, loopback or reserved" in e for e in errors)
    assert set(session.scalars(select(OutboxMessage.status))) == {"dead"}


def test_connector_settings_are_checked(session, admin, receiver):
    board = BoardFactory()
    bad = [
        ({"kind": "gitlab"}, "kind"),
        ({"name": "x"}, "name"),
        ({"url": "ftp://example.com"}, "url"),
        ({"kind": "github", "url": "https://api.github.com", "project": "no-slash", "token": "t"}, "project"),
        ({"kind": "github", "url": "https://api.github.com", "project": "a/b"}, "token"),
        ({"kind": "jira", "url": "https://acme.atlassian.net", "project": "shop", "token": "t"}, "project"),
        ({"events": ["idea.deleted"]}, "events"),
    ]
    for fields, field in bad:
        kwargs = {"kind": "webhook", "name": "Team", "url": receiver.url, **fields}
        with pytest.raises(InvalidInput) as caught:
            services.do_create_connector(session, actor=admin, board=board, **kwargs)
        assert caught.value.field == field
    with pytest.raises(NotAllowed):
        services.do_create_connector(
            session,
            actor=UserFactory(role="product"),
            board=board,
            kind="webhook",
            name="Team",
            url=receiver.url,
        )
    assert session.scalar(select(func.count(Connector.id))) == 0


def test_webhooks_follow_the_events_they_chose(app, session, admin, receiver):
    board = BoardFactory()
    held = BoardFactory(moderation="pre")
    connector = _connector(session, admin, board, receiver, events=["idea.created", "idea.status_changed"])
    _connector(session, admin, held, receiver, events=["idea.created"])
    author = UserFactory(created_at=utcnow() - timedelta(days=30))
    idea = do_create_idea(session, actor=author, board=board, title="Share lists with friends")
    do_create_idea(session, actor=author, board=held, title="Waiting for a moderator")
    do_change_status(
        session, actor=UserFactory(role="product"), idea=idea, status="planned", note="Next month"
    )
    assert _deliver(app, session) == (2, 0)
    created, changed = sorted(receiver.requests, key=lambda r: r.json["type"])
    assert (
        created.json["type"] == "idea.created" and created.json["data"]["title"] == "Share lists with friends"
    )
    assert changed.json["type"] == "idea.status_changed"
    assert (
        changed.json["data"] | {"status": "planned", "old_status": "open", "note": "Next month"}
        == changed.json["data"]
    )
    for request in receiver.requests:
        signing.verify(connector.secret, request.headers, request.body)


def test_receiver_down_while_1000_events_are_emitted_then_all_arrive_signed(app, session, admin, receiver):
    board = BoardFactory()
    connector = _connector(session, admin, board, receiver, events=["idea.status_changed"])
    ideas = IdeaFactory.create_batch(500, board=board)
    staff = UserFactory(role="product")
    session.commit()
    receiver.stop()
    for idea in ideas:  # two real status changes per idea: 1,000 events
        do_change_status(session, actor=staff, idea=idea, status="planned")
        do_change_status(session, actor=staff, idea=idea, status="in_progress")
    assert _deliver(app, session) == (0, 1000)
    assert session.scalar(select(func.count()).where(OutboxMessage.status == "pending")) == 1000
    receiver.start()
    assert _deliver(app, session, now=utcnow() + timedelta(minutes=2)) == (1000, 0)
    ids = [r.headers["webhook-id"] for r in receiver.requests]
    assert len(ids) == len(set(ids)) == 1000
    for request in receiver.requests:
        signing.verify(connector.secret, request.headers, request.body)
    statuses = [(r.json["data"]["idea_id"], r.json["data"]["status"]) for r in receiver.requests]
    assert len(set(statuses)) == 1000
