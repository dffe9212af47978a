"""Reads for the beta pages."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from cocreate.beta.models import BetaFeedback, BetaInvite, BetaProgram, BetaSignup, ProgramState, SignupStatus


def public_programs(session: Session) -> list[BetaProgram]:
    """Open programs first (soonest to close), then closed and finished ones."""
    order = {ProgramState.OPEN.value: 0, ProgramState.CLOSED.value: 1, ProgramState.FINISHED.value: 2}
    programs = session.scalars(
        select(BetaProgram)
        .where(BetaProgram.state != ProgramState.DRAFT.value)
        .options(selectinload(BetaProgram.ideas))  # each card lists its ideas
    ).all()
    return sorted(programs, key=lambda p: (order.get(p.state, 3), p.closes_at))


def all_programs(session: Session) -> list[BetaProgram]:
    return list(session.scalars(select(BetaProgram).order_by(BetaProgram.created_at.desc())))


def my_signups(session: Session, user_id: int) -> list[BetaSignup]:
    return list(
        session.scalars(
            select(BetaSignup)
            .where(BetaSignup.user_id == user_id)
            .options(selectinload(BetaSignup.program))
            .order_by(BetaSignup.signed_up_at.desc())
        )
    )


def waitlist_count(session: Session, program_id: int) -> int:
    return session.scalar(
        select(func.count(BetaSignup.id)).where(
            BetaSignup.program_id == program_id, BetaSignup.status == SignupStatus.WAITLISTED.value
        )
    )


def participants(session: Session, program_id: int) -> list[BetaSignup]:
    """Everyone with a seat or a past place (not the waitlist), newest first."""
    return list(
        session.scalars(
            select(BetaSignup)
            .where(BetaSignup.program_id == program_id, BetaSignup.status != SignupStatus.WAITLISTED.value)
            .options(selectinload(BetaSignup.user), selectinload(BetaSignup.answers))
            .order_by(BetaSignup.signed_up_at.desc(), BetaSignup.id.desc())
        )
    )


def program_feedback(session: Session, program_id: int) -> list[BetaFeedback]:
    return list(
        session.scalars(
            select(BetaFeedback)
            .where(BetaFeedback.program_id == program_id)
            .options(selectinload(BetaFeedback.author), selectinload(BetaFeedback.idea))
            .order_by(BetaFeedback.created_at.desc(), BetaFeedback.id.desc())
        )
    )


def feedback_of(session: Session, program_id: int, user_id: int) -> list[BetaFeedback]:
    return list(
        session.scalars(
            select(BetaFeedback)
            .where(BetaFeedback.program_id == program_id, BetaFeedback.author_id == user_id)
            .order_by(BetaFeedback.created_at.desc())
        )
    )


def invite_counts(session: Session, program_id: int) -> dict[str, int]:
    return dict(
        session.execute(
            select(BetaInvite.reason, func.count(BetaInvite.id))
            .where(BetaInvite.program_id == program_id)
            .group_by(BetaInvite.reason)
        ).all()
    )


def export_rows(session: Session, program_id: int, batch: int = 500):
    """(signup, {question: answer}) for everyone in the program, a batch at a time."""
    last = 0
    while True:
        chunk = session.scalars(
            select(BetaSignup)
            .where(BetaSignup.program_id == program_id, BetaSignup.id > last)
            .options(selectinload(BetaSignup.user), selectinload(BetaSignup.answers))
            .order_by(BetaSignup.id)
            .limit(batch)
        ).all()
        if not chunk:
            return
        for signup in chunk:
            yield signup, {a.question: a.answer for a in signup.answers}
        last = chunk[-1].id
