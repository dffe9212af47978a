"""`flask mail ingest`: from a Maildir (with a progress bar, messages moved to cur/ once read) and as a real
SMTP server on 127.0.0.1 that a mail server relays to (smtplib talks to it), on both databases."""

from __future__ import annotations

import smtplib
import threading

import pytest
from sqlalchemy import func, select

from bench.serve import free_port
from cocreate.ideas.mail_intake import IntakeSettings, do_ingest
from cocreate.ideas.models import Idea
from cocreate.ideas.smtp_intake import start_listener
from cocreate.notifications.models import IncomingMail
from tests.concurrency import race
from tests.factories import BoardFactory, UserFactory
from tests.unit.notifications.test_intake import PASS, mail


@pytest.fixture
def intake(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_INTAKE_ADDRESS", "ideas@brand.example")
    monkeypatch.setitem(app.config, "MAIL_INTAKE_AUTHSERV_ID", "mx.brand.example")
    monkeypatch.setitem(app.config, "MAIL_INTAKE_BOARD", "kitchen")


def _maildir(tmp_path):
    for sub in ("new", "cur", "tmp"):
        (tmp_path / sub).mkdir()
    return tmp_path


def test_a_maildir_is_read_once_and_its_messages_move_to_cur(app, session, intake, tmp_path):
    BoardFactory(slug="garden")
    BoardFactory(slug="kitchen")
    UserFactory(email="ada@people.example")
    session.commit()
    box = _maildir(tmp_path)
    (box / "new" / "1.host").write_bytes(mail())
    (box / "new" / "2.host").write_bytes(mail(sender="stranger@else.example", auth=None, message_id="<2@x>"))
    (box / "new" / "3.host").write_bytes(mail(to="sales@brand.example", message_id="<3@x>"))
    (box / "new" / "4.host").write_bytes(
        mail(subject="Blender with a timer", message_id="<4@people.example>")
    )
    (box / "new" / "5.host").write_bytes(mail())  # the first message again (a resend keeps its Message-ID)

    result = app.test_cli_runner().invoke(args=["mail", "ingest", "--maildir", str(box)])
    assert result.exit_code == 0, result.output
    assert "Reading mail" in result.output
    assert "2 idea" in result.output and "1 held" in result.output and "1 skipped" in result.output
    assert "1 duplicate" in result.output
    assert sorted(p.name for p in (box / "cur").iterdir()) == [f"{n}.host:2,S" for n in range(1, 6)]
    assert list((box / "new").iterdir()) == []

    session.rollback()
    ideas = session.scalars(select(Idea).order_by(Idea.id)).all()
    assert [(i.title, i.board.slug, i.moderation_state, i.channel) for i in ideas] == [
        ("A quieter blender", "kitchen", "approved", "email"),
        ("A quieter blender", "kitchen", "pending", "email"),
        ("Blender with a timer", "kitchen", "approved", "email"),
    ]
    assert session.scalar(select(func.count(IncomingMail.id))) == 4

    again = app.test_cli_runner().invoke(args=["mail", "ingest", "--maildir", str(box)])
    assert again.exit_code == 0 and "No new messages" in again.output


def test_the_command_explains_wrong_usage(app, tmp_path, intake):
    runner = app.test_cli_runner()
    neither = runner.invoke(args=["mail", "ingest"])
    assert neither.exit_code == 2 and "--maildir PATH or --listen HOST:PORT" in neither.output
    not_a_maildir = runner.invoke(args=["mail", "ingest", "--maildir", str(tmp_path)])
    assert not_a_maildir.exit_code == 2 and "not a Maildir" in not_a_maildir.output
    bad_listen = runner.invoke(args=["mail", "ingest", "--listen", "nowhere"])
    assert bad_listen.exit_code == 2 and "HOST:PORT" in bad_listen.output


def test_the_smtp_listener_takes_ideas_and_relays_nothing(app, session, intake):
    BoardFactory(slug="kitchen")
    UserFactory(email="ada@people.example")
    session.commit()
    port = free_port()
    controller = start_listener(app, "127.0.0.1", port)
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            refused = smtp.sendmail("ada@people.example", ["ideas@brand.example"], mail())
            assert refused == {}
            with pytest.raises(smtplib.SMTPRecipientsRefused) as relay:
                smtp.sendmail("ada@people.example", ["someone@elsewhere.example"], mail(message_id="<r@x>"))
            assert b"only ideas@brand.example" in relay.value.recipients["someone@elsewhere.example"][1]
            with pytest.raises(smtplib.SMTPDataError) as bad:
                smtp.sendmail("ada@people.example", ["ideas+attic@brand.example"], mail(message_id="<a@x>"))
            assert bad.value.smtp_code == 550 and b"attic" in bad.value.smtp_error
    finally:
        controller.stop()
    session.rollback()
    idea = session.scalar(select(Idea))
    assert (idea.title, idea.channel, idea.via, idea.moderation_state) == (
        "A quieter blender",
        "email",
        "ideas@brand.example",
        "approved",
    )
    assert session.scalar(select(func.count(Idea.id))) == 1


def test_the_same_message_delivered_again_is_accepted_and_is_still_one_idea(app, session, intake):
    """A mail server that retries (its first delivery timed out on its side): every copy gets 250, so it
    stops retrying, and there is one idea and one record."""
    BoardFactory(slug="kitchen")
    UserFactory(email="ada@people.example")
    session.commit()
    port = free_port()
    controller = start_listener(app, "127.0.0.1", port)
    replies, barrier = [], threading.Barrier(4)

    def deliver():
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
            barrier.wait(timeout=30)
            smtp.sendmail("ada@people.example", ["ideas@brand.example"], mail(auth=PASS))
            replies.append(smtp.noop()[0])

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        controller.stop()
    assert replies == [250] * 4
    session.rollback()
    assert session.scalar(select(func.count(Idea.id))) == 1
    assert session.scalar(select(func.count(IncomingMail.id))) == 1


def test_two_readers_taking_in_the_same_message_at_once_make_one_idea(app, session):
    """The Maildir reader and the listener (or two listeners) meeting on one message: the unique Message-ID
    record lets one of them through; the other sees a duplicate. On PostgreSQL the threads truly overlap."""
    BoardFactory(slug="kitchen")
    UserFactory(email="ada@people.example")
    session.commit()
    settings = IntakeSettings(address="ideas@brand.example", authserv_id="mx.brand.example")
    raw, outcomes = mail(), []
    result = race(app, [lambda s: outcomes.append(do_ingest(s, raw, settings).status) for _ in range(6)])
    assert not result.errors and result.ok == 6
    assert sorted(outcomes) == ["duplicate"] * 5 + ["idea"]
    session.rollback()
    assert session.scalar(select(func.count(Idea.id))) == 1
    assert session.scalar(select(func.count(IncomingMail.id))) == 1
