"""Closing the loop's last step: when an idea ships, its supporters are invited to say, in one click, how
well the result solves it for them. Answers earn the "survey answered" points and show on the idea."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.events import StatusChanged, SurveyAnswered, emit, subscribe
from cocreate.ideas.access import check_member, check_view_idea
from cocreate.ideas.models import Idea, Status, Vote
from cocreate.insights.models import Moment, ShippedRating, Survey
from cocreate.notifications.services import notify_many

QUESTION = "How well does what shipped solve it for you?"
SCALE = {1: "Not at all", 2: "A little", 3: "Partly", 4: "Mostly", 5: "Completely"}
COMMENT_MAX = 1000


@subscribe(StatusChanged)
def invite(session: Session, event: StatusChanged) -> None:
    """Every supporter of a shipped idea gets the question in the app (the status e-mail tells them too),
    unless the team attached its own question to this moment (insights/surveys.py): then that one is asked
    instead, so nobody gets two questions about one shipped idea. The rating stays open on the idea page."""
    if event.new_status != Status.SHIPPED.value:
        return
    title, board_id = session.execute(select(Idea.title, Idea.board_id).where(Idea.id == event.idea_id)).one()
    own = select(Survey.id).where(
        Survey.moment == Moment.SHIPPED.value,
        Survey.active.is_(True),
        Survey.board_id.is_(None) | (Survey.board_id == board_id),
    )
    if session.scalar(own.limit(1)) is not None:
        return
    voters = list(session.scalars(select(Vote.user_id).where(Vote.idea_id == event.idea_id)))
    if not voters:
        return
    message = f"“{title}” has shipped. {QUESTION} One click tells the team."
    notify_many(session, voters, "idea.rate", message, f"/i/{event.idea_id}/rate")


def do_rate(
    session: Session, *, actor: User | None, idea: Idea, score, comment: str = "", channel: str = "web"
) -> ShippedRating:
    """Answer the question once; only the idea's supporters, only once it has shipped."""
    check_member(actor, "rate what shipped")
    check_view_idea(idea, actor)
    if idea.status != Status.SHIPPED.value:
        raise Conflict("You can rate an idea once it has shipped.")
    if not session.scalar(select(Vote.id).where(Vote.idea_id == idea.id, Vote.user_id == actor.id)):
        raise NotAllowed("The people who supported this idea are asked to rate it.")
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if value not in SCALE:
        raise InvalidInput("Choose from 1 (not at all) to 5 (completely).", field="score")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise InvalidInput(f"Comments are at most {COMMENT_MAX:,} characters.", field="comment")
    rating = ShippedRating(idea_id=idea.id, user_id=actor.id, score=value, comment=comment, channel=channel)
    try:
        with session.begin_nested():
            session.add(rating)
    except IntegrityError:
        raise Conflict("You have already rated this idea. Thank you!") from None
    emit(session, SurveyAnswered(actor_id=actor.id, survey="shipped", subject_id=idea.id, score=value))
    return rating


@dataclass
class RatingSummary:
    count: int
    average: float | None
    mine: int | None = None  # the viewer's answer, if any


def summary(session: Session, idea_id: int, viewer_id: int | None = None) -> RatingSummary:
    count, average, mine = session.execute(
        select(
            func.count(ShippedRating.id),
            func.avg(ShippedRating.score),
            func.max(case((ShippedRating.user_id == (viewer_id or 0), ShippedRating.score))),
        ).where(ShippedRating.idea_id == idea_id)
    ).one()
    return RatingSummary(count=count, average=float(average) if average is not None else None, mine=mine)
