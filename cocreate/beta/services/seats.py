"""Signing up, seats and the waitlist, promotion, leaving, approval and terms re-acceptance.

Every change to a program's seats locks the program row first (SELECT … FOR UPDATE; on SQLite the write
lock taken at BEGIN does the same), so concurrent sign-ups and withdrawals are applied one at a time and
`seats_taken` never passes `capacity`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from cocreate.accounts.models import User
from cocreate.beta.access import check_manager
from cocreate.beta.models import (
    ACTIVE,
    SEATED,
    BetaAnswer,
    BetaProgram,
    BetaSignup,
    ProgramState,
    SignupStatus,
)
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.events import BetaSignupChanged, emit
from cocreate.ideas.access import check_member
from cocreate.notifications.services import notify
from cocreate.rewards.catalog import TIER_NAMES
from cocreate.rewards.perks import tier_of


def lock_program(session: Session, program: BetaProgram) -> None:
    """Serialise seat changes on this program; refresh what the lock protects."""
    session.execute(select(BetaProgram.id).where(BetaProgram.id == program.id).with_for_update())
    session.refresh(program, ["seats_taken", "capacity", "state", "terms_version"])


def _check_answers(program: BetaProgram, answers: dict[str, str]) -> list[tuple[dict, str]]:
    given = []
    for question in program.questions:
        answer = (answers.get(question["key"]) or "").strip()
        if not answer:
            raise InvalidInput(f"Please answer: {question['label']}", field=f"q_{question['key']}")
        if len(answer) > 500:
            raise InvalidInput("Answers are at most 500 characters.", field=f"q_{question['key']}")
        if question["choices"] and answer not in question["choices"]:
            raise InvalidInput(
                f"Choose one of the answers to: {question['label']}", field=f"q_{question['key']}"
            )
        given.append((question, answer))
    return given


def _eligible_answers(given: list[tuple[dict, str]]) -> str | None:
    """Why the answers rule the person out, or None."""
    for question, answer in given:
        if question["eligible"] and answer not in question["eligible"]:
            return (
                f"This beta is for people who answer “{question['label']}” with "
                f"{' or '.join(question['eligible'])}."
            )
    return None


def _tier_ok(session: Session, program: BetaProgram, user_id: int) -> bool:
    return TIER_NAMES.index(tier_of(session, user_id).name) >= TIER_NAMES.index(program.min_tier)


def do_sign_up(
    session: Session,
    *,
    actor: User | None,
    program: BetaProgram,
    terms_version,
    consents: list[str],
    answers: dict[str, str],
    now: datetime | None = None,
) -> BetaSignup:
    """Join a program: a seat while there is one (pending if the team approves each), else the waitlist."""
    check_member(actor, "sign up for a beta")
    lock_program(session, program)
    now = now or utcnow()  # after the lock: the waitlist's order is the order sign-ups were applied in
    if program.state != ProgramState.OPEN.value:
        raise Conflict(f"“{program.name}” is not taking sign-ups (it is {program.state}).")
    if not program.opens_at <= now < program.closes_at:
        raise Conflict(
            "Sign-ups for this beta are closed."
            if now >= program.closes_at
            else "Sign-ups have not opened yet."
        )
    existing = session.scalar(
        select(BetaSignup).where(BetaSignup.program_id == program.id, BetaSignup.user_id == actor.id)
    )
    if existing is not None and existing.status in ACTIVE:
        raise Conflict("You have already signed up for this beta.")
    if existing is not None and existing.status in (SignupStatus.REMOVED.value, SignupStatus.DECLINED.value):
        raise NotAllowed("The team has already decided on your place in this beta.")
    if str(terms_version) != str(program.terms_version):
        raise Conflict(
            "The terms changed while you were reading them. Please read the new version.", field="terms"
        )
    accepted = set(consents or [])
    if program.terms and "terms" not in accepted:
        raise InvalidInput("Please accept the terms to join.", field="terms")
    for number, statement in enumerate(program.consents):
        if f"consent-{number}" not in accepted:
            raise InvalidInput(f"Please agree to: {statement}", field=f"consent-{number}")
    given = _check_answers(program, answers or {})
    if not _tier_ok(session, program, actor.id):
        raise NotAllowed(
            f"This beta is for members of the {program.min_tier.replace('_', '-')} tier and above."
        )
    why_not = _eligible_answers(given)
    if why_not:
        raise NotAllowed(why_not)
    seated = program.seats_taken < program.capacity
    status = (
        (SignupStatus.PENDING if program.needs_approval else SignupStatus.ACCEPTED)
        if seated
        else SignupStatus.WAITLISTED
    )
    signup = existing or BetaSignup(program_id=program.id, user_id=actor.id)
    signup.status = status.value
    signup.priority = tier_of(session, actor.id).beta_priority if program.tier_priority else 0
    signup.terms_version = program.terms_version
    signup.terms_accepted_at = now
    signup.consents = ([f"Terms, version {program.terms_version}"] if program.terms else []) + list(
        program.consents
    )
    signup.signed_up_at, signup.decided_at, signup.note = now, now if seated else None, ""
    if existing is not None:
        session.execute(delete(BetaAnswer).where(BetaAnswer.signup_id == existing.id))
        session.expire(existing, ["answers"])
    try:
        with session.begin_nested():
            session.add(signup)
            session.flush()
    except IntegrityError:
        raise Conflict("You have already signed up for this beta.") from None
    session.add_all(
        BetaAnswer(signup_id=signup.id, question=q["key"], label=q["label"], answer=a) for q, a in given
    )
    if seated:
        _take_seat(session, program)
    emit(
        session,
        BetaSignupChanged(actor_id=actor.id, program_id=program.id, user_id=actor.id, status=status.value),
    )
    return signup


def _take_seat(session: Session, program: BetaProgram, delta: int = 1) -> None:
    session.execute(
        update(BetaProgram)
        .where(BetaProgram.id == program.id)
        .values(seats_taken=BetaProgram.seats_taken + delta)
    )
    session.refresh(program, ["seats_taken"])


def waitlist_position(session: Session, signup: BetaSignup) -> int | None:
    """1 for the next person to get a seat; None when not on the waitlist."""
    if signup.status != SignupStatus.WAITLISTED.value:
        return None
    ahead = session.scalar(
        select(func.count(BetaSignup.id)).where(
            BetaSignup.program_id == signup.program_id,
            BetaSignup.status == SignupStatus.WAITLISTED.value,
            or_(
                BetaSignup.priority > signup.priority,
                and_(
                    BetaSignup.priority == signup.priority,
                    or_(
                        BetaSignup.signed_up_at < signup.signed_up_at,
                        and_(BetaSignup.signed_up_at == signup.signed_up_at, BetaSignup.id < signup.id),
                    ),
                ),
            ),
        )
    )
    return ahead + 1


def waitlist(session: Session, program_id: int, limit: int | None = None) -> list[BetaSignup]:
    """The waitlist in order: tier priority (0 unless the program uses it), then sign-up time."""
    query = (
        select(BetaSignup)
        .where(BetaSignup.program_id == program_id, BetaSignup.status == SignupStatus.WAITLISTED.value)
        .order_by(BetaSignup.priority.desc(), BetaSignup.signed_up_at, BetaSignup.id)
        .options(selectinload(BetaSignup.user))  # the team's page lists names: one query, not one a person
    )
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def promote(session: Session, program: BetaProgram) -> list[BetaSignup]:
    """Give free seats to the next eligible people on the waitlist (the caller holds the program lock)."""
    if program.state not in (ProgramState.OPEN.value, ProgramState.CLOSED.value):
        return []
    promoted = []
    while program.seats_taken < program.capacity:
        nxt = next(
            (s for s in waitlist(session, program.id, limit=20) if _tier_ok(session, program, s.user_id)),
            None,
        )
        if nxt is None:
            break
        nxt.status = (SignupStatus.PENDING if program.needs_approval else SignupStatus.ACCEPTED).value
        nxt.decided_at = utcnow()
        session.flush()
        _take_seat(session, program)
        message = (
            f"A seat opened in “{program.name}”: you are in!"
            if nxt.status == SignupStatus.ACCEPTED.value
            else f"A seat opened in “{program.name}”: the team will confirm your place soon."
        )
        notify(session, nxt.user_id, "beta.promoted", message, f"/beta/{program.slug}")
        emit(
            session,
            BetaSignupChanged(actor_id=None, program_id=program.id, user_id=nxt.user_id, status=nxt.status),
        )
        promoted.append(nxt)
    return promoted


def _leave(
    session: Session, program: BetaProgram, signup: BetaSignup, status: SignupStatus, note: str = ""
) -> None:
    was_seated = signup.status in SEATED
    signup.status, signup.decided_at, signup.note = status.value, utcnow(), note
    session.flush()
    if was_seated:
        _take_seat(session, program, -1)
        promote(session, program)


def signup_of(session: Session, program: BetaProgram, user_id: int) -> BetaSignup | None:
    return session.scalar(
        select(BetaSignup).where(BetaSignup.program_id == program.id, BetaSignup.user_id == user_id)
    )


def do_withdraw(session: Session, *, actor: User | None, program: BetaProgram) -> BetaSignup:
    """Leave a program (or its waitlist); a seat goes to the next person at once."""
    check_member(actor, "leave a beta")
    lock_program(session, program)
    signup = signup_of(session, program, actor.id)
    if signup is None or signup.status not in ACTIVE:
        raise Conflict("You are not in this beta.")
    session.refresh(signup, ["status"])
    _leave(session, program, signup, SignupStatus.WITHDRAWN)
    emit(
        session,
        BetaSignupChanged(actor_id=actor.id, program_id=program.id, user_id=actor.id, status="withdrawn"),
    )
    return signup


def do_remove(session: Session, *, actor: User | None, signup: BetaSignup, note: str = "") -> BetaSignup:
    """The team removes a participant (or someone waiting), who is told why."""
    check_manager(actor)
    program = signup.program
    lock_program(session, program)
    session.refresh(signup, ["status"])
    if signup.status not in ACTIVE:
        raise Conflict("That person is no longer in this beta.")
    note = (note or "").strip()[:500]
    _leave(session, program, signup, SignupStatus.REMOVED, note)
    notify(
        session,
        signup.user_id,
        "beta.removed",
        f"The team removed you from “{program.name}”." + (f" Reason: {note}" if note else ""),
        f"/beta/{program.slug}",
    )
    return signup


def do_decide_signup(
    session: Session, *, actor: User | None, signup: BetaSignup, approve: bool
) -> BetaSignup:
    """Approve or decline someone waiting for approval (declining frees the seat for the waitlist)."""
    check_manager(actor)
    program = signup.program
    lock_program(session, program)
    session.refresh(signup, ["status"])
    if signup.status != SignupStatus.PENDING.value:
        raise Conflict("That sign-up is not waiting for approval.")
    if approve:
        signup.status, signup.decided_at = SignupStatus.ACCEPTED.value, utcnow()
        notify(
            session, signup.user_id, "beta.accepted", f"You are in “{program.name}”!", f"/beta/{program.slug}"
        )
    else:
        _leave(session, program, signup, SignupStatus.DECLINED)
        notify(
            session,
            signup.user_id,
            "beta.declined",
            f"The team could not offer you a place in “{program.name}” this time.",
            f"/beta/{program.slug}",
        )
    return signup


def do_accept_terms(
    session: Session, *, actor: User | None, program: BetaProgram, terms_version
) -> BetaSignup:
    """Accept the program's current terms (after they changed)."""
    check_member(actor, "accept terms")
    signup = signup_of(session, program, actor.id)
    if signup is None or signup.status not in ACTIVE:
        raise Conflict("You are not in this beta.")
    if str(terms_version) != str(program.terms_version):
        raise Conflict("The terms changed again while you were reading. Please read the new version.")
    signup.terms_version, signup.terms_accepted_at = program.terms_version, utcnow()
    return signup
