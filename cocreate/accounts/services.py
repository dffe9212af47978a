"""Account actions: register, authenticate, sign out everywhere, change roles."""

from __future__ import annotations

import re
import secrets
from functools import cache

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from cocreate.accounts.models import Role, User
from cocreate.errors import Conflict, InvalidInput, NotAllowed

USERNAME_RE = re.compile(r"^[A-Za-z0-9_]{3,30}$")
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 200
PASSWORD_METHOD = "scrypt"  # noqa: S105 — memory-hard KDF; werkzeug salts and encodes the parameters in the hash


@cache
def _dummy_hash() -> str:
    """A hash checked when the e-mail is unknown, so timing does not reveal accounts (made on first use)."""
    return generate_password_hash(secrets.token_hex(16), method=PASSWORD_METHOD)


def hash_password(password: str) -> str:
    """Hash a password with the house KDF."""
    return generate_password_hash(password, method=PASSWORD_METHOD)


DISPLAY_NAME_MAX = 80


def check_display_name(name: str) -> str:
    """A name to show beside what someone writes: 1–80 printable characters, spaces collapsed."""
    kept = "".join(ch if ch.isprintable() else " " if ch.isspace() else "" for ch in name or "")
    name = " ".join(kept.split())  # tabs and line breaks become spaces; invisible characters go
    if not name:
        raise InvalidInput("Enter the name to show beside what you write.", field="display_name")
    if len(name) > DISPLAY_NAME_MAX:
        raise InvalidInput(f"Display names are at most {DISPLAY_NAME_MAX} characters.", field="display_name")
    return name


RESERVED_NAMES = frozenset(
    {"former member", "cocreate", "admin", "administrator", "moderator", "product team"}
)


def check_name_free(session: Session, name: str, user_id: int | None = None) -> str:
    """A name that passes for nobody else: not one the site speaks with ("Former member" marks deleted
    accounts) and not the name of a staff member, whose words carry weight."""
    folded = name.casefold()
    if folded in RESERVED_NAMES:
        raise InvalidInput("That name is kept for the site itself; choose another.", field="display_name")
    staff = session.scalar(
        select(User.id).where(
            func.lower(User.display_name) == name.lower(),
            User.role != Role.MEMBER.value,
            User.id != (user_id or 0),
        )
    )
    if staff is not None:
        raise InvalidInput("A member of staff goes by that name; choose another.", field="display_name")
    return name


def do_set_picture(
    session: Session, *, actor: User | None, picture: bytes | None, remove: bool, uploads
) -> str | None:
    """A new picture for one's avatar (re-encoded like every upload, cropped square when shown), or none;
    returns the old picture's file name, to delete once this is committed."""
    if actor is None or not actor.is_authenticated:
        raise NotAllowed("Sign in to change your picture.")
    from cocreate.media import store_image

    old = actor.avatar
    if picture:
        actor.avatar = store_image(picture, uploads).name
    elif remove:
        actor.avatar = None
    else:
        return None
    session.flush()
    return old


def do_set_display_name(session: Session, *, actor: User | None, display_name: str) -> User:
    """Change one's display name; pages show the new one beside everything the person wrote."""
    if actor is None or not actor.is_authenticated:
        raise NotAllowed("Sign in to change your name.")
    actor.display_name = check_name_free(session, check_display_name(display_name), actor.id)
    session.flush()
    return actor


def check_registration(
    session: Session, *, email: str, username: str, display_name: str, password: str
) -> tuple[str, str, str]:
    """Validate sign-up input; returns normalised (email, username, display_name)."""
    email = email.strip().lower()
    username = username.strip()
    display_name = " ".join(display_name.split()) or username
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise InvalidInput("Enter a valid e-mail address.", field="email")
    if not USERNAME_RE.match(username):
        raise InvalidInput("Usernames are 3–30 letters, digits or underscores.", field="username")
    display_name = check_display_name(display_name)
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidInput(f"Passwords are {MIN_PASSWORD}–{MAX_PASSWORD} characters long.", field="password")
    if session.scalar(select(User.id).where(User.email == email)):
        raise Conflict("An account with this e-mail already exists.", field="email")
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        raise Conflict("This username is taken.", field="username")
    return email, username, check_name_free(session, display_name)


def do_register(
    session: Session,
    *,
    email: str,
    username: str,
    password: str,
    display_name: str = "",
    role: Role = Role.MEMBER,
    password_hash: str | None = None,
) -> User:
    """Create an account; a concurrent duplicate becomes a Conflict, not a 500."""
    email, username, display_name = check_registration(
        session, email=email, username=username, display_name=display_name, password=password
    )
    user = User(
        email=email,
        username=username,
        display_name=display_name,
        password_hash=password_hash or hash_password(password),
        role=role.value,
    )
    try:
        with session.begin_nested():
            session.add(user)
    except IntegrityError as exc:
        raise Conflict("An account with this e-mail or username already exists.") from exc
    return user


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The user whose e-mail and password match, or None."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def do_sign_out_everywhere(session: Session, user: User) -> None:
    """Invalidate every session cookie of this person by bumping the session version atomically."""
    session.execute(update(User).where(User.id == user.id).values(session_version=User.session_version + 1))
    session.expire(user, ["session_version"])


def do_set_role(session: Session, *, actor: User, user: User, role: Role) -> None:
    """Change a person's role; only admins may."""
    if not actor.is_admin:
        raise NotAllowed("Only administrators can change roles.")
    user.role = role.value
    do_sign_out_everywhere(session, user)
