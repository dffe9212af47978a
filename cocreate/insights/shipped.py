"""The built-in CSAT survey after shipping: when an idea ships, its supporters are asked how well the result
solves it for them, unless the team attached its own question to that moment. The question stays open on
the idea page, and the answers show there. Everything else about it is an ordinary survey (surveys.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.db import dialect_insert, utcnow
from cocreate.errors import Conflict, NotAllowed
from cocreate.events import StatusChanged, subscribe
from cocreate.ideas.access import check_member, check_view_idea
from cocreate.ideas.models import Idea, Status, Vote
from cocreate.insights.models import Moment, Survey, SurveyInvitation, SurveyKind, SurveyResponse
from cocreate.insights.surveys import SHIPPED, SHIPPED_QUESTION, active_at, invite


def shipped_survey(session: Session) -> Survey:
    """The built-in question after shipping; made on first use if it is missing (a wiped database), once
    even when two workers ask at the same moment."""
    survey = session.scalar(select(Survey).where(Survey.builtin == SHIPPED))
    if survey is None:
        session.execute(
            dialect_insert(session)(Survey)
            .values(
                kind=SurveyKind.CSAT.value,
                moment=Moment.SHIPPED.value,
                question=SHIPPED_QUESTION,
                active=True,
                builtin=SHIPPED,
                created_at=utcnow(),
            )
            .on_conflict_do_nothing(index_elements=["builtin"])
        )
        survey = session.scalar(select(Survey).where(Survey.builtin == SHIPPED))
    return survey


@subscribe(StatusChanged)
def _after_ship(session: Session, event: StatusChanged) -> None:
    """The supporters and the author of a shipped idea are asked the team's questions for this moment, or,
    when the team attached none, its supporters the built-in one: nobody gets two questions meant to
    replace each other."""
    if event.new_status != Status.SHIPPED.value:
        return
    idea = session.get(Idea, event.idea_id)
    surveys = active_at(
        session,
        Moment.SHIPPED,
        (Survey.board_id.is_(None)) | (Survey.board_id == idea.board_id),
        Survey.builtin.is_(None),
    )
    people = set(session.scalars(select(Vote.user_id).where(Vote.idea_id == idea.id)))
    if surveys:
        people.add(idea.author_id)
    else:  # the built-in question asks the supporters how well the result solves it for them
        builtin = shipped_survey(session)
        if not builtin.active:
            return
        surveys = [builtin]
    for survey in surveys:
        invite(session, survey, people, f"idea:{idea.id}", idea.title)


def shipped_invitation(session: Session, *, actor: User | None, idea: Idea) -> SurveyInvitation:
    """A supporter's invitation to the built-in question about a shipped idea. The question stays open on
    the idea page, so a supporter who was not invited (the team asked its own question, or the idea shipped
    before the survey existed) is invited now."""
    check_member(actor, "rate what shipped")
    check_view_idea(idea, actor)
    if idea.status != Status.SHIPPED.value:
        raise Conflict("You can rate an idea once it has shipped.")
    if not session.scalar(select(Vote.id).where(Vote.idea_id == idea.id, Vote.user_id == actor.id)):
        raise NotAllowed("The people who supported this idea are asked to rate it.")
    survey = shipped_survey(session)
    subject = f"idea:{idea.id}"
    find = select(SurveyInvitation).where(
        SurveyInvitation.survey_id == survey.id,
        SurveyInvitation.user_id == actor.id,
        SurveyInvitation.subject == subject,
    )
    invitation = session.scalar(find)
    if invitation is None:
        session.execute(
            dialect_insert(session)(SurveyInvitation)
            .values(
                survey_id=survey.id,
                user_id=actor.id,
                subject=subject,
                subject_title=idea.title[:200],
                created_at=utcnow(),
            )
            .on_conflict_do_nothing(index_elements=["survey_id", "user_id", "subject"])
        )
        invitation = session.scalar(find)
    return invitation


@dataclass
class RatingSummary:
    count: int
    average: float | None
    mine: int | None = None  # the viewer's answer, if any


def shipped_summary(session: Session, idea_id: int, viewer_id: int | None = None) -> RatingSummary:
    """How the supporters rate what shipped: the built-in question's answers about this idea."""
    count, average, mine = session.execute(
        select(
            func.count(SurveyResponse.id),
            func.avg(SurveyResponse.score),
            func.max(case((SurveyResponse.user_id == (viewer_id or 0), SurveyResponse.score))),
        )
        .join(Survey, Survey.id == SurveyResponse.survey_id)
        .where(Survey.builtin == SHIPPED, SurveyResponse.subject == f"idea:{idea_id}")
    ).one()
    return RatingSummary(count=count, average=float(average) if average is not None else None, mine=mine)


def idea_panel(session: Session, idea, viewer) -> RatingSummary | None:
    """The rating panel of a shipped idea's page (ideas/hooks.py); None before it ships."""
    if idea.status != "shipped":
        return None
    return shipped_summary(session, idea.id, viewer.id if viewer.is_authenticated else None)
