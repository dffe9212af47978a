"""NPS, CSAT and CES micro-surveys: product teams attach one question to a moment (after a review, after an
idea ships, after a beta, at the kiosk); the people concerned are invited in the app and answer once, on the
web or through the API. Kiosks answer anonymously. Scores are computed the standard way (see SurveyKind).
One CSAT survey is built in, after shipping: insights/shipped.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.beta.models import BetaProgram, BetaSignup
from cocreate.channels import WEB, Origin
from cocreate.db import MAX_ID, dialect_insert, utcnow
from cocreate.errors import Conflict, InvalidInput, NotFound
from cocreate.events import (
    BetaProgramFinished,
    ReviewPublished,
    SurveyAnswered,
    emit,
    subscribe,
)
from cocreate.ideas.access import check_team
from cocreate.ideas.models import Board, Idea
from cocreate.insights.models import Kiosk, Moment, Survey, SurveyInvitation, SurveyKind, SurveyResponse
from cocreate.notifications.services import notify_many
from cocreate.reviews.models import Product

QUESTION_MAX = 200
COMMENT_MAX = 1000
DEFAULT_QUESTIONS = {
    SurveyKind.NPS: "How likely are you to recommend us to a friend or colleague?",
    SurveyKind.CSAT: "How satisfied are you with {subject}?",
    SurveyKind.CES: "How easy was it to {subject}?",
}
TASKS = {  # what a CSAT or CES question is about when no product is named, by moment
    SurveyKind.NPS: {},
    SurveyKind.CSAT: {m: "our products" for m in Moment} | {Moment.SHIPPED: "what we shipped"},
    SurveyKind.CES: {
        Moment.REVIEW: "write your review",
        Moment.SHIPPED: "tell us what you needed",
        Moment.BETA: "take part in the beta",
        Moment.KIOSK: "find what you needed today",
    },
}
ANCHORS = {  # the words at each end of the scale
    SurveyKind.NPS: ("Not at all likely", "Extremely likely"),
    SurveyKind.CSAT: ("Very unsatisfied", "Very satisfied"),
    SurveyKind.CES: ("Very difficult", "Very easy"),
}
SHIPPED = "shipped"  # the built-in survey that follows a shipped idea
SHIPPED_QUESTION = "How well does what shipped solve it for you?"
SHIPPED_SCALE = {1: "Not at all", 2: "A little", 3: "Partly", 4: "Mostly", 5: "Completely"}


def anchors(survey: Survey) -> tuple[str, str]:
    """The words at each end of this survey's scale."""
    if survey.builtin == SHIPPED:
        return SHIPPED_SCALE[1], SHIPPED_SCALE[5]
    return ANCHORS[survey.survey_kind]


def check_kind(kind) -> SurveyKind:
    try:
        return SurveyKind(kind)
    except ValueError:
        raise InvalidInput("Choose NPS, CSAT or CES.", field="kind") from None


def check_score(kind: SurveyKind, score) -> int:
    low, high = kind.scale
    try:
        value = int(str(score).strip())
    except (TypeError, ValueError):
        value = None
    if value is None or not low <= value <= high:
        raise InvalidInput(f"Choose a number from {low} to {high}.", field="score")
    return value


def check_comment(comment) -> str:
    comment = "".join(ch for ch in str(comment or "") if ch >= " " or ch == "\n").strip()
    if len(comment) > COMMENT_MAX:
        raise InvalidInput(f"Comments are at most {COMMENT_MAX:,} characters.", field="comment")
    return comment


def do_create_survey(
    session: Session,
    *,
    actor: User | None,
    kind,
    moment,
    question: str = "",
    product: Product | None = None,
    board: Board | None = None,
) -> Survey:
    """Attach a question to a moment; the question defaults to the standard wording for its kind."""
    check_team(actor, "run surveys")
    kind = check_kind(kind)
    try:
        moment = Moment(moment)
    except ValueError:
        raise InvalidInput("Choose when the question is asked.", field="moment") from None
    question = " ".join((question or "").split())
    if len(question) > QUESTION_MAX:
        raise InvalidInput(f"Questions are at most {QUESTION_MAX} characters.", field="question")
    if not question:
        subject = product.name if product else TASKS[kind].get(moment, "")
        question = DEFAULT_QUESTIONS[kind].format(subject=subject)
    if product is not None and moment not in (Moment.REVIEW, Moment.KIOSK):
        raise InvalidInput("Only review and kiosk questions are about one product.", field="product")
    if board is not None and moment is not Moment.SHIPPED:
        raise InvalidInput("Only questions after shipping are about one board.", field="board")
    survey = Survey(
        kind=kind.value,
        moment=moment.value,
        question=question,
        product_id=product.id if product else None,
        board_id=board.id if board else None,
        created_by_id=actor.id,
    )
    session.add(survey)
    session.flush()
    return survey


