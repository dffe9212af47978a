"""The catalog's beta programs through the real services: each answers the planned ideas it names, is open
(the ideas' voters are invited), and gets sign-ups: the first one more than its seats (a waitlist), the
second fewer. Then the findings testers reported."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.beta import services
from cocreate.db import utcnow
from cocreate.demo import catalog as K
from cocreate.ideas.models import Board, Idea

SEATS = (8, 20)  # the first program fills and keeps a waitlist; the second has room
TESTERS = (10, 6)


def _ideas(session: Session, titles: list[str]) -> list[Idea]:
    """The named ideas, where they are published on a public board and still to be built."""
    return list(
        session.scalars(
            select(Idea)
            .join(Board, Board.id == Idea.board_id)
            .where(
                Idea.title.in_(titles),
                Idea.status.in_(("planned", "in_progress")),
                Idea.moderation_state == "approved",  # the moderation demo may have hidden one
                Idea.merged_into_id.is_(None),
                ~Board.is_private,
            )
            .order_by(Idea.id)
        )
    )


def _answers(questions: list[dict], n: int) -> dict:
    """Answers that qualify: an eligible choice in turn, or a free answer."""
    out = {}
    for q in questions:
        picks = q["eligible"] or q["choices"]
        out[q["key"]] = picks[n % len(picks)] if picks else "In the Alps, mostly on weekends"
    return out


def generate_beta(session: Session) -> int:
    """Returns the number of sign-ups made (0 when the demo lacks the ideas or the people)."""
    team = session.scalar(select(User).where(User.email == "product@demo.cocreate"))
    members = session.scalars(
        select(User)
        .where(User.role == "member", User.email != "member@demo.cocreate")
        .order_by(User.id)
        .limit(sum(TESTERS))
    ).all()
    if team is None or len(members) < TESTERS[0]:
        return 0
    made, start = 0, 0
    for spec, seats, testers in zip(K.BETA_PROGRAMS, SEATS, TESTERS, strict=False):
        ideas = _ideas(session, spec["idea_titles"])
        if not ideas:
            continue
        questions = services.parse_questions(spec["questions"])
        program = services.do_create_program(
            session,
            actor=team,
            name=spec["name"],
            description=spec["description"],
            ideas=ideas,
            capacity=seats,
            opens_at=utcnow() - timedelta(days=3),
            closes_at=utcnow() + timedelta(days=21),
            questions=questions,
            consents=spec["consents"],
            terms=spec["terms"],
            tier_priority=True,
        )
        services.do_set_state(session, actor=team, program=program, state="open")
        people = members[start : start + testers]
        start += testers
        if len(people) < 2:  # a small demo: no one left for the second program
            break
        for n, person in enumerate(people):
            services.do_sign_up(
                session,
                actor=person,
                program=program,
                terms_version=program.terms_version,
                consents=["terms", *(f"consent-{i}" for i in range(len(spec["consents"])))],
                answers=_answers(questions, n),
            )
            made += 1
        seated = people[: min(seats, len(people))]  # the first to sign up got seats
        findings = [(kind, title) for name, kind, title in K.FEEDBACK if name == spec["name"]]
        for n, (kind, title) in enumerate(findings):
            services.do_submit_feedback(
                session, actor=seated[n % len(seated)], program=program, kind=kind, title=title, idea=ideas[0]
            )
    return made
