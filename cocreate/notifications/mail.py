"""Sending e-mail over SMTP for the outbox worker (settings SMTP_*). Never called from a request."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr

from cocreate.branding.queries import current
from cocreate.extensions import db
from cocreate.outbox.models import OutboxMessage
from cocreate.outbox.services import DeliveryFailed


def _from(configured: str, name: str) -> str:
    """The sender: the community's name before the configured address, unless SMTP_FROM names one itself
    other than the default's "CoCreate"."""
    shown, address = parseaddr(configured)
    return formataddr((name if shown in ("", "CoCreate") else shown, address))


def smtp_sender(config):
    """A sender for e-mail messages, or None when SMTP_HOST is not set (e-mail then waits in the outbox)."""
    host = config.get("SMTP_HOST")
    if not host:
        return None

    def send(message: OutboxMessage) -> str:
        brand = current(db.session)
        email = EmailMessage()
        email["From"] = _from(config["SMTP_FROM"], brand.name)
        email["To"] = message.destination
        email["Subject"] = message.subject
        email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
        text = message.payload.get("text", "")
        if message.payload.get("link"):
            text += "\n\n" + config.get("BASE_URL", "").rstrip("/") + message.payload["link"]
        text += f"\n\n-- \n{brand.name}" + (f": {brand.tagline}" if brand.tagline else "")
        email.set_content(text)
        try:
            with smtplib.SMTP(host, int(config.get("SMTP_PORT") or 25), timeout=10) as smtp:
                if config.get("SMTP_STARTTLS"):
                    smtp.starttls(context=ssl.create_default_context())
                if config.get("SMTP_USER"):
                    smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
                refused = smtp.send_message(email)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc
        if refused:
            raise DeliveryFailed(f"refused: {refused}")
        return f"accepted by {host}"

    return send
