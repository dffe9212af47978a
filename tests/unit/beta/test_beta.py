"""Beta programs through the services: set-up rules, sign-up rules (terms, consents, screening, tiers,
window, state, twice), seats and the waitlist, promotion, approval, terms changes, feedback and rewards,
invitations."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cocreate.beta import services
from cocreate.beta.models import BetaAnswer, BetaInvite, BetaSignup
from cocreate.db import utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.ideas.services import do_create_idea, do_vote
from cocreate.notifications.models import Notification
from cocreate.rewards.models import LedgerEntry
from cocreate.rewards.services import do_adjust
from tests.factories import BoardFactory, UserFactory

OLD = utcnow() - timedelta(days=60)
QUESTIONS = "Which phone do you use? | iPhone, Android, Other | iPhone, Android\nWhere do you camp most?"


def make_program(session, *, capacity=2, state="open", **extra):
    team = UserFactory(role="product")
    fields = {
        "name": extra.pop("name", "Stove app beta"),
        "capacity": capacity,
        "opens_at": utcnow() - timedelta(days=1),
        "closes_at": utcnow() + timedelta(days=10),
        "questions": services.parse_questions(QUESTIONS),
        "consents": ["I share crash reports from the beta app."],
        "terms": "Do not share screenshots.",
        **extra,
    }
    program = services.do_create_program(session, actor=team, **fields)
    if state != "draft":
        services.do_set_state(session, actor=team, program=program, state="open")
    if state in ("closed", "finished"):
        services.do_set_state(session, actor=team, program=program, state=state)
    return program, team


def sign(session, program, person, *, phone="iPhone", consents=("terms", "consent-0"), version=None):
    return services.do_sign_up(
        session,
        actor=person,
        program=program,
        terms_version=version if version is not None else program.terms_version,
        consents=list(consents),
        answers={"which-phone-do-you-use": phone, "where-do-you-camp-most": "Lakes"},
    )


def test_program_setup_rules(session):
    team, member = UserFactory(role="product"), UserFactory()
    good = {"name": "Beta", "capacity": 5, "opens_at": utcnow(), "closes_at": utcnow() + timedelta(days=1)}
    with pytest.raises(NotAllowed):
        services.do_create_program(session, actor=member, **good)
    for change, field in (
        ({"name": "B"}, "name"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": "lots"}, "capacity"),
        ({"closes_at": utcnow() - timedelta(days=1)}, "closes_at"),
        ({"min_tier": "emperor"}, "min_tier"),
    ):
        with pytest.raises(InvalidInput) as caught:
            services.do_create_program(session, actor=team, **{**good, **change})
        assert caught.value.field == field
    for bad in ("| choices only", "Q | a, b | c", "Q | | a", "A|b|c|d"):
        with pytest.raises(InvalidInput):
            services.parse_questions(bad)
    assert services.parse_questions(QUESTIONS)[0] == {
        "key": "which-phone-do-you-use",
        "label": "Which phone do you use?",
        "choices": ["iPhone", "Android", "Other"],
        "eligible": ["iPhone", "Android"],
    }
    program = services.do_create_program(session, actor=team, **good)
    assert program.state == "draft" and program.display_state == "draft"
    with pytest.raises(Conflict):
        services.do_create_program(session, actor=team, **good)  # same address
    with pytest.raises(Conflict):
        services.do_set_state(session, actor=team, program=program, state="finished")  # draft → finished


def test_seats_then_waitlist_in_order_and_promotion_on_withdrawal(session):
    program, team = make_program(session, capacity=2)
    people = [UserFactory(created_at=OLD) for _ in range(4)]
    statuses = [sign(session, program, p).status for p in people]
    assert statuses == ["accepted", "accepted", "waitlisted", "waitlisted"]
    assert program.seats_taken == 2 and program.display_state == "full"
    third = services.signup_of(session, program, people[2].id)
    fourth = services.signup_of(session, program, people[3].id)
    assert (services.waitlist_position(session, third), services.waitlist_position(session, fourth)) == (1, 2)
    services.do_withdraw(session, actor=people[0], program=program)
    session.commit()
    assert (third.status, services.waitlist_position(session, fourth), program.seats_taken) == (
        "accepted",
        1,
        2,
    )
    told = session.scalars(select(Notification.message).where(Notification.user_id == people[2].id)).all()
    assert any("A seat opened" in m for m in told)
    services.do_remove(session, actor=team, signup=third, note="Shared screenshots")
    assert fourth.status == "accepted"
    assert any("Shared screenshots" in m for m in session.scalars(select(Notification.message)))
    # Leaving and coming back puts you at the end of the line.
    services.do_withdraw(session, actor=people[3], program=program)
    assert sign(session, program, people[3]).status == "accepted"  # a seat was free
    with pytest.raises(NotAllowed):
        sign(session, program, people[2])  # removed by the team


def test_sign_up_refusals_store_nothing(session, app, monkeypatch):
    program, team = make_program(session, capacity=5, min_tier="contributor")
    member = UserFactory(created_at=OLD)
    with pytest.raises(NotAllowed, match="tier"):
        sign(session, program, member)
    do_adjust(session, actor=UserFactory(role="admin"), user=member, amount=150, reason="Beta tester")
    with pytest.raises(InvalidInput, match="accept the terms"):
        sign(session, program, member, consents=("consent-0",))
    with pytest.raises(InvalidInput, match="crash reports"):
        sign(session, program, member, consents=("terms",))
    with pytest.raises(InvalidInput, match="Choose one"):
        sign(session, program, member, phone="Rotary phone")
    with pytest.raises(NotAllowed, match="iPhone or Android"):
        sign(session, program, member, phone="Other")
    with pytest.raises(Conflict, match="terms changed"):
        sign(session, program, member, version=program.terms_version + 1)
    with pytest.raises(InvalidInput, match="Please answer"):
        services.do_sign_up(
            session,
            actor=member,
            program=program,
            terms_version=1,
            consents=["terms", "consent-0"],
            answers={},
        )
    with pytest.raises(Conflict, match="not opened yet"):
        services.do_sign_up(
            session,
            actor=member,
            program=program,
            terms_version=1,
            consents=[],
            answers={},
            now=utcnow() - timedelta(days=2),
        )
    with pytest.raises(Conflict, match="closed"):
        services.do_sign_up(
            session,
            actor=member,
            program=program,
            terms_version=1,
            consents=[],
            answers={},
            now=utcnow() + timedelta(days=11),
        )
    assert session.scalar(select(func.count(BetaSignup.id))) == 0
    assert session.scalar(select(func.count(BetaAnswer.id))) == 0
    signup = sign(session, program, member)
    assert [(a.label, a.answer, a.given_by_person) for a in signup.answers] == [
        ("Which phone do you use?", "iPhone", True),
        ("Where do you camp most?", "Lakes", True),
    ]
    assert signup.consents == ["Terms, version 1", "I share crash reports from the beta app."]
    with pytest.raises(Conflict, match="already signed up"):
        sign(session, program, member)
    closed, _ = make_program(session, name="Closed beta", state="closed")
    with pytest.raises(Conflict, match="not taking sign-ups"):
        sign(session, closed, member)
    draft, _ = make_program(session, name="Draft beta", state="draft")
    with pytest.raises(Conflict):
        sign(session, draft, member)


def test_tier_priority_orders_the_waitlist(session):
    program, _ = make_program(session, capacity=1, tier_priority=True)
    admin = UserFactory(role="admin")
    first, member, insider = (UserFactory(created_at=OLD) for _ in range(3))
    do_adjust(session, actor=admin, user=insider, amount=600, reason="Long-time tester")
    sign(session, program, first)
    sign(session, program, member)
    sign(session, program, insider)  # later, but a higher tier
    order = [s.user_id for s in services.waitlist(session, program.id)]
    assert order == [insider.id, member.id]
    services.do_withdraw(session, actor=first, program=program)
    assert services.signup_of(session, program, insider.id).status == "accepted"


def test_approval_holds_a_seat_until_the_team_decides(session):
    program, team = make_program(session, capacity=1, needs_approval=True)
    a, b = UserFactory(created_at=OLD), UserFactory(created_at=OLD)
    first, second = sign(session, program, a), sign(session, program, b)
    assert (first.status, second.status) == ("pending", "waitlisted")
    with pytest.raises(NotAllowed):
        services.do_decide_signup(session, actor=a, signup=first, approve=True)
    services.do_decide_signup(session, actor=team, signup=first, approve=False)
    assert (first.status, second.status, program.seats_taken) == ("declined", "pending", 1)
    services.do_decide_signup(session, actor=team, signup=second, approve=True)
    assert second.status == "accepted"
    with pytest.raises(Conflict):
        services.do_decide_signup(session, actor=team, signup=second, approve=True)


def test_capacity_changes_and_new_terms(session):
    program, team = make_program(session, capacity=1)
    a, b = UserFactory(created_at=OLD), UserFactory(created_at=OLD)
    sign(session, program, a)
    sign(session, program, b)
    services.do_update_program(session, actor=team, program=program, capacity=2)
    assert services.signup_of(session, program, b.id).status == "accepted"  # seated at once
    with pytest.raises(Conflict, match="hold seats"):
        services.do_update_program(session, actor=team, program=program, capacity=1)
    services.do_update_program(session, actor=team, program=program, terms="New rules: no posting at all.")
    assert program.terms_version == 2
    with pytest.raises(Conflict, match="terms of this beta changed"):
        services.do_submit_feedback(session, actor=a, program=program, kind="bug", title="It crashes")
    services.do_accept_terms(session, actor=a, program=program, terms_version=2)
    assert services.do_submit_feedback(session, actor=a, program=program, kind="bug", title="It crashes").id


def test_feedback_rules_and_accepted_feedback_earns_points(session):
    program, team = make_program(session, capacity=1)
    tester, waiting = UserFactory(created_at=OLD), UserFactory(created_at=OLD)
    idea = do_create_idea(
        session, actor=UserFactory(created_at=OLD), board=BoardFactory(), title="Simmer mode"
    )
    sign(session, program, tester)
    sign(session, program, waiting)
    with pytest.raises(NotAllowed):
        services.do_submit_feedback(session, actor=waiting, program=program, kind="bug", title="Not in yet")
    for kind, title in (("rant", "Bad kind"), ("bug", "x")):
        with pytest.raises(InvalidInput):
            services.do_submit_feedback(session, actor=tester, program=program, kind=kind, title=title)
    feedback = services.do_submit_feedback(
        session, actor=tester, program=program, kind="suggestion", title="Add a simmer preset", idea=idea
    )
    with pytest.raises(NotAllowed):
        services.do_decide_feedback(session, actor=tester, feedback=feedback, accept=True)
    services.do_decide_feedback(session, actor=team, feedback=feedback, accept=True)
    with pytest.raises(Conflict):
        services.do_decide_feedback(session, actor=team, feedback=feedback, accept=True)
    points = session.scalars(select(LedgerEntry.amount).where(LedgerEntry.user_id == tester.id)).all()
    assert points == [30]


def test_voters_of_linked_ideas_are_invited_when_it_opens_and_team_invites(session):
    author = UserFactory(created_at=OLD)
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="Stove app with timers")
    voters = [UserFactory(created_at=OLD) for _ in range(3)]
    for v in voters:
        do_vote(session, actor=v, idea=idea)
    program, team = make_program(session, state="draft", ideas=[idea])
    assert session.scalar(select(func.count(BetaInvite.id))) == 0
    services.do_set_state(session, actor=team, program=program, state="open")
    invited = set(session.scalars(select(BetaInvite.user_id).where(BetaInvite.reason == "voter")))
    assert invited == {v.id for v in voters}
    note = session.scalar(select(Notification.message).where(Notification.user_id == voters[0].id))
    assert "You voted for an idea it tests" in note
    count, refused = services.do_invite(
        session, actor=team, program=program, emails=f"new@example.com, {voters[0].email}\nnot-an-address"
    )
    assert (count, refused) == (1, ["not-an-address"])  # the voter was invited already
    with pytest.raises(InvalidInput):
        services.do_invite(session, actor=team, program=program, emails="  ")
    with pytest.raises(NotAllowed):
        services.do_invite(session, actor=voters[0], program=program, emails="x@example.com")


def test_answers_go_with_the_account(session):
    from sqlalchemy import delete

    from cocreate.accounts.models import User

    program, _ = make_program(session)
    person = UserFactory(created_at=OLD)
    sign(session, program, person)
    session.commit()
    assert session.scalar(select(func.count(BetaAnswer.id))) == 2
    session.execute(delete(User).where(User.id == person.id))  # the database cascades
    session.commit()
    assert session.scalar(select(func.count(BetaAnswer.id))) == 0
    assert session.scalar(select(func.count(BetaSignup.id))) == 0
