"""Beta programs: set-up by the product team, sign-ups with terms and screening, seats and a fair waitlist,
feedback, invitations.

Every change to a program's seats locks the program row first (SELECT … FOR UPDATE; on SQLite the write
lock taken at BEGIN does the same), so concurrent sign-ups and withdrawals are applied one at a time and
`seats_taken` never passes `capacity`.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.accounts.services import EMAIL_RE
from cocreate.beta.models import (
    ACTIVE,
    SEATED,
    BetaAnswer,
    BetaFeedback,
    BetaInvite,
    BetaProgram,
    BetaSignup,
    FeedbackKind,
    ProgramState,
    SignupStatus,
)
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed, NotFound
from cocreate.events import BetaFeedbackAccepted, BetaSignupChanged, emit
from cocreate.ideas.access import check_member
from cocreate.ideas.services.boards import slugify
from cocreate.markup import render_markdown
from cocreate.notifications.services import notify
from cocreate.outbox.services import enqueue_email
from cocreate.rewards.catalog import TIER_NAMES
from cocreate.rewards.perks import tier_of

MAX_QUESTIONS = 10
MAX_CONSENTS = 10
MAX_INVITES = 500


# --- access -------------------------------------------------------------------------------------------------


def can_manage(user: User | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.role in ("product", "admin"))


def check_manager(user: User | None) -> User:
    if not can_manage(user):
        raise NotAllowed("Only the product team and admins run beta programs.")
    return user


# --- programs -----------------------------------------------------------------------------------------------


def parse_questions(text: str) -> list[dict]:
    """One question a line: `Label | choice, choice | eligible, eligible` (choices and eligible optional:
    no choices means a free answer; no eligible list means every answer qualifies)."""
    questions, keys = [], set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) > 3 or not parts[0]:
            raise InvalidInput(
                f"Question line {number}: use “Label | choices | eligible”.", field="questions"
            )
        label = parts[0][:200]
        choices = [c.strip()[:100] for c in (parts[1] if len(parts) > 1 else "").split(",") if c.strip()]
        eligible = [c.strip()[:100] for c in (parts[2] if len(parts) > 2 else "").split(",") if c.strip()]
        if eligible and not choices:
            raise InvalidInput(
                f"Question line {number}: eligible answers need a list of choices.", field="questions"
            )
        if any(e not in choices for e in eligible):
            raise InvalidInput(
                f"Question line {number}: eligible answers must be among the choices.", field="questions"
            )
        key = slugify(label, 40) or f"q{number}"
        while key in keys:
            key = f"{key[:36]}-{number}"
        keys.add(key)
        questions.append({"key": key, "label": label, "choices": choices, "eligible": eligible})
    if len(questions) > MAX_QUESTIONS:
        raise InvalidInput(f"At most {MAX_QUESTIONS} screening questions.", field="questions")
    return questions


def parse_consents(text: str) -> list[str]:
    consents = [line.strip()[:300] for line in (text or "").splitlines() if line.strip()]
    if len(consents) > MAX_CONSENTS:
        raise InvalidInput(f"At most {MAX_CONSENTS} consents.", field="consents")
    return consents


def _check_fields(name, capacity, opens_at, closes_at, min_tier, terms) -> tuple[str, int]:
    name = (name or "").strip()
    if not 3 <= len(name) <= 120:
        raise InvalidInput("A name is 3 to 120 characters.", field="name")
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        raise InvalidInput("Capacity is a whole number of testers.", field="capacity") from None
    if not 1 <= capacity <= 100_000:
        raise InvalidInput("Capacity is between 1 and 100,000 testers.", field="capacity")
    if opens_at is None or closes_at is None:
        raise InvalidInput("Give the sign-up window: when it opens and when it closes.", field="opens_at")
    if closes_at <= opens_at:
        raise InvalidInput("Sign-ups must close after they open.", field="closes_at")
    if min_tier not in TIER_NAMES:
        raise InvalidInput("Choose a tier.", field="min_tier")
    if len(terms or "") > 50_000:
        raise InvalidInput("Terms are at most 50,000 characters.", field="terms")
    return name, capacity


def do_create_program(
    session: Session,
    *,
    actor: User | None,
    name: str,
    description: str = "",
    product=None,
    ideas=(),
    capacity,
    opens_at: datetime | None,
    closes_at: datetime | None,
    min_tier: str = "member",
    consents: list[str] = (),
    questions: list[dict] = (),
    terms: str = "",
    needs_approval: bool = False,
    tier_priority: bool = False,
) -> BetaProgram:
    """A new program, as a draft: nobody sees it until the team opens it."""
    check_manager(actor)
    name, capacity = _check_fields(name, capacity, opens_at, closes_at, min_tier, terms)
    slug = slugify(name)
    if not slug:
        raise InvalidInput("The name needs some letters or digits.", field="name")
    if session.scalar(select(BetaProgram.id).where(BetaProgram.slug == slug)) is not None:
        raise Conflict(f"A program with the address “{slug}” already exists.", field="name")
    program = BetaProgram(
        slug=slug,
        name=name,
        description=description or "",
        description_html=render_markdown(description or ""),
        product_id=product.id if product else None,
        capacity=capacity,
        opens_at=opens_at,
        closes_at=closes_at,
        min_tier=min_tier,
        consents=list(consents),
        questions=list(questions),
        terms=terms or "",
        needs_approval=needs_approval,
        tier_priority=tier_priority,
        created_by_id=actor.id,
    )
    program.ideas = list(ideas)
    try:
        with session.begin_nested():
            session.add(program)
    except IntegrityError:
        raise Conflict(f"A program with the address “{slug}” already exists.", field="name") from None
    return program


def do_update_program(session: Session, *, actor: User | None, program: BetaProgram, **fields) -> BetaProgram:
    """Change a program. New terms get a new version that participants accept before sending feedback;
    more capacity seats the waitlist at once; less than the seats taken is refused."""
    check_manager(actor)
    _lock(session, program)
    name, capacity = _check_fields(
        fields.get("name", program.name),
        fields.get("capacity", program.capacity),
        fields.get("opens_at", program.opens_at),
        fields.get("closes_at", program.closes_at),
        fields.get("min_tier", program.min_tier),
        fields.get("terms", program.terms),
    )
    if capacity < program.seats_taken:
        raise Conflict(
            f"{program.seats_taken} people hold seats; remove some before lowering capacity to {capacity}.",
            field="capacity",
        )
    terms = fields.get("terms", program.terms) or ""
    if terms.strip() != (program.terms or "").strip():
        program.terms_version += 1
    program.name, program.capacity, program.terms = name, capacity, terms
    for key in (
        "opens_at",
        "closes_at",
        "min_tier",
        "consents",
        "questions",
        "needs_approval",
        "tier_priority",
    ):
        if key in fields:
            setattr(program, key, fields[key])
    if "description" in fields:
        program.description = fields["description"] or ""
        program.description_html = render_markdown(program.description)
    if "ideas" in fields:
        program.ideas = list(fields["ideas"])
    if "product" in fields:
        program.product_id = fields["product"].id if fields["product"] else None
    session.flush()
    _promote(session, program)
    return program


def do_set_state(session: Session, *, actor: User | None, program: BetaProgram, state: str) -> BetaProgram:
    """Open (inviting the voters of linked ideas the first time), close, or finish a program."""
    check_manager(actor)
    try:
        new = ProgramState(state)
    except ValueError:
        raise InvalidInput("A program is draft, open, closed or finished.", field="state") from None
    _lock(session, program)
    allowed = {
        ProgramState.DRAFT: {ProgramState.OPEN},
        ProgramState.OPEN: {ProgramState.CLOSED, ProgramState.FINISHED},
        ProgramState.CLOSED: {ProgramState.OPEN, ProgramState.FINISHED},
        ProgramState.FINISHED: set(),
    }
    old = ProgramState(program.state)
    if new not in allowed[old]:
        raise Conflict(f"A {old.value} program cannot become {new.value}.", field="state")
    program.state = new.value
    if new is ProgramState.OPEN and old is ProgramState.DRAFT:
        invite_voters(session, program)
    return program


def _lock(session: Session, program: BetaProgram) -> None:
    """Serialise seat changes on this program; refresh what the lock protects."""
    session.execute(select(BetaProgram.id).where(BetaProgram.id == program.id).with_for_update())
    session.refresh(program, ["seats_taken", "capacity", "state", "terms_version"])


# --- invitations --------------------------------------------------------------------------------------------


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


# --- signing up ---------------------------------------------------------------------------------------------


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
    _lock(session, program)
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
    )
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def _promote(session: Session, program: BetaProgram) -> list[BetaSignup]:
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
        _promote(session, program)


def signup_of(session: Session, program: BetaProgram, user_id: int) -> BetaSignup | None:
    return session.scalar(
        select(BetaSignup).where(BetaSignup.program_id == program.id, BetaSignup.user_id == user_id)
    )


def do_withdraw(session: Session, *, actor: User | None, program: BetaProgram) -> BetaSignup:
    """Leave a program (or its waitlist); a seat goes to the next person at once."""
    check_member(actor, "leave a beta")
    _lock(session, program)
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
    _lock(session, program)
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
    _lock(session, program)
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


# --- feedback -----------------------------------------------------------------------------------------------


def do_submit_feedback(
    session: Session,
    *,
    actor: User | None,
    program: BetaProgram,
    kind: str,
    title: str,
    body: str = "",
    idea=None,
) -> BetaFeedback:
    """A participant reports a bug, suggests or praises; optionally about an idea."""
    check_member(actor, "send beta feedback")
    signup = signup_of(session, program, actor.id)
    if signup is None or signup.status != SignupStatus.ACCEPTED.value:
        raise NotAllowed("Only accepted participants send feedback in this beta.")
    if program.state == ProgramState.FINISHED.value:
        raise Conflict("This beta has finished.")
    if signup.terms_version != program.terms_version:
        raise Conflict(
            "The terms of this beta changed. Please read and accept them before sending feedback.",
            field="terms",
        )
    if kind not in {k.value for k in FeedbackKind}:
        raise InvalidInput("Feedback is a bug, a suggestion or praise.", field="kind")
    title = (title or "").strip()
    if not 3 <= len(title) <= 140:
        raise InvalidInput("A title is 3 to 140 characters.", field="title")
    if len(body or "") > 20_000:
        raise InvalidInput("Keep the details under 20,000 characters.", field="body")
    from cocreate.moderation.models import VISIBLE_STATES

    if idea is not None and idea.moderation_state not in VISIBLE_STATES:
        raise InvalidInput("That idea is not available.", field="idea")
    feedback = BetaFeedback(
        program_id=program.id,
        author_id=actor.id,
        kind=kind,
        title=title,
        body=body or "",
        idea_id=idea.id if idea else None,
    )
    session.add(feedback)
    session.flush()
    return feedback


def do_decide_feedback(
    session: Session, *, actor: User | None, feedback: BetaFeedback, accept: bool
) -> BetaFeedback:
    """Accept (the author earns points) or decline a piece of feedback; once."""
    check_manager(actor)
    if feedback is None:
        raise NotFound("No such feedback.")
    done = session.execute(
        update(BetaFeedback)
        .where(BetaFeedback.id == feedback.id, BetaFeedback.status == "new")
        .values(status="accepted" if accept else "declined", decided_by_id=actor.id, decided_at=utcnow())
    ).rowcount
    if not done:
        raise Conflict("That feedback was already decided.")
    session.refresh(feedback)
    if accept:
        emit(
            session,
            BetaFeedbackAccepted(
                actor_id=actor.id,
                feedback_id=feedback.id,
                program_id=feedback.program_id,
                author_id=feedback.author_id,
            ),
        )
    return feedback