def do_set_active(session: Session, *, actor: User | None, survey: Survey, active: bool) -> None:
    """Pause or resume a survey; a paused one invites nobody and accepts no kiosk answers."""
    check_team(actor, "run surveys")
    survey.active = bool(active)


def active_at(session: Session, moment: Moment, *conditions) -> list[Survey]:
    return list(
        session.scalars(
            select(Survey)
            .where(Survey.moment == moment.value, Survey.active.is_(True), *conditions)
            .order_by(Survey.id)
        )
    )


def invite(session: Session, survey: Survey, user_ids, subject: str, title: str) -> int:
    """Invite people once per survey and subject (a concurrent invite of the same person is skipped by the
    unique constraint, not raised); returns how many were newly invited."""
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return 0
    upsert = dialect_insert(session)
    now, fresh = utcnow(), []
    for start in range(0, len(user_ids), 1000):
        rows = [
            {
                "survey_id": survey.id,
                "user_id": uid,
                "subject": subject,
                "subject_title": title[:200],
                "created_at": now,
            }
            for uid in user_ids[start : start + 1000]
        ]
        stmt = (
            upsert(SurveyInvitation)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["survey_id", "user_id", "subject"])
            .returning(SurveyInvitation.user_id)
        )
        fresh += session.scalars(stmt).all()
    if fresh:
        message, link = f"One question about {title}: {survey.question}", "/surveys"
        if survey.builtin == SHIPPED:
            message = f"“{title}” has shipped. {survey.question} One click tells the team."
            link = f"/i/{subject.removeprefix('idea:')}/rate"
        notify_many(session, sorted(fresh), "survey", message, link)
    return len(fresh)


@subscribe(ReviewPublished)
def _after_review(session: Session, event: ReviewPublished) -> None:
    name = session.scalar(select(Product.name).where(Product.id == event.product_id)) or ""
    for survey in active_at(
        session, Moment.REVIEW, (Survey.product_id.is_(None)) | (Survey.product_id == event.product_id)
    ):
        invite(session, survey, [event.actor_id], f"product:{event.product_id}", name)


@subscribe(BetaProgramFinished)
def _after_beta(session: Session, event: BetaProgramFinished) -> None:
    surveys = active_at(session, Moment.BETA)
    if not surveys:
        return
    program = session.get(BetaProgram, event.program_id)
    people = session.scalars(
        select(BetaSignup.user_id).where(BetaSignup.program_id == program.id, BetaSignup.status == "accepted")
    )
    people = list(people)
    for survey in surveys:
        invite(session, survey, people, f"beta:{program.id}", program.name)


def invitation_for(session: Session, actor: User | None, invitation_id: int) -> SurveyInvitation:
    """The person's own invitation, or NotFound (someone else's is not theirs to see)."""
    invitation = session.get(SurveyInvitation, invitation_id) if 0 < invitation_id <= MAX_ID else None
    if invitation is None or actor is None or not actor.is_authenticated or invitation.user_id != actor.id:
        raise NotFound("No such survey for you.")
    return invitation


