"""The built-in survey after shipping: supporters are invited, answer once on the idea's own page, earn the
survey points, and the idea shows the result; everyone else, and bad answers, are refused with a reason.
The team sees it among its surveys and can pause it."""

from datetime import timedelta

from sqlalchemy import select

from cocreate.db import utcnow
from cocreate.ideas.services import do_change_status, do_create_idea, do_vote
from cocreate.insights.models import Survey, SurveyResponse
from cocreate.notifications.models import Notification
from cocreate.rewards.models import LedgerEntry
from tests.factories import BoardFactory, UserFactory

OLD = utcnow() - timedelta(days=60)


def test_supporters_rate_what_shipped_once(client, session):
    board = BoardFactory()
    author = UserFactory(created_at=OLD)
    supporters = [UserFactory(created_at=OLD) for _ in range(2)]
    stranger, team = UserFactory(created_at=OLD), UserFactory(role="product")
    idea = do_create_idea(session, actor=author, board=board, title="Quiet zips")
    for person in supporters:
        do_vote(session, actor=person, idea=idea)
    session.commit()
    client.sign_in(supporters[0])
    early = client.post_form(f"/i/{idea.id}/rate", {"score": "5"})
    assert early.status_code == 422 and "once it has shipped" in early.get_data(as_text=True)

    do_change_status(session, actor=team, idea=idea, status="shipped", note="In stores")
    session.commit()
    invited = session.execute(
        select(Notification.user_id, Notification.url, Notification.message).where(
            Notification.kind == "survey"
        )
    ).all()
    assert {user for user, _, _ in invited} == {p.id for p in supporters}
    assert {link for _, link, _ in invited} == {f"/i/{idea.id}/rate"}
    assert all("“Quiet zips” has shipped. How well does what shipped solve it" in m for _, _, m in invited)
    idea_page = client.get(f"/i/{idea.id}").get_data(as_text=True)  # before any answer: an invitation
    assert "No supporter has rated the result yet. <a" in idea_page and ">Rate it</a>" in idea_page
    page = client.get(f"/i/{idea.id}/rate").get_data(as_text=True)
    assert "How well does what shipped solve it for you?" in page and "5 — Completely" in page
    for bad in ({}, {"score": "0"}, {"score": "6"}, {"score": "five"}, {"score": "4", "comment": "x" * 1001}):
        answer = client.post_form(f"/i/{idea.id}/rate", bad)
        assert answer.status_code == 422, bad
    assert client.post_form(f"/i/{idea.id}/rate", {"score": "4", "comment": "Much better"}).status_code == 303
    again = client.post_form(f"/i/{idea.id}/rate", {"score": "1"})
    assert again.status_code == 303 and again.location.endswith(f"/i/{idea.id}")
    assert "already answered" in client.get(f"/i/{idea.id}").get_data(as_text=True)
    html = client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert "4.0 out of 5" in html and "(1 answer)" in html and "You said 4 out of 5." in html
    session.rollback()
    assert session.execute(select(SurveyResponse.score, SurveyResponse.comment)).all() == [(4, "Much better")]
    points = session.execute(
        select(LedgerEntry.amount, LedgerEntry.board_id).where(
            LedgerEntry.user_id == supporters[0].id, LedgerEntry.rule == "survey_answered"
        )
    ).all()
    assert points == [(5, board.id)]  # counted on the idea's board

    session.rollback()
    client.sign_in(stranger)
    assert client.post_form(f"/i/{idea.id}/rate", {"score": "3"}).status_code == 403
    assert client.get("/i/999999/rate").status_code == 404

    # The team sees the built-in question among its surveys, with its score, and can pause it.
    client.sign_in(team)
    listing = client.get("/team/surveys").get_data(as_text=True)
    assert "How well does what shipped solve it for you?" in listing and "100%" in listing  # one satisfied
    assert "Built in</span>" in listing and "unless you ask a question of your own" in listing
    builtin = session.scalar(select(Survey.id).where(Survey.builtin == "shipped"))
    session.rollback()
    assert client.post_form(f"/team/surveys/{builtin}/active", {"active": "0"}).status_code == 303
    later = do_create_idea(session, actor=author, board=board, title="Warmer hoods")
    do_vote(session, actor=supporters[1], idea=later)
    do_change_status(session, actor=team, idea=later, status="shipped")
    session.commit()
    asked = session.scalars(select(Notification.id).where(Notification.url == f"/i/{later.id}/rate")).all()
    assert asked == []  # paused: nobody is asked
