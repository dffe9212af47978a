"""`flask mail ingest --listen`: the ideas address as a small SMTP server (aiosmtpd). Put it behind your
mail server (which checks DKIM/DMARC and adds Authentication-Results) and relay ideas@ to it. It accepts
only the ideas address, so it can never be used to relay mail elsewhere."""

from __future__ import annotations

import logging

from aiosmtpd.controller import Controller

from cocreate.db import write_intent
from cocreate.extensions import db
from cocreate.ideas.mail_intake import IntakeSettings, do_ingest

log = logging.getLogger(__name__)


class IntakeHandler:
    def __init__(self, app, settings: IntakeSettings) -> None:
        self.app, self.settings = app, settings

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd)
        if self.settings.board_tag(address) is None:
            return f"550 5.1.1 <{address}>: only {self.settings.address} is taken in here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd)
        raw = envelope.original_content or envelope.content
        raw = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogateescape")
        try:
            outcome = self.ingest(raw, list(envelope.rcpt_tos))
        except Exception:  # the database is away: the sending server keeps the message and retries
            log.exception("mail intake failed")
            return "451 4.3.0 Could not take the message in now; try again later"
        log.info("mail from %s: %s %s", envelope.mail_from, outcome.status, outcome.reason)
        if outcome.status == "refused":
            return f"550 5.6.0 {outcome.reason}"
        return f"250 OK: {outcome.status}"

    def ingest(self, raw: bytes, recipients: list[str]):
        with self.app.app_context(), write_intent():
            try:
                outcome = do_ingest(db.session, raw, self.settings, recipients)
                db.session.commit()
            except BaseException:
                db.session.rollback()
                raise
            return outcome


def start_listener(app, host: str, port: int) -> Controller:
    """Start listening (in a thread); stop() the returned controller to end."""
    settings = IntakeSettings.from_config(app.config)
    controller = Controller(
        IntakeHandler(app, settings),
        hostname=host,
        port=port,
        data_size_limit=settings.max_bytes,
        server_hostname="cocreate-intake",
    )
    controller.start()
    return controller
