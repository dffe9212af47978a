"""The one-question survey after shipping: supporters are invited, answer once, earn the survey points, and
the idea shows the result; everyone else, and bad answers, are refused with a reason."""

from datetime import timedelta

from sqlalchemy import func, select

from cocreate.db import utcnow
from cocreate.ideas.services import do_change_status, do_create_idea, do_vote
from cocreate.insights.models import ShippedRating
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
    invited = set(session.scalars(select(Notification.user_id).where(Notification.kind == "idea.rate")))
    assert invited == {p.id for p in supporters}
    page = client.get(f"/i/{idea.id}/rate").get_data(as_text=True)
    assert "How well does what shipped solve it for you?" in page and "5 — Completely" in page
    for bad in ({}, {"score": "0"}, {"score": "6"}, {"score": "five"}, {"score": "4", "comment": "x" * 1001}):
        answer = client.post_form(f"/i/{idea.id}/rate", bad)
        assert answer.status_code == 422, bad
    assert client.post_form(f"/i/{idea.id}/rate", {"score": "4", "comment": "Much better"}).status_code == 303
    again = client.post_form(f"/i/{idea.id}/rate", {"score": "1"})
    assert again.status_code == 422 and "already rated" in again.get_data(as_text=True)
    html = client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert "4.0 out of 5" in html and "(1 answer)" in html and "You said 4 out of 5." in html
    session.rollback()
    assert session.scalar(select(func.count(ShippedRating.id))) == 1
    points = session.scalars(
        select(LedgerEntry.amount).where(
            LedgerEntry.user_id == supporters[0].id, LedgerEntry.rule == "survey_answered"
        )
    ).all()
    assert points == [5]

    session.rollback()
    client.sign_in(stranger)
    assert client.post_form(f"/i/{idea.id}/rate", {"score": "3"}).status_code == 403
    assert client.get("/i/999999/rate").status_code == 404
