"""Seats under concurrency on a real database (SQLite and PostgreSQL): never more than capacity, the
waitlist in the order sign-ups were applied, promotions exact."""

from datetime import timedelta

from sqlalchemy import func, select

from cocreate.accounts.models import User
from cocreate.beta import services
from cocreate.beta.models import SEATED, BetaProgram, BetaSignup
from cocreate.db import utcnow
from tests.concurrency import race
from tests.factories import UserFactory

ANSWERS = {"phone": "Android"}


def _program(session, capacity: int) -> int:
    team = UserFactory(role="product")
    program = services.do_create_program(
        session,
        actor=team,
        name=f"Race beta {capacity}",
        capacity=capacity,
        opens_at=utcnow() - timedelta(days=1),
        closes_at=utcnow() + timedelta(days=1),
        questions=services.parse_questions("Phone | iPhone, Android"),
        terms="Be kind.",
    )
    services.do_set_state(session, actor=team, program=program, state="open")
    return program.id


def _sign_up(user_id: int, program_id: int):
    return lambda s: services.do_sign_up(
        s,
        actor=s.get(User, user_id),
        program=s.get(BetaProgram, program_id),
        terms_version=1,
        consents=["terms"],
        answers=ANSWERS,
    )


def _withdraw(user_id: int, program_id: int):
    return lambda s: services.do_withdraw(
        s, actor=s.get(User, user_id), program=s.get(BetaProgram, program_id)
    )


def _state(session, program_id: int):
    session.commit()  # see what the threads committed
    rows = session.execute(
        select(BetaSignup.status, func.count())
        .where(BetaSignup.program_id == program_id)
        .group_by(BetaSignup.status)
    ).all()
    return dict(rows), session.get(BetaProgram, program_id).seats_taken


def test_200_sign_ups_for_50_seats(app, session):
    program_id = _program(session, 50)
    user_ids = [u.id for u in UserFactory.create_batch(200)]
    session.commit()
    result = race(app, [_sign_up(u, program_id) for u in user_ids])
    assert result.errors == [] and result.ok == 200
    counts, seats = _state(session, program_id)
    assert counts == {"accepted": 50, "waitlisted": 150} and seats == 50
    # Everyone seated signed up before everyone waiting, and the waitlist positions are 1..150.
    signups = session.scalars(select(BetaSignup).where(BetaSignup.program_id == program_id)).all()
    last_seated = max(s.signed_up_at for s in signups if s.status == "accepted")
    assert all(s.signed_up_at >= last_seated for s in signups if s.status == "waitlisted")
    positions = sorted(services.waitlist_position(session, s) for s in signups if s.status == "waitlisted")
    assert positions == list(range(1, 151))


def test_withdrawals_and_sign_ups_at_once_never_exceed_capacity(app, session):
    program_id = _program(session, 20)
    first = [u.id for u in UserFactory.create_batch(60)]
    later = [u.id for u in UserFactory.create_batch(30)]
    session.commit()
    assert race(app, [_sign_up(u, program_id) for u in first]).errors == []
    waiting = [s.user_id for s in services.waitlist(session, program_id)]
    seated = [
        s.user_id
        for s in session.scalars(
            select(BetaSignup).where(BetaSignup.program_id == program_id, BetaSignup.status.in_(SEATED))
        )
    ]
    session.commit()
    work = [_withdraw(u, program_id) for u in seated[:15]] + [_sign_up(u, program_id) for u in later]
    result = race(app, work)
    assert result.errors == []
    counts, seats = _state(session, program_id)
    assert seats == counts.get("accepted", 0) == 20
    assert counts["withdrawn"] == 15 and counts["waitlisted"] == 40 + 30 - 15
    promoted = set(
        session.scalars(
            select(BetaSignup.user_id).where(
                BetaSignup.program_id == program_id, BetaSignup.status == "accepted"
            )
        )
    )
    assert set(waiting[:15]) <= promoted  # the first 15 in line got the freed seats
