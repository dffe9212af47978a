"""The outbox with a real SMTP server on 127.0.0.1: queued in the same transaction, delivered after commit
by the worker, retried with backoff while the server is down, each message once even with two workers."""

from datetime import timedelta

from sqlalchemy import func, select

from bench.serve import free_port
from cocreate.beta import services as beta
from cocreate.db import utcnow
from cocreate.outbox import services as outbox
from cocreate.outbox.models import DeliveryAttempt, OutboxMessage
from cocreate.worker import senders
from tests.concurrency import race
from tests.factories import UserFactory


def _program(session):
    team = UserFactory(role="product")
    program = beta.do_create_program(
        session,
        actor=team,
        name="Lantern beta",
        capacity=5,
        opens_at=utcnow() - timedelta(days=1),
        closes_at=utcnow() + timedelta(days=3),
    )
    beta.do_set_state(session, actor=team, program=program, state="open")
    return program, team


def _count(session, **where) -> int:
    query = select(func.count(OutboxMessage.id))
    for field, value in where.items():
        query = query.where(getattr(OutboxMessage, field) == value)
    return session.scalar(query)


def test_invitations_are_queued_in_the_same_transaction_and_once(session):
    program, team = _program(session)
    session.commit()
    beta.do_invite(session, actor=team, program=program, emails="ann@example.com, bo@example.com")
    session.rollback()
    assert _count(session) == 0  # rolled back with the invitation
    beta.do_invite(session, actor=team, program=program, emails="ann@example.com, bo@example.com")
    beta.do_invite(session, actor=team, program=program, emails="ann@example.com")
    session.commit()
    assert _count(session, status="pending") == 2
    message = session.scalar(select(OutboxMessage).where(OutboxMessage.destination == "ann@example.com"))
    assert message.subject == "You are invited to the beta “Lantern beta”"
    assert message.payload["link"] == "/beta/lantern-beta"


def test_the_worker_delivers_over_smtp(app, session, smtp_server):
    program, team = _program(session)
    beta.do_invite(session, actor=team, program=program, emails="ann@example.com")
    session.commit()
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0 and "delivered 1, failed 0" in result.output, result.output
    [mail] = smtp_server.messages
    assert mail["To"] == "ann@example.com" and mail["Subject"] == "You are invited to the beta “Lantern beta”"
    assert "https://community.example/beta/lantern-beta" in mail.get_content()
    session.expire_all()
    sent = session.scalar(select(OutboxMessage))
    assert sent.status == "sent" and sent.attempts == 1 and sent.sent_at is not None
    assert app.test_cli_runner().invoke(args=["worker", "--once"]).output.startswith("delivered 0")
    assert len(smtp_server.messages) == 1


def test_without_smtp_settings_mail_waits(app, session, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_HOST", "")
    outbox.enqueue_email(session, to="x@example.com", subject="Hi", text="Hello")
    session.commit()
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert "SMTP_HOST is not set" in result.output
    assert _count(session, status="pending") == 1


def test_a_server_that_is_down_is_retried_with_backoff_until_it_answers(
    app, session, smtp_server, monkeypatch
):
    for n in range(5):
        outbox.enqueue_email(session, to=f"p{n}@example.com", subject="News", text="Hello", key=f"news:{n}")
    session.commit()
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nobody listens there
    now = utcnow()
    assert outbox.drain(session, senders(app.config), now=now) == (0, 5)
    waiting = session.scalars(select(OutboxMessage)).all()
    assert {m.attempts for m in waiting} == {1} and all("Error" in m.last_error for m in waiting)
    assert all(m.next_attempt_at == now + timedelta(minutes=1) for m in waiting)
    assert outbox.drain(session, senders(app.config), now=now + timedelta(seconds=30)) == (
        0,
        0,
    )  # not due yet
    assert outbox.drain(session, senders(app.config), now=now + timedelta(minutes=2)) == (0, 5)
    assert {m.next_attempt_at for m in session.scalars(select(OutboxMessage))} == {
        now + timedelta(minutes=2) + timedelta(minutes=5)
    }
    monkeypatch.setitem(app.config, "SMTP_PORT", smtp_server.port)  # the server is back
    assert outbox.drain(session, senders(app.config), now=now + timedelta(minutes=10)) == (5, 0)
    assert sorted(m["To"] for m in smtp_server.messages) == [f"p{n}@example.com" for n in range(5)]
    assert session.scalar(select(func.count(DeliveryAttempt.id))) == 15


def test_a_message_that_never_gets_through_is_marked_dead(app, session, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())
    outbox.enqueue_email(session, to="gone@example.com", subject="Hi", text="Hello")
    session.commit()
    now = utcnow()
    for _ in range(outbox.MAX_ATTEMPTS):
        now += timedelta(days=2)
        outbox.drain(session, senders(app.config), now=now)
    message = session.scalar(select(OutboxMessage))
    assert (message.status, message.attempts) == ("dead", outbox.MAX_ATTEMPTS)
    assert sum(outbox.BACKOFF, timedelta()) > timedelta(days=3)  # hours to days
    assert outbox.drain(session, senders(app.config), now=now + timedelta(days=30)) == (0, 0)


def test_two_workers_deliver_each_message_once(app, session, smtp_server):
    for n in range(40):
        outbox.enqueue_email(session, to=f"w{n}@example.com", subject="Hello", text="Hi")
    session.commit()
    result = race(app, [lambda s: outbox.drain(s, senders(app.config))] * 2)
    assert result.errors == []
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(f"w{n}@example.com" for n in range(40))
    session.commit()
    assert _count(session, status="sent") == 40
    assert session.scalar(select(func.count(DeliveryAttempt.id))) == 40


def test_the_delivery_log_is_for_admins(client, session):
    outbox.enqueue_email(session, to="log@example.com", subject="Shown in the log", text="Hi")
    admin, member = UserFactory(role="admin"), UserFactory()
    session.commit()
    client.sign_in(member)
    assert client.get("/admin/deliveries").status_code == 403
    client.sign_in(admin)
    page = client.get("/admin/deliveries?status=pending").get_data(as_text=True)
    assert "Shown in the log" in page and "SMTP_HOST is not set" in page
    assert client.get("/admin/deliveries?status=bogus").status_code == 200
