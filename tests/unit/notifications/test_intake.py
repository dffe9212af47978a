"""E-mail intake (cocreate/ideas/mail_intake.py): which messages become ideas, for whom, on which board,
and which are held, skipped or refused. Messages are real RFC 5322 bytes, as a mail server hands them over."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from cocreate.accounts.customers import is_unclaimed
from cocreate.accounts.models import User
from cocreate.ideas.mail_intake import IntakeSettings, do_ingest, strip_reply, title_and_body
from cocreate.ideas.models import Idea
from cocreate.notifications.models import IncomingMail, Notification
from tests.factories import BoardFactory, UserFactory

SETTINGS = IntakeSettings(
    address="ideas@brand.example",
    authserv_id="mx.brand.example",
    own_addresses=frozenset({"no-reply@brand.example"}),
)
PASS = (
    "mx.brand.example; dkim=pass header.d=people.example header.s=s1; dmarc=pass header.from=people.example"
)


def mail(
    *,
    sender="Ada Lovelace <ada@people.example>",
    to="ideas@brand.example",
    subject="A quieter blender",
    text="Please make it quieter.\n\nThanks!",
    html: str | None = None,
    auth: str | None = PASS,
    message_id: str | None = "<m1@people.example>",
    **headers,
) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, to, subject
    if message_id:
        m["Message-ID"] = message_id
    if auth:
        m["Authentication-Results"] = auth
    for name, value in headers.items():
        m[name.replace("_", "-")] = value
    m.set_content(text)
    if html is not None:
        m.add_alternative(html, subtype="html")
    return bytes(m)


@pytest.fixture
def boards(session):
    return BoardFactory(slug="kitchen"), BoardFactory(slug="garden")


def test_a_verified_member_proposes_on_the_default_board_by_email(session, boards):
    ada = UserFactory(email="ada@people.example")
    outcome = do_ingest(session, mail(), SETTINGS)
    assert outcome.status == "idea", outcome
    idea = session.get(Idea, outcome.idea_id)
    assert (idea.author_id, idea.board.slug, idea.title) == (ada.id, "kitchen", "A quieter blender")
    assert idea.body == "Please make it quieter.\n\nThanks!"
    assert (idea.channel, idea.via, idea.recorded_by_id) == ("email", "ideas@brand.example", None)
    assert idea.moderation_state == "approved"
    note = session.scalar(select(Notification).where(Notification.kind == "idea.emailed"))
    assert "e-mailed idea" in note.message and note.url == f"/i/{idea.id}"
    row = session.scalar(select(IncomingMail))
    assert (row.status, row.sender, row.idea_id, row.user_id) == (
        "idea",
        "ada@people.example",
        idea.id,
        ada.id,
    )


def test_plus_addressing_picks_the_board_and_an_unknown_board_is_refused(session, boards):
    UserFactory(email="ada@people.example")
    outcome = do_ingest(session, mail(to="ideas+garden@brand.example"), SETTINGS)
    assert session.get(Idea, outcome.idea_id).board.slug == "garden"
    nowhere = do_ingest(session, mail(to="ideas+attic@brand.example", message_id="<m2@x>"), SETTINGS)
    assert nowhere.status == "refused" and "attic" in nowhere.reason


def test_an_unknown_sender_gets_an_unclaimed_account_and_a_held_idea(session, boards):
    outcome = do_ingest(
        session, mail(sender="New Person <New.Person@Elsewhere.example>", auth=None), SETTINGS
    )
    assert outcome.status == "held" and "new sender" in outcome.reason
    idea = session.get(Idea, outcome.idea_id)
    person = session.get(User, idea.author_id)
    assert person.email == "new.person@elsewhere.example" and person.display_name == "New Person"
    assert is_unclaimed(person) and idea.moderation_state == "pending" and idea.channel == "email"
    again = do_ingest(
        session, mail(sender="new.person@elsewhere.example", auth=None, message_id="<m3@x>"), SETTINGS
    )
    assert again.status == "held" and "claimed" in again.reason  # still unclaimed: still held
    assert (
        session.scalar(select(func.count(User.id)).where(User.email == "new.person@elsewhere.example")) == 1
    )


@pytest.mark.parametrize(
    "auth",
    [
        None,
        "mx.brand.example; dkim=fail header.d=people.example; dmarc=fail header.from=people.example",
        "evil.example; dkim=pass header.d=people.example; dmarc=pass header.from=people.example",
        "mx.brand.example; dkim=pass header.d=other.example",  # signed, but by another domain
    ],
    ids=["none", "failed", "someone-elses-header", "other-domain"],
)
def test_a_members_unverified_mail_is_held_because_from_can_be_forged(session, boards, auth):
    UserFactory(email="ada@people.example")
    outcome = do_ingest(session, mail(auth=auth), SETTINGS)
    assert outcome.status == "held" and "not verified" in outcome.reason
    assert session.get(Idea, outcome.idea_id).moderation_state == "pending"


def test_without_an_authserv_id_every_idea_waits(session, boards):
    UserFactory(email="ada@people.example")
    open_settings = IntakeSettings(address="ideas@brand.example")
    assert do_ingest(session, mail(), open_settings).status == "held"


def test_the_same_message_twice_is_one_idea(session, boards):
    UserFactory(email="ada@people.example")
    assert do_ingest(session, mail(), SETTINGS).status == "idea"
    assert do_ingest(session, mail(), SETTINGS).status == "duplicate"
    no_id = mail(message_id=None, subject="No message id here")
    assert do_ingest(session, no_id, SETTINGS).status == "idea"
    assert do_ingest(session, no_id, SETTINGS).status == "duplicate"  # the same bytes
    assert session.scalar(select(func.count(Idea.id))) == 2


@pytest.mark.parametrize(
    ("message", "status", "words"),
    [
        (mail(to="sales@brand.example"), "skipped", "Not addressed"),
        (mail(to="ideas@other.example"), "skipped", "Not addressed"),
        (mail(Auto_Submitted="auto-replied"), "skipped", "automatic"),
        (mail(Precedence="bulk"), "skipped", "automatic"),
        (mail(List_Id="<news.people.example>"), "skipped", "automatic"),
        (mail(sender="MAILER-DAEMON@mx.people.example"), "skipped", "automatic"),
        (mail(sender="CoCreate <no-reply@brand.example>"), "skipped", "automatic"),
        (mail(sender="not an address"), "skipped", "sender"),
        (mail(subject="", text=""), "refused", "title"),
        (mail(subject="Hi", text="ok"), "refused", "title"),
        (b"\x00\xff garbage with no headers at all", "skipped", "Not addressed"),
        (b"", "skipped", "Not addressed"),
    ],
    ids=[
        "other-mailbox",
        "other-domain",
        "auto-reply",
        "bulk",
        "mailing-list",
        "bounce",
        "our-own",
        "no-sender",
        "empty",
        "too-short",
        "garbage",
        "zero-bytes",
    ],
)
def test_messages_that_are_not_ideas_are_recorded_and_create_nothing(session, boards, message, status, words):
    UserFactory(email="ada@people.example")
    outcome = do_ingest(session, message, SETTINGS)
    assert outcome.status == status and words in outcome.reason, outcome
    assert session.scalar(select(func.count(Idea.id))) == 0
    assert session.scalar(select(IncomingMail.status)) == status


def test_a_huge_message_is_refused_and_long_text_is_cut_to_fit(session, boards):
    UserFactory(email="ada@people.example")
    small = IntakeSettings(address="ideas@brand.example", authserv_id="mx.brand.example", max_bytes=2000)
    huge = do_ingest(session, mail(text="x" * 5000), small)
    assert huge.status == "refused" and "larger than" in huge.reason
    long = do_ingest(session, mail(subject="word " * 60, text="y " * 15_000, message_id="<long@x>"), SETTINGS)
    idea = session.get(Idea, long.idea_id)
    assert len(idea.title) <= 140 and idea.title.endswith("…")
    assert len(idea.body) <= 20_000 and idea.body.endswith("the rest was cut.]")


def test_html_only_mail_becomes_safe_text_and_replies_lose_quotes_and_signature(session, boards):
    UserFactory(email="ada@people.example")
    html = "<p>Make it <b>quieter</b> &amp; smaller</p><script>alert(1)</script><p>Second line</p>"
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = (
        "ada@people.example",
        "ideas@brand.example",
        "Re: Fwd: A quieter blender",
    )
    m["Authentication-Results"] = PASS
    m.set_content(html, subtype="html")
    idea = session.get(Idea, do_ingest(session, bytes(m), SETTINGS).idea_id)
    assert idea.title == "A quieter blender"
    assert "Make it quieter & smaller" in idea.body and "Second line" in idea.body
    assert "alert" not in idea.body and "<" not in idea.body_html.replace("<p>", "").replace("</p>", "")

    reply = "My idea here.\n\nOn Mon, 2 Nov 2026, Brand wrote:\n> old text\n> more\n-- \nAda\nCEO"
    assert strip_reply(reply) == "My idea here."
    assert strip_reply("Keep\n> quoted\nthis too\n--\nsignature without its space") == "Keep\nthis too"
    assert title_and_body("", "First line is the title\nand the rest the body") == (
        "First line is the title",
        "and the rest the body",
    )


def test_a_message_in_a_broken_charset_still_becomes_an_idea(session, boards):
    UserFactory(email="ada@people.example")
    raw = (
        b"From: ada@people.example\r\nTo: ideas@brand.example\r\nSubject: =?x-unknown?q?Caf=E9?= ideas\r\n"
        b"Message-ID: <cs@x>\r\nAuthentication-Results: " + PASS.encode() + b"\r\n"
        b"Content-Type: text/plain; charset=x-unknown\r\n\r\nCaf\xe9 au lait machine\r\n"
    )
    outcome = do_ingest(session, raw, SETTINGS)
    assert outcome.status == "idea", outcome
    assert "au lait machine" in session.get(Idea, outcome.idea_id).body
