"""E-mail intake: a message to the ideas address becomes an idea, stamped with the e-mail channel.

`ideas@` goes to the default board and `ideas+<board>@` to that board. The subject is the title and the
text is the description, without quoted replies or the signature. A sender with an account proposes as
themselves. A new address gets an unclaimed account (cocreate.accounts.customers), and its idea waits for a
moderator. A From header is easy to forge, so an idea is published only when the receiving mail server (the
authserv-id in MAIL_INTAKE_AUTHSERV_ID) says in Authentication-Results that DKIM or DMARC passed for the
sender's domain; otherwise it is held too. Auto-replies, bounces and our own mail are skipped, so nothing
loops. Every message is recorded once (IncomingMail, by Message-ID), so reading it again adds nothing.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

import nh3
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.customers import find_or_add_customer, is_unclaimed
from cocreate.accounts.models import User
from cocreate.accounts.services import EMAIL_RE
from cocreate.channels import Channel, Origin
from cocreate.errors import DomainError
from cocreate.ideas.models import Board
from cocreate.ideas.services.ideas import BODY_MAX, TITLE_MAX, TITLE_MIN, do_create_idea
from cocreate.notifications.models import IncomingMail
from cocreate.notifications.services import notify

REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|aw|wg|sv|antw)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
QUOTE_INTRO = re.compile(r"^(On .{0,200} wrote:|-{2,} ?Original Message ?-{2,}|From: .+)$", re.IGNORECASE)
AUTO_PRECEDENCE = ("bulk", "junk", "list", "auto_reply")
ROBOT_SENDERS = re.compile(r"^(mailer-daemon|postmaster|no-?reply|noreply)@", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IntakeSettings:
    address: str  # the ideas address, e.g. ideas@example.com
    default_board: str = ""  # slug; empty: the first public board
    authserv_id: str = ""  # whose Authentication-Results we trust; empty: none (every idea is held)
    own_addresses: frozenset[str] = frozenset()  # our outgoing From: never taken in
    max_bytes: int = 10 * 1024 * 1024

    @classmethod
    def from_config(cls, config) -> IntakeSettings:
        own = {parseaddr(config.get("SMTP_FROM", ""))[1].lower()} - {""}
        return cls(
            address=config["MAIL_INTAKE_ADDRESS"].strip().lower(),
            default_board=config.get("MAIL_INTAKE_BOARD", "").strip(),
            authserv_id=config.get("MAIL_INTAKE_AUTHSERV_ID", "").strip().lower(),
            own_addresses=frozenset(own),
            max_bytes=int(config.get("MAIL_INTAKE_MAX_BYTES") or cls.max_bytes),
        )

    def board_tag(self, recipient: str) -> str | None:
        """For a recipient that is the ideas address: "" (plain) or the +tag; None for any other address."""
        local, _, domain = recipient.strip().lower().rpartition("@")
        mine_local, _, mine_domain = self.address.rpartition("@")
        base, _, tag = local.partition("+")
        if domain != mine_domain or base != mine_local:
            return None
        return tag


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str  # idea | held | skipped | refused | duplicate
    reason: str = ""
    idea_id: int | None = None


def message_key(raw: bytes, message: EmailMessage | None) -> str:
    """The Message-ID (what a resent copy keeps), or a hash of the bytes when there is none."""
    mid = ""
    if message is not None:
        try:
            mid = " ".join(str(message.get("Message-ID", "")).split())
        except (ValueError, TypeError, IndexError):
            mid = ""
    return mid[:250] if mid else "sha256:" + hashlib.sha256(raw).hexdigest()


def parse(raw: bytes) -> EmailMessage | None:
    try:
        return message_from_bytes(raw, policy=policy.default)
    except (ValueError, TypeError, IndexError, LookupError):
        return None


def _header(message: EmailMessage, name: str) -> str:
    try:
        return str(message.get(name, "") or "")
    except (ValueError, TypeError, IndexError, LookupError):  # a malformed header never stops the intake
        return ""


def _headers(message: EmailMessage, name: str) -> list[str]:
    try:
        return [str(v) for v in (message.get_all(name) or [])]
    except (ValueError, TypeError, IndexError, LookupError):
        return []


def recipient_tag(message: EmailMessage, settings: IntakeSettings, envelope: list[str] | None) -> str | None:
    """The board tag of the first recipient that is our ideas address (the envelope when we have it)."""
    candidates = envelope if envelope is not None else []
    if envelope is None:
        fields = [
            v for name in ("Delivered-To", "X-Original-To", "To", "Cc") for v in _headers(message, name)
        ]
        candidates = [addr for _, addr in getaddresses(fields)]
    for address in candidates:
        tag = settings.board_tag(address)
        if tag is not None:
            return tag
    return None


def is_automatic(message: EmailMessage, sender: str, settings: IntakeSettings) -> bool:
    """Auto-replies, bounces, mailing lists and our own mail (RFC 3834): answering them would loop."""
    auto = _header(message, "Auto-Submitted").strip().lower()
    precedence = _header(message, "Precedence").strip().lower()
    return (
        (auto not in ("", "no"))
        or precedence in AUTO_PRECEDENCE
        or bool(_header(message, "List-Id"))
        or not sender
        or sender in settings.own_addresses
        or sender == settings.address
        or bool(ROBOT_SENDERS.match(sender))
    )


def is_authenticated(message: EmailMessage, sender: str, settings: IntakeSettings) -> bool:
    """Did our own receiving server record a DKIM or DMARC pass for the sender's domain? (RFC 8601: only
    results under our authserv-id count; anyone can write the header.)"""
    if not settings.authserv_id:
        return False
    domain = re.escape(sender.rpartition("@")[2])
    passed = (
        re.compile(rf"^dmarc\s*=\s*pass\b.*\bheader\.from\s*=\s*{domain}\b"),
        re.compile(rf"^dkim\s*=\s*pass\b.*\bheader\.[di]\s*=\s*@?{domain}\b"),
    )
    for value in _headers(message, "Authentication-Results"):
        serv, _, results = value.lower().partition(";")
        if serv.split()[:1] != [settings.authserv_id]:
            continue
        for result in results.split(";"):
            if any(p.search(" ".join(result.split())) for p in passed):
                return True
    return False


def text_of(message: EmailMessage) -> str:
    """The message's text: its text/plain part, else its HTML reduced to text; '' when there is none."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except (ValueError, TypeError, IndexError, LookupError, KeyError):
        part = None
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (ValueError, TypeError, LookupError, AssertionError, UnicodeError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        content = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</li\s*>", "\n", content)
        content = html.unescape(nh3.clean(content, tags=set()))  # the text, tags and scripts gone
    return content


def strip_reply(text: str) -> str:
    """The new text only: no signature (after '-- '), no quoted lines or the line introducing them."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for line in lines:
        if line.rstrip() == "--" and line.startswith("--"):
            break
        if QUOTE_INTRO.match(line.strip()) and kept:
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip().replace("\x00", "")


def title_and_body(subject: str, text: str) -> tuple[str, str]:
    """The idea's title from the subject (without Re:/Fwd:), or from the first line when the subject is
    empty; both cut to what an idea takes, at a word where possible."""
    title = " ".join(REPLY_PREFIX.sub("", subject or "").split()).replace("\x00", "")
    body = text
    if len(title) < TITLE_MIN:
        first, _, rest = text.strip().partition("\n")
        title, body = " ".join(first.split()), rest.strip()
    if len(title) > TITLE_MAX:
        cut = title[: TITLE_MAX - 1].rsplit(" ", 1)[0] or title[: TITLE_MAX - 1]
        title = cut + "…"
    if len(body) > BODY_MAX:
        note = "\n\n[The e-mail was longer; the rest was cut.]"
        body = body[: BODY_MAX - len(note)] + note
    return title, body


def _board(session: Session, settings: IntakeSettings, tag: str) -> Board | None:
    slug = tag or settings.default_board
    if slug:
        return session.scalar(select(Board).where(Board.slug == slug[:60]))
    return session.scalar(select(Board).where(Board.is_private.is_(False)).order_by(Board.id).limit(1))


def do_ingest(
    session: Session, raw: bytes, settings: IntakeSettings, envelope_recipients: list[str] | None = None
) -> Outcome:
    """Take in one message (its bytes as received); flushes, the caller commits. Never raises for what the
    message holds: a message that cannot become an idea is recorded as refused, with the reason."""
    message = parse(raw) if len(raw) <= settings.max_bytes else None
    key = message_key(raw, message)
    record = IncomingMail(message_key=key, status="refused")
    try:
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        return Outcome("duplicate", "This message was read before.")
    outcome = _decide(session, raw, message, settings, envelope_recipients, record)
    record.status, record.reason = outcome.status, outcome.reason[:300]
    record.idea_id = outcome.idea_id
    session.flush()
    return outcome


def _decide(session, raw, message, settings, envelope, record: IncomingMail) -> Outcome:
    if len(raw) > settings.max_bytes:
        return Outcome("refused", f"The message is larger than {settings.max_bytes // 1024 // 1024} MB.")
    if message is None:
        return Outcome("refused", "The message could not be read.")
    name, sender = parseaddr(_header(message, "From"))
    sender = sender.strip().lower()
    record.sender, record.subject = sender[:254], " ".join(_header(message, "Subject").split())[:200]
    tag = recipient_tag(message, settings, envelope)
    if tag is None:
        return Outcome("skipped", f"Not addressed to {settings.address}.")
    if not EMAIL_RE.match(sender) or len(sender) > 254:
        return Outcome("skipped", "No valid sender address to answer to.")
    if is_automatic(message, sender, settings):
        return Outcome("skipped", "An automatic message (auto-reply, bounce, list or our own).")
    board = _board(session, settings, tag)
    if board is None:
        return Outcome("refused", f"There is no board “{tag or settings.default_board or '(any)'}”.")
    title, body = title_and_body(_header(message, "Subject"), strip_reply(text_of(message)))
    try:
        with session.begin_nested():
            user, created = _sender(session, sender, name)
            record.user_id = user.id
            why = _why_hold(message, sender, settings, user, created)
            origin = Origin(Channel.EMAIL, via=settings.address)
            idea = do_create_idea(
                session, actor=user, board=board, title=title, body=body, origin=origin, hold=bool(why)
            )
    except DomainError as exc:
        return Outcome("refused", exc.message)
    if not created:
        waiting = idea.moderation_state == "pending"
        notify(
            session,
            user.id,
            "idea.emailed",
            f"We received your e-mailed idea “{idea.title}”."
            + (" A moderator will look at it soon." if waiting else " It is on the board."),
            f"/i/{idea.id}",
        )
    if idea.moderation_state != "pending":
        return Outcome("idea", "", idea.id)
    return Outcome("held", why or "The board or the screening holds it for a moderator.", idea.id)


def _why_hold(message, sender: str, settings: IntakeSettings, user: User, created: bool) -> str:
    """Why this sender's idea must wait for a moderator, or '' when it may be published."""
    if created:
        return "A new sender: the idea waits for a moderator."
    if is_unclaimed(user):
        return "The sender has not claimed their account: the idea waits for a moderator."
    if not is_authenticated(message, sender, settings):
        return "The sender's address was not verified (DKIM/DMARC): the idea waits for a moderator."
    return ""


def _sender(session: Session, email: str, name: str) -> tuple[User, bool]:
    user = session.scalar(select(User).where(User.email == email))
    if user is not None:
        return user, False
    return find_or_add_customer(session, email=email, display_name=name)
