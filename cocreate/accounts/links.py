"""One-time e-mail links: sign in without a password, or choose a new password (which is also how a
customer claims the unclaimed account that staff capture or e-mail intake made for them).

A link carries 256 random bits; only their SHA-256 is stored. It works once (an atomic UPDATE claims it,
so two clicks at once sign in once) and for a short time. Asking for a link says the same whether or not
the address has an account, so the form does not reveal who is a member. The e-mail goes through the
outbox like every other."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import EmailLink, User
from cocreate.accounts.services import MAX_PASSWORD, MIN_PASSWORD, do_sign_out_everywhere, hash_password
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput
from cocreate.outbox.services import enqueue_email

LIFETIME = {"signin": timedelta(minutes=15), "reset": timedelta(minutes=30)}
PATHS = {"signin": "/login/link/", "reset": "/reset/"}
SUBJECTS = {"signin": "Your sign-in link", "reset": "Choose a new password"}
TEXTS = {
    "signin": "Hello {name},\n\nopen this link to sign in. It works once, within 15 minutes.\n\n"
    "If you did not ask for it, ignore this e-mail: nobody can sign in without the link.",
    "reset": "Hello {name},\n\nopen this link to choose a new password. It works once, within 30 minutes, "
    "and signs you out everywhere else.\n\nIf you did not ask for it, ignore this e-mail: your password "
    "stays as it is.",
}
EXPIRED = "This link has expired or was used already. Ask for a new one below."


def hash_token(token: str) -> str:
    """How a secret handed out once (an e-mail link, an API or kiosk token) is stored: its SHA-256."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def do_send_link(session: Session, *, email: str, purpose: str) -> str | None:
    """Queue a link to the account with this e-mail; the token (for tests), or None when there is no
    such account. The caller answers the same in both cases."""
    if purpose not in LIFETIME:
        raise InvalidInput("Unknown kind of link.")
    address = (email or "").strip().lower()
    if not address or len(address) > 254:
        raise InvalidInput("Enter your e-mail address.", field="email")
    user = session.scalar(select(User).where(User.email == address))
    if user is None:
        return None
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        EmailLink(
            user_id=user.id,
            purpose=purpose,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + LIFETIME[purpose],
        )
    )
    enqueue_email(
        session,
        to=user.email,
        subject=SUBJECTS[purpose],
        text=TEXTS[purpose].format(name=user.display_name),
        link=PATHS[purpose] + token,
    )
    return token


def link_owner(session: Session, token: str, purpose: str) -> User | None:
    """Whose link this is, while it still works (for the page that asks to confirm)."""
    if not token or len(token) > 100:
        return None
    return session.scalar(
        select(User)
        .join(EmailLink, EmailLink.user_id == User.id)
        .where(
            EmailLink.token_hash == hash_token(token),
            EmailLink.purpose == purpose,
            EmailLink.used_at.is_(None),
            EmailLink.expires_at > utcnow(),
        )
    )


def do_use_link(session: Session, *, token: str, purpose: str) -> User:
    """Spend the link (once, even under concurrent clicks) and return its owner; the person's other open
    links of this kind stop working too."""
    if not token or len(token) > 100:
        raise Conflict(EXPIRED)
    now = utcnow()
    user_id = session.scalar(
        update(EmailLink)
        .where(
            EmailLink.token_hash == hash_token(token),
            EmailLink.purpose == purpose,
            EmailLink.used_at.is_(None),
            EmailLink.expires_at > now,
        )
        .values(used_at=now)
        .returning(EmailLink.user_id)
    )
    if user_id is None:
        raise Conflict(EXPIRED)
    session.execute(
        update(EmailLink)
        .where(EmailLink.user_id == user_id, EmailLink.purpose == purpose, EmailLink.used_at.is_(None))
        .values(used_at=now)
    )
    return session.get(User, user_id)


def check_new_password(password: str, confirm: str) -> str:
    if not MIN_PASSWORD <= len(password or "") <= MAX_PASSWORD:
        raise InvalidInput(f"Passwords are {MIN_PASSWORD}–{MAX_PASSWORD} characters long.", field="password")
    if password != confirm:
        raise InvalidInput("The two passwords differ.", field="confirm")
    return password


def do_reset_password(session: Session, *, token: str, password: str, confirm: str) -> User:
    """Set a new password with a reset link (claiming an unclaimed account too) and end every session."""
    check_new_password(password, confirm)  # a typo does not spend the link
    user = do_use_link(session, token=token, purpose="reset")
    user.password_hash = hash_password(password)
    do_sign_out_everywhere(session, user)
    return user
