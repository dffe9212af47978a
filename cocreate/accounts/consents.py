"""Opt-ins for optional uses of a person's data: each purpose says what it is for and what happens without
it, nothing is assumed (no row means no), and withdrawing removes what the purpose allowed us to keep."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import Consent, User
from cocreate.db import dialect_insert
from cocreate.errors import InvalidInput, NotAllowed


@dataclass(frozen=True)
class Purpose:
    key: str
    label: str
    what_for: str
    without: str


PURPOSES = {
    p.key: p
    for p in (
        Purpose(
            "research",
            "Invite me by e-mail to betas that test ideas I voted for",
            "When a beta program tests an idea you supported, we e-mail you the invitation.",
            "You still see the invitation here in the app; no e-mail.",
        ),
        Purpose(
            "value",
            "Let the team weigh my votes by what I buy",
            "The brand may import your customer value and segment from its sales records, and the "
            "ranking then gives your votes more weight.",
            "No purchase data about you is stored, and your votes count like everyone's.",
        ),
    )
}


def granted(session: Session, user_id: int) -> set[str]:
    return set(session.scalars(select(Consent.purpose).where(Consent.user_id == user_id)))


def consenting(purpose: str):
    """A subquery of the ids of people who gave this consent."""
    return select(Consent.user_id).where(Consent.purpose == purpose)


def do_set_consents(session: Session, *, actor: User | None, chosen) -> set[str]:
    """Give exactly the consents in `chosen`; withdrawing "value" deletes the imported purchase data."""
    if actor is None or not actor.is_authenticated:
        raise NotAllowed("Sign in to choose your consents.")
    wanted = set(chosen)
    unknown = wanted - set(PURPOSES)
    if unknown:
        raise InvalidInput("Unknown consent.", field="consents")
    now = granted(session, actor.id)
    upsert = dialect_insert(session)
    for purpose in sorted(wanted - now):
        session.execute(upsert(Consent).values(user_id=actor.id, purpose=purpose).on_conflict_do_nothing())
    withdrawn = now - wanted
    if withdrawn:
        session.execute(delete(Consent).where(Consent.user_id == actor.id, Consent.purpose.in_(withdrawn)))
    if "value" in withdrawn:
        session.execute(update(User).where(User.id == actor.id).values(customer_value=None, segment=""))
    return wanted
