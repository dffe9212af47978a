"""Setting up a program: its fields, screening questions, consents, terms versions and states."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.beta.access import check_manager
from cocreate.beta.models import (
    BetaProgram,
    ProgramState,
)
from cocreate.beta.services.invitations import invite_voters
from cocreate.beta.services.seats import lock_program, promote
from cocreate.errors import Conflict, InvalidInput
from cocreate.events import BetaProgramFinished, emit
from cocreate.ideas.services.boards import slugify
from cocreate.markup import render_markdown
from cocreate.rewards.catalog import TIER_NAMES

MAX_QUESTIONS = 10
MAX_CONSENTS = 10


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
    lock_program(session, program)
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
    promote(session, program)
    return program


def do_set_state(session: Session, *, actor: User | None, program: BetaProgram, state: str) -> BetaProgram:
    """Open (inviting the voters of linked ideas the first time), close, or finish a program."""
    check_manager(actor)
    try:
        new = ProgramState(state)
    except ValueError:
        raise InvalidInput("A program is draft, open, closed or finished.", field="state") from None
    lock_program(session, program)
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
    if new is ProgramState.FINISHED:
        emit(session, BetaProgramFinished(actor_id=actor.id, program_id=program.id))
    return program
