"""In-store kiosks: an admin or the product team sets one up for a store and a board; the device keeps only
its token (in a cookie). Ideas from a kiosk are written by the store's own account and always wait for a
moderator, because anyone can walk up to it. No Flask here."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.accounts.customers import UNCLAIMED
from cocreate.accounts.links import hash_token
from cocreate.accounts.models import User
from cocreate.channels import VIA_MAX, Channel, Origin
from cocreate.db import utcnow
from cocreate.errors import InvalidInput, NotFound
from cocreate.ideas.access import check_team, check_view_board
from cocreate.ideas.models import Board, Idea
from cocreate.ideas.services.ideas import do_create_idea
from cocreate.insights.models import Kiosk

PREFIX = "kiosk_"


def do_create_kiosk(session: Session, *, actor: User | None, name: str, board: Board) -> tuple[Kiosk, str]:
    """A kiosk for a store; the plain token is shown once, to be entered on the device."""
    check_team(actor, "manage kiosks")
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput("Name the store or place, e.g. “Berlin Mitte, entrance”.", field="name")
    if len(name) > VIA_MAX:
        raise InvalidInput(f"Names are at most {VIA_MAX} characters.", field="name")
    if board.is_private:
        raise InvalidInput("Kiosks post to public boards only.", field="board")
    tag = secrets.token_hex(6)
    account = User(
        email=f"kiosk-{tag}@kiosk.invalid",  # .invalid never receives mail (RFC 2606)
        username=f"kiosk_{tag}",
        display_name=f"In store: {name}"[:80],
        password_hash=UNCLAIMED,
    )
    session.add(account)
    session.flush()
    plain = PREFIX + secrets.token_urlsafe(32)
    kiosk = Kiosk(
        name=name,
        board_id=board.id,
        account_id=account.id,
        prefix=plain[:12],
        token_hash=hash_token(plain),
        created_by_id=actor.id,
    )
    session.add(kiosk)
    session.flush()
    return kiosk, plain


def do_revoke_kiosk(session: Session, *, actor: User | None, kiosk: Kiosk) -> None:
    """Switch a kiosk off: its token stops working at once."""
    check_team(actor, "manage kiosks")
    if kiosk.revoked_at is None:
        kiosk.revoked_at = utcnow()


def find_kiosk(session: Session, plain: str | None) -> Kiosk | None:
    """The live kiosk with this token, or None."""
    if not plain or not plain.startswith(PREFIX) or len(plain) > 200:
        return None
    return session.scalar(
        select(Kiosk).where(Kiosk.token_hash == hash_token(plain), Kiosk.revoked_at.is_(None))
    )


def do_kiosk_idea(session: Session, *, kiosk: Kiosk, title: str, body: str = "") -> Idea:
    """An idea typed at the kiosk: the store's account proposes it, a moderator publishes it."""
    if kiosk.revoked_at is not None:
        raise NotFound("This kiosk has been switched off.")
    account = session.get(User, kiosk.account_id)
    board = check_view_board(session.get(Board, kiosk.board_id), account)
    return do_create_idea(
        session,
        actor=account,
        board=board,
        title=title,
        body=body,
        origin=Origin(Channel.KIOSK, via=kiosk.name),
        hold=True,
    )
