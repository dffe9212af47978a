"""Participants' feedback, and the team's decision on it (accepted feedback earns points)."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.beta.access import check_manager
from cocreate.beta.models import (
    BetaFeedback,
    BetaProgram,
    FeedbackKind,
    ProgramState,
    SignupStatus,
)
from cocreate.beta.services.seats import signup_of
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed, NotFound
from cocreate.events import BetaFeedbackAccepted, emit
from cocreate.ideas.access import check_member


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
