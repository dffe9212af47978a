"""Invitations: voters of linked ideas when a program opens, and addresses the team enters. Each is an
e-mail through the outbox; members also hear in-app."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.consents import granted
from cocreate.accounts.models import User
from cocreate.accounts.services import EMAIL_RE
from cocreate.beta.access import check_manager
from cocreate.beta.models import (
    BetaInvite,
    BetaProgram,
)
from cocreate.errors import InvalidInput
from cocreate.notifications.services import notify
from cocreate.outbox.services import enqueue_email

MAX_INVITES = 500


def invite_voters(session: Session, program: BetaProgram) -> int:
    """The people who voted for a linked idea asked for this: they hear first."""
    from cocreate.ideas.models import Vote

    idea_ids = [i.id for i in program.ideas]
    if not idea_ids:
        return 0
    voters = session.execute(
        select(User.id, User.email)
        .join(Vote, Vote.user_id == User.id)
        .where(Vote.idea_id.in_(idea_ids))
        .distinct()
    ).all()
    return _invite(session, program, voters, "voter")


def do_invite(
    session: Session, *, actor: User | None, program: BetaProgram, emails: str
) -> tuple[int, list[str]]:
    """Invite addresses (one per line or comma-separated); returns (invited, refused addresses)."""
    check_manager(actor)
    wanted = [e.strip().lower() for e in re.split(r"[\s,;]+", emails or "") if e.strip()]
    if not wanted:
        raise InvalidInput("Enter at least one e-mail address.", field="emails")
    if len(wanted) > MAX_INVITES:
        raise InvalidInput(f"At most {MAX_INVITES} addresses at a time.", field="emails")
    refused = [e for e in wanted if not EMAIL_RE.match(e) or len(e) > 254]
    good = sorted(set(wanted) - set(refused))
    known = dict(session.execute(select(User.email, User.id).where(User.email.in_(good))).all())
    invited = _invite(session, program, [(known.get(e), e) for e in good], "team")
    return invited, refused


def _invite(session: Session, program: BetaProgram, people, reason: str) -> int:
    """Record each invitation once, tell members in-app, and queue an e-mail (sent by the outbox worker)."""
    done = 0
    why = "You voted for an idea it tests. " if reason == "voter" else ""
    for user_id, email in people:
        try:
            with session.begin_nested():
                session.add(BetaInvite(program_id=program.id, email=email, user_id=user_id, reason=reason))
        except IntegrityError:
            continue  # invited before
        done += 1
        link = f"/beta/{program.slug}"
        if user_id is not None:
            notify(
                session,
                user_id,
                "beta.invited",
                f"You are invited to the beta “{program.name}”. {why}Sign up while seats last.",
                link,
            )
        if reason == "voter" and "research" not in granted(session, user_id):
            continue  # an automatic invitation reaches a member's inbox only with their consent
        enqueue_email(
            session,
            to=email,
            subject=f"You are invited to the beta “{program.name}”",
            text=f"Hello,\n\nYou are invited to try “{program.name}” before everyone else. {why}"
            f"Seats are limited; sign up here:",
            link=link,
            key=f"beta_invite:{program.id}:{email}",
        )
    return done
