"""Beta programs over HTTP: the team sets one up and runs it; customers sign up, wait, leave and report;
refusals are shown on the page with their status and store nothing; the CSV is safe for spreadsheets."""

import csv
import io
from datetime import timedelta

from sqlalchemy import func, select

from cocreate.beta import services
from cocreate.beta.models import BetaFeedback, BetaProgram, BetaSignup
from cocreate.db import utcnow
from tests.factories import UserFactory

OLD = utcnow() - timedelta(days=60)


def _when(days: int) -> str:
    return (utcnow() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_team_sets_up_and_opens_a_program(client, session):
    from cocreate.ideas.models import Idea
    from tests.factories import IdeaFactory

    team, member = UserFactory(role="product"), UserFactory()
    planned = IdeaFactory(status="planned", title="Offline maps for parks")
    IdeaFactory(status="open", title="Still just an open idea")
    session.commit()
    client.sign_in(member)
    assert client.get("/manage/beta").status_code == 403
    client.sign_in(team)
    form = {
        "name": "Trail app beta",
        "description": "Test **offline maps**.",
        "capacity": "2",
        "opens_at": _when(-1),
        "closes_at": _when(7),
        "min_tier": "member",
        "questions": "Which phone? | iPhone, Android",
        "consents": "I share crash reports.",
        "terms": "Keep it secret.",
        "ideas": str(planned.id),
    }
    bad = client.post_form("/manage/beta", {**form, "closes_at": _when(-2)})
    assert bad.status_code == 422 and "close after they open" in bad.get_data(as_text=True)
    bad = client.post_form("/manage/beta", {**form, "questions": "Q | | x"})
    assert bad.status_code == 422 and "eligible answers need a list" in bad.get_data(as_text=True)
    page = client.get("/manage/beta").get_data(as_text=True)  # the ideas the team has taken up, to tick
    assert "Offline maps for parks" in page and "Still just an open idea" not in page
    bad = client.post_form("/manage/beta", {**form, "ideas": "banana"})
    assert bad.status_code == 422 and "from the list" in bad.get_data(as_text=True)
    created = client.post_form("/manage/beta", form)
    assert created.status_code == 302 and created.headers["Location"].endswith("/manage/beta/trail-app-beta")
    session.rollback()
    client.get("/beta")  # shows the flashed message
    assert "Trail app beta" not in client.get("/beta").get_data(as_text=True)  # drafts are not listed
    client.sign_in(member)
    assert client.get("/beta/trail-app-beta").status_code == 404  # drafts are the team's
    client.sign_in(team)
    page = client.get("/manage/beta/trail-app-beta").get_data(as_text=True)
    assert "Open sign-ups and invite voters" in page and "Which phone? | iPhone, Android" in page
    assert client.post_form("/manage/beta/trail-app-beta/state", {"state": "open"}).status_code == 302
    assert (
        client.post_form("/manage/beta/trail-app-beta/state", {"state": "draft"}).status_code == 303
    )  # refused
    assert client.post_form("/manage/beta/trail-app-beta/state", {"state": "bogus"}).status_code == 303
    session.rollback()
    assert session.scalar(select(BetaProgram.state)) == "open"
    assert [i.title for i in session.scalar(select(BetaProgram)).ideas] == ["Offline maps for parks"]
    assert session.get(Idea, planned.id)


def _open_program(session, capacity=1):
    team = UserFactory(role="product")
    program = services.do_create_program(
        session,
        actor=team,
        name="Stove beta",
        capacity=capacity,
        opens_at=utcnow() - timedelta(days=1),
        closes_at=utcnow() + timedelta(days=5),
        questions=services.parse_questions("Which phone? | iPhone, Android, Other | iPhone, Android"),
        consents=["I share crash reports."],
        terms="No screenshots.",
    )
    services.do_set_state(session, actor=team, program=program, state="open")
    return program, team


def test_sign_up_wait_leave_and_report(client, session):
    program, team = _open_program(session)
    first, second = UserFactory(created_at=OLD), UserFactory(created_at=OLD)
    session.commit()
    anonymous = client.get("/beta/stove-beta").get_data(as_text=True)
    assert "Sign in</a> to sign up" in anonymous
    client.sign_in(first)
    good = {"terms_version": "1", "consent": ["terms", "consent-0"], "q_which-phone": "iPhone"}
    refused = client.post_form("/beta/stove-beta/signup", {**good, "consent": ["consent-0"]})
    assert refused.status_code == 422 and "accept the terms" in refused.get_data(as_text=True)
    refused = client.post_form("/beta/stove-beta/signup", {**good, "q_which-phone": "Other"})
    assert refused.status_code == 403 and "iPhone or Android" in refused.get_data(as_text=True)
    refused = client.post_form("/beta/stove-beta/signup", {**good, "terms_version": "0"})
    assert refused.status_code == 409
    session.rollback()
    assert session.scalar(select(func.count(BetaSignup.id))) == 0
    assert client.post_form("/beta/stove-beta/signup", good).status_code == 302
    page = client.get("/beta/stove-beta").get_data(as_text=True)
    assert "You are in." in page and "Which phone? — <strong>iPhone</strong>" in page
    twice = client.post_form("/beta/stove-beta/signup", good)
    assert twice.status_code == 409 and "already signed up" in twice.get_data(as_text=True)
    client.sign_in(second)
    assert "Join the waitlist" in client.get("/beta/stove-beta").get_data(as_text=True)
    client.post_form("/beta/stove-beta/signup", good)
    assert 'id="waitlist-position">#1<' in client.get("/beta/stove-beta").get_data(as_text=True)
    client.sign_in(first)
    sent = client.post_form(
        "/beta/stove-beta/feedback", {"kind": "bug", "title": "Crashes on start", "body": "x"}
    )
    assert sent.status_code == 302
    empty = client.post_form("/beta/stove-beta/feedback", {"kind": "bug", "title": ""})
    assert empty.status_code == 422
    assert client.post_form("/beta/stove-beta/withdraw").status_code == 302
    client.sign_in(second)
    assert "You are in." in client.get("/beta/stove-beta").get_data(as_text=True)  # promoted
    session.rollback()
    assert session.scalar(select(func.count(BetaFeedback.id))) == 1


def test_team_runs_participants_feedback_invites_and_csv(client, session):
    program, team = _open_program(session, capacity=2)
    tester = UserFactory(created_at=OLD, display_name='=HYPERLINK("http://evil")')
    services.do_sign_up(
        session,
        actor=tester,
        program=program,
        terms_version=1,
        consents=["terms", "consent-0"],
        answers={"which-phone": "Android"},
    )
    item = services.do_submit_feedback(session, actor=tester, program=program, kind="praise", title="Love it")
    session.commit()
    client.sign_in(tester)
    assert client.get("/manage/beta/stove-beta/participants.csv").status_code == 403
    assert client.post_form(f"/manage/beta/stove-beta/feedback/{item.id}/accept").status_code == 403
    client.sign_in(team)
    page = client.get("/manage/beta/stove-beta").get_data(as_text=True)
    assert "Love it" in page and "Android" in page
    exported = client.get("/manage/beta/stove-beta/participants.csv", buffered=True)  # streamed: read it all
    assert exported.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True))))
    assert rows[0][:4] == ["name", "username", "email", "status"] and rows[0][-1] == "which-phone"
    assert rows[1][0].startswith("'=HYPERLINK") and rows[1][3] == "accepted" and rows[1][-1] == "Android"
    assert client.post_form(f"/manage/beta/stove-beta/feedback/{item.id}/accept").status_code == 302
    assert client.post_form(f"/manage/beta/stove-beta/feedback/{item.id}/accept").status_code == 303  # twice
    assert client.post_form(f"/manage/beta/stove-beta/feedback/{item.id}/shrug").status_code == 404
    invited = client.post_form("/manage/beta/stove-beta/invite", {"emails": "a@example.com, nope"})
    assert invited.status_code == 302
    assert "Not e-mail addresses: nope" in client.get("/manage/beta/stove-beta").get_data(as_text=True)
    session.rollback()
    signup = session.scalar(select(BetaSignup))
    removed = client.post_form(f"/manage/beta/stove-beta/signups/{signup.id}/remove", {"note": "Leaked it"})
    assert removed.status_code == 302
    assert client.post_form("/manage/beta/stove-beta/signups/99999/remove").status_code == 404
    session.rollback()
    assert session.get(BetaSignup, signup.id).status == "removed"


def test_program_lists_do_not_query_per_row(client, session, count_queries):
    program, team = _open_program(session, capacity=1)
    for _ in range(6):
        services.do_sign_up(
            session,
            actor=UserFactory(created_at=OLD),
            program=program,
            terms_version=1,
            consents=["terms", "consent-0"],
            answers={"which-phone": "iPhone"},
        )
    for n in range(4):
        extra = services.do_create_program(
            session,
            actor=team,
            name=f"Extra beta {n}",
            capacity=3,
            opens_at=utcnow() - timedelta(days=1),
            closes_at=utcnow() + timedelta(days=2),
        )
        services.do_set_state(session, actor=team, program=extra, state="open")
    session.commit()
    with count_queries() as public:
        assert client.get("/beta").status_code == 200
    client.sign_in(team)
    with count_queries() as managed:
        assert client.get("/manage/beta/stove-beta").status_code == 200
    assert not [s for s in public if "beta_program_ideas" in s][1:]  # the cards' ideas: one query
    assert len([s for s in managed if "FROM users" in s]) <= 4  # not one per person on the waitlist
