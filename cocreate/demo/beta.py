"""A demo beta program through the real services: linked to a planned idea, opened (its voters are
invited), full with a waitlist, and one piece of feedback."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.beta import services
from cocreate.db import utcnow
from cocreate.ideas.models import Board, Idea


def generate_beta(session: Session) -> int:
    """Returns the number of sign-ups made (0 when the demo lacks a planned idea or people)."""
    team = session.scalar(select(User).where(User.email == "product@demo.cocreate"))
    idea = session.scalar(
        select(Idea)
        .join(Board, Board.id == Idea.board_id)
        .where(
            Idea.status == "planned",
            Idea.moderation_state == "approved",  # the moderation demo may have hidden one
            Idea.merged_into_id.is_(None),
            ~Board.is_private,
        )
        .order_by(Idea.vote_count.desc(), Idea.id)
    )
    testers = session.scalars(
        select(User)
        .where(User.role == "member", User.email != "member@demo.cocreate")
        .order_by(User.id)
        .limit(10)
    ).all()
    if team is None or idea is None or len(testers) < 10:
        return 0
    program = services.do_create_program(
        session,
        actor=team,
        name="Offline maps beta",
        description="Try **offline maps** on your next trip before everyone else. Tell us what breaks.",
        ideas=[idea],
        capacity=8,
        opens_at=utcnow() - timedelta(days=3),
        closes_at=utcnow() + timedelta(days=14),
        questions=services.parse_questions(
            "Which phone do you use? | iPhone, Android, Other | iPhone, Android\nWhere do you hike most?"
        ),
        consents=["I agree that crash reports from the beta app are shared with the team."],
        terms="The beta is confidential: please do not share screenshots or recordings until it ships.",
        tier_priority=True,
    )
    services.do_set_state(session, actor=team, program=program, state="open")
    for n, person in enumerate(testers):
        services.do_sign_up(
            session,
            actor=person,
            program=program,
            terms_version=program.terms_version,
            consents=["terms", "consent-0"],
            answers={
                "which-phone-do-you-use": "iPhone" if n % 2 else "Android",
                "where-do-you-hike-most": "Alps",
            },
        )
    services.do_submit_feedback(
        session,
        actor=testers[0],
        program=program,
        kind="bug",
        title="Map tiles vanish after a restart",
        idea=idea,
    )
    return len(testers)
