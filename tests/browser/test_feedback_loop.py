"""Chromium drives the whole loop with a local webhook receiver and a local SMTP server: an idea is
proposed, votes pass the board's last milestone and it goes under review, the product team sends it to the
backlog (the receiver gets a signed delivery), the receiver posts "shipped" back, and then the voters are
told in the app and by e-mail, the author is credited, and the changelog shows it."""

import json
import urllib.request
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from cocreate.backlog import signing
from cocreate.backlog.models import Connector
from cocreate.db import utcnow
from cocreate.ideas.models import Idea
from cocreate.ideas.services import do_vote
from cocreate.outbox.services import drain
from cocreate.worker import senders
from tests.factories import BoardFactory, UserFactory
from tests.fixtures.live_server import menu_link, screenshot, sign_in, sign_out

pytestmark = pytest.mark.browser
OLD = utcnow() - timedelta(days=60)


def _worker(app, session):
    """What `flask worker --once` does: deliver everything that is due."""
    session.commit()
    return drain(session, senders(app.config))


def test_the_whole_loop_from_proposal_to_shipped(page, session, app, receiver, smtp_server, live_server):
    BoardFactory(slug="trail", name="Trail gear", support_milestones="2,3")
    UserFactory(created_at=OLD, display_name="Robin Creator", email="robin@example.com")
    early = [UserFactory(created_at=OLD, email=f"early{n}@example.com") for n in range(2)]
    UserFactory(created_at=OLD, display_name="Sam Supporter", email="sam@example.com")
    admin = UserFactory(role="admin", created_at=OLD)
    UserFactory(role="product", email="pat@example.com", display_name="Pat Product")
    session.commit()

    # An admin connects the board to the team's backlog (a local receiver, so its host must be allowed).
    sign_in(page, admin.email)
    page.goto("/admin/backlog")
    page.get_by_label("Host").fill("127.0.0.1")
    page.get_by_role("button", name="Allow host").click()
    page.get_by_label("Board", exact=True).select_option(label="Trail gear")
    page.get_by_label("Name", exact=True).fill("Trail roadmap")
    page.get_by_label("URL").fill(receiver.url + "/cocreate")
    page.get_by_label("An idea's status changes").check()
    page.get_by_role("button", name="Connect").click()
    expect(page.locator(".connector h2")).to_contain_text("Trail roadmap")
    screenshot(page, "backlog-connectors")
    sign_out(page)

    # Propose.
    sign_in(page, "robin@example.com")
    page.goto("/b/trail")
    page.get_by_role("button", name="Propose an idea").click()
    page.get_by_label("Title").fill("A stove that simmers without scorching")
    page.get_by_role("button", name="Post idea").click()
    expect(page.get_by_role("heading", name="A stove that simmers without scorching")).to_be_visible()
    idea_id = int(page.url.rstrip("/").split("/")[-1])
    sign_out(page)

    # Two early supporters, then Sam in the browser passes the last milestone (3).
    session.rollback()  # end our snapshot: the idea was created by the server
    idea = session.get(Idea, idea_id)
    for person in early:
        do_vote(session, actor=person, idea=idea)
    session.commit()
    sign_in(page, "sam@example.com")
    page.goto(f"/i/{idea_id}")
    page.locator(".vote-box .vote-button").click()
    expect(page.locator(".vote-box.voted .vote-count")).to_have_text("3")
    page.reload()
    expect(page.locator("#status-heading")).to_contain_text("Under review")
    expect(page.locator(".timeline")).to_contain_text("Reached 3 supporters.")
    sign_out(page)

    # The product team was told, and sends the idea to the backlog from its page.
    sign_in(page, "pat@example.com")
    expect(page.locator("a.bell")).to_have_attribute("aria-label", "Notifications: 1 unread")
    page.goto(f"/i/{idea_id}")
    receiver.respond(201, {"key": "TRAIL-7", "url": "https://tracker.example/TRAIL-7"})
    page.get_by_role("button", name="Send to backlog (Trail roadmap)").click()
    expect(page.locator("#backlog-item")).to_contain_text("Being sent to Trail roadmap")
    assert _worker(app, session)[1] == 0  # the backlog item, and e-mails saying the idea is under review
    [delivery] = [r for r in receiver.requests if r.json["type"] == "backlog.item.requested"]
    session.rollback()
    connector = session.scalar(select(Connector))
    for request in receiver.requests:  # the item, and the "under review" event the connector follows
        assert signing.verify(connector.secret, request.headers, request.body)
    assert {r.json["type"] for r in receiver.requests} == {"backlog.item.requested", "idea.status_changed"}
    assert delivery.json["type"] == "backlog.item.requested" and delivery.json["data"]["idea_id"] == idea_id
    page.reload()
    expect(page.locator("#backlog-item a")).to_have_text("TRAIL-7")

    # The receiver posts "shipped" back, signed, over real HTTP.
    body = json.dumps(
        {"external_key": "TRAIL-7", "status": "shipped", "note": "In stores from Monday"}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - our own test server
        f"{live_server}/backlog/inbound/{connector.id}",
        data=body,
        headers={
            "Content-Type": "application/json",
            **signing.headers(connector.inbound_secret, "evt_ship_1", body),
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        assert json.loads(answer.read())["status"] == "shipped"
    page.reload()
    expect(page.locator("#status-heading")).to_contain_text("Shipped")
    expect(page.locator(".timeline")).to_contain_text("From Trail roadmap. In stores from Monday")
    screenshot(page, "feedback-loop-idea")
    sign_out(page)

    # Voters hear about it in the app and by e-mail.
    assert _worker(app, session)[1] == 0
    shipped_mail = [m for m in smtp_server.messages if "has shipped" in m["Subject"]]
    assert {m["To"] for m in shipped_mail} == {"early0@example.com", "early1@example.com", "sam@example.com"}
    sign_in(page, "sam@example.com")
    page.locator("a.bell").click()
    expect(page.locator(".notifications")).to_contain_text(
        "has shipped. From Trail roadmap. In stores from Monday"
    )
    # ... and are asked one question about the result.
    page.locator(".notifications").get_by_text("How well does what shipped solve it for you?").click()
    page.get_by_label("4 — Mostly").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator("#shipped-rating")).to_contain_text("4.0 out of 5")
    screenshot(page, "shipped-rating", full_page=False)
    sign_out(page)

    # The author is credited, and the changelog shows the shipped idea and who proposed it.
    sign_in(page, "robin@example.com")
    menu_link(page, "account", "Rewards")
    expect(page.locator(".ledger")).to_contain_text("Idea shipped")
    page.goto("/changelog")
    entry = page.locator(".changelog-entry").first
    expect(entry).to_contain_text("A stove that simmers without scorching")
    expect(entry).to_contain_text("Robin Creator")
    screenshot(page, "changelog")
    assert page.problems == []
