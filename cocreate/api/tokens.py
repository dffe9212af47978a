"""Making, listing, revoking and checking personal access tokens. No Flask here."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cocreate.accounts.links import hash_token
from cocreate.accounts.models import User
from cocreate.api.models import SCOPES, ApiToken
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotFound
from cocreate.ideas.access import check_member

PREFIX = "cc_"
NAME_MAX = 60
TOKENS_MAX = 20  # live tokens per person
LAST_USED_EVERY = timedelta(minutes=1)  # at most one write per token per minute for "last used"


def check_token_fields(name: str, scope: str) -> tuple[str, str]:
    """The app name (shown on what the token contributes) and the scope."""
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(
            "Name the app this token is for, e.g. “Store kiosk” or “iPhone app”.", field="name"
        )
    if len(name) > NAME_MAX:
        raise InvalidInput(f"Names are at most {NAME_MAX} characters.", field="name")
    if scope not in SCOPES:
        raise InvalidInput("Choose read, or read and write.", field="scope")
    return name, scope


def do_create_token(session: Session, *, actor: User | None, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token for the actor; the plain token is returned once and never stored."""
    check_member(actor, "create access tokens")
    name, scope = check_token_fields(name, scope)
    live = session.scalars(
        select(ApiToken.id).where(ApiToken.user_id == actor.id, ApiToken.revoked_at.is_(None))
    ).all()
    if len(live) >= TOKENS_MAX:
        raise Conflict(f"You have {TOKENS_MAX} tokens already. Revoke one you no longer use first.")
    plain = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=actor.id, name=name, scope=scope, prefix=plain[:10], token_hash=hash_token(plain)
    )
    session.add(token)
    session.flush()
    return token, plain


def do_revoke_token(session: Session, *, actor: User | None, token_id: int) -> ApiToken:
    """Revoke one of one's own tokens; it stops working on the next request."""
    check_member(actor, "revoke access tokens")
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != actor.id:
        raise NotFound("No such token.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return token


def revoke_all(session: Session, user_id: int) -> None:
    """End every token of a person (sign-out everywhere, account deletion)."""
    session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """Live tokens first, newest first."""
    return list(
        session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user_id)
            .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def find_token(session: Session, plain: str) -> ApiToken | None:
    """The live token for this plain text, or None (unknown, revoked, or its person is gone)."""
    if not plain.startswith(PREFIX) or len(plain) > 100:
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(plain)))
    if token is None or token.revoked_at is not None:
        return None
    return token


def needs_touch(token: ApiToken, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY
