"""Accounts for customers who reach us through a person or a message rather than the sign-up page: a staff
member records their feedback, or they e-mail an idea. The account holds only the address and a name; it
has no usable password until the person claims it (password reset), so nobody can sign in as them."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.accounts.services import EMAIL_RE
from cocreate.errors import InvalidInput

UNCLAIMED = "!unclaimed"  # noqa: S105 — not a hash: werkzeug never matches it, so no password signs in


def normalise_email(email: str, field: str = "email") -> str:
    email = (email or "").strip().lower()
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise InvalidInput("Enter the customer's e-mail address.", field=field)
    return email


def _free_username(session: Session, email: str) -> str:
    base = re.sub(r"[^a-z0-9_]", "_", email.split("@", 1)[0])[:22].strip("_") or "customer"
    base = base if len(base) >= 3 else f"{base}_cc"
    taken = session.scalar(select(User.id).where(func.lower(User.username) == base))
    return base if not taken else f"{base}_{secrets.token_hex(3)}"


def is_unclaimed(user: User) -> bool:
    return user.password_hash == UNCLAIMED


def find_or_add_customer(session: Session, *, email: str, display_name: str = "") -> tuple[User, bool]:
    """The account with this e-mail, or a new unclaimed one; (user, created). Safe under concurrency: a
    racing insert of the same address returns the winner's account."""
    email = normalise_email(email)
    user = session.scalar(select(User).where(User.email == email))
    if user is not None:
        return user, False
    name = " ".join((display_name or "").split())[:80] or email.split("@", 1)[0][:80]
    user = User(
        email=email, username=_free_username(session, email), display_name=name, password_hash=UNCLAIMED
    )
    try:
        with session.begin_nested():
            session.add(user)
    except IntegrityError:
        user = session.scalar(select(User).where(User.email == email))
        if user is None:  # the username collided, not the e-mail: one more try with a random suffix
            return find_or_add_customer(session, email=email, display_name=display_name)
        return user, False
    return user, True