def do_answer(
    session: Session,
    *,
    actor: User | None,
    invitation: SurveyInvitation,
    score,
    comment="",
    origin: Origin = WEB,
) -> SurveyResponse:
    """Answer an invitation once; a second answer (even a concurrent one) is a Conflict."""
    if actor is None or not actor.is_authenticated or invitation.user_id != actor.id:
        raise NotFound("No such survey for you.")
    survey = invitation.survey
    value = check_score(survey.survey_kind, score)
    comment = check_comment(comment)
    claimed = session.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.id == invitation.id, SurveyInvitation.answered_at.is_(None))
        .values(answered_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise Conflict("You have already answered this question. Thank you!")
    session.expire(invitation, ["answered_at"])
    response = SurveyResponse(
        survey_id=survey.id,
        invitation_id=invitation.id,
        user_id=actor.id,
        subject=invitation.subject,
        score=value,
        comment=comment,
        **origin.columns(),
    )
    session.add(response)
    session.flush()
    emit(
        session,
        SurveyAnswered(
            actor_id=actor.id,
            survey=f"{survey.kind}:{survey.id}",
            subject_id=invitation.id,
            score=value,
            board_id=_board_of(session, invitation.subject),
        ),
    )
    return response


def _board_of(session: Session, subject: str) -> int | None:
    """The board an answer is about (its points count there), when it is about an idea."""
    kind, _, key = subject.partition(":")
    if kind != "idea" or not key.isdigit():
        return None
    return session.scalar(select(Idea.board_id).where(Idea.id == int(key)))


def kiosk_surveys(session: Session) -> list[Survey]:
    return active_at(session, Moment.KIOSK)


def do_answer_at_kiosk(
    session: Session, *, kiosk: Kiosk, survey: Survey, score, comment="", product: Product | None = None
) -> SurveyResponse:
    """An anonymous answer at a kiosk; CSAT questions rate the chosen product."""
    if kiosk.revoked_at is not None:
        raise NotFound("This kiosk has been switched off.")
    if survey.moment != Moment.KIOSK.value or not survey.active:
        raise NotFound("This question is not asked at kiosks.")
    if survey.product_id is not None and (product is None or product.id != survey.product_id):
        product = session.get(Product, survey.product_id)
    response = SurveyResponse(
        survey_id=survey.id,
        kiosk_id=kiosk.id,
        subject=f"product:{product.id}" if product else "",
        score=check_score(survey.survey_kind, score),
        comment=check_comment(comment),
        channel="kiosk",
        via=kiosk.name,
    )
    session.add(response)
    session.flush()
    return response


@dataclass
class Result:
    kind: SurveyKind
    count: int = 0
    score: float | None = None  # NPS −100…100, CSAT % satisfied, CES mean
    distribution: dict[int, int] = field(default_factory=dict)

    @property
    def display(self) -> str:
        if self.score is None:
            return "–"
        if self.kind is SurveyKind.NPS:
            return f"{self.score:+.0f}"
        if self.kind is SurveyKind.CSAT:
            return f"{self.score:.0f}%"
        return f"{self.score:.1f} / 7"


def score_of(kind: SurveyKind, distribution: dict[int, int]) -> float | None:
    total = sum(distribution.values())
    if not total:
        return None
    if kind is SurveyKind.NPS:
        promoters = sum(n for s, n in distribution.items() if s >= 9)
        detractors = sum(n for s, n in distribution.items() if s <= 6)
        return round(100 * (promoters - detractors) / total, 1)
    if kind is SurveyKind.CSAT:
        return round(100 * sum(n for s, n in distribution.items() if s >= 4) / total, 1)
    return round(sum(s * n for s, n in distribution.items()) / total, 2)


def result(session: Session, survey: Survey, *conditions) -> Result:
    rows = session.execute(
        select(SurveyResponse.score, func.count())
        .where(SurveyResponse.survey_id == survey.id, *conditions)
        .group_by(SurveyResponse.score)
    ).all()
    distribution = {int(s): int(n) for s, n in rows}
    kind = survey.survey_kind
    return Result(kind, sum(distribution.values()), score_of(kind, distribution), distribution)


def pending(session: Session, user: User, limit: int = 50) -> list[SurveyInvitation]:
    """The person's unanswered invitations to surveys that are still active, newest first."""
    return list(
        session.scalars(
            select(SurveyInvitation)
            .join(Survey, Survey.id == SurveyInvitation.survey_id)
            .where(
                SurveyInvitation.user_id == user.id,
                SurveyInvitation.answered_at.is_(None),
                Survey.active.is_(True),
            )
            .order_by(SurveyInvitation.id.desc())
            .limit(limit)
        )
    )
