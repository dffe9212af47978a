"""Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and `webhook-signature`
headers; the signature is `v1,` + base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")), the secret being
the base64 part of `whsec_…`. Used for what we send and to check what backlogs send us."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time

TOLERANCE_SECONDS = 5 * 60  # a message older or newer than this is refused (replays, skewed clocks)


class BadSignature(Exception):
    """Why a signed message was refused (said back to the sender)."""


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix("whsec_"))


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(_key(secret), f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secret: str, message_id: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
    }


def verify(secret: str, found: dict[str, str], body: bytes, now: float | None = None) -> str:
    """The message id when the headers sign this body and the timestamp is recent; else BadSignature."""
    message_id = found.get("webhook-id", "")
    stamp = found.get("webhook-timestamp", "")
    signatures = found.get("webhook-signature", "")
    if not (message_id and stamp and signatures):
        raise BadSignature("webhook-id, webhook-timestamp and webhook-signature headers are required.")
    if len(message_id) > 120:
        raise BadSignature("webhook-id is longer than 120 characters.")
    try:
        timestamp = int(stamp)
    except ValueError:
        raise BadSignature("webhook-timestamp must be whole seconds since 1970.") from None
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise BadSignature("webhook-timestamp is more than five minutes away from our clock.")
    try:
        expected = sign(secret, message_id, timestamp, body)
    except (binascii.Error, ValueError):
        raise BadSignature("This connector's secret is not a whsec_ secret.") from None
    for candidate in signatures.split():
        if hmac.compare_digest(candidate.encode(), expected.encode()):
            return message_id
    raise BadSignature("No webhook-signature matches this body.")
