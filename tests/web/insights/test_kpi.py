"""The KPI dashboard: every chart's numbers from known data, filters, CSV per chart, access."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from cocreate.channels import Channel, Origin
from cocreate.ideas.models import Idea, StatusChange, Vote
from cocreate.ideas.services import do_change_status, do_vote
from cocreate.insights import kpi, surveys
from cocreate.insights.models import SurveyInvitation
from cocreate.reviews.services.reviews import do_write_review
from tests.factories import BoardFactory, IdeaFactory, ProductFactory, UserFactory

DAY = datetime(2026, 6, 10, 12, tzinfo=UTC)


def _world(session):
    """Two boards; a known mix of channels, statuses, answers and points on 10 June 2026."""
    team = UserFactory(role="product")
    main, other = BoardFactory(slug="main", name="Main"), BoardFactory(slug="other", name="Other")
    people = [UserFactory(display_name="=cmd|' /C calc'!A0")] + [UserFactory() for _ in range(3)]
    ideas = [IdeaFactory(board=main, author=people[0], created_at=DAY - timedelta(days=10)) for _ in range(3)]
    IdeaFactory(board=other, author=people[1], created_at=DAY, channel="email")
    session.flush()
    do_vote(session, actor=people[1], idea=ideas[0], origin=Origin(Channel.API, via="Phone"))
    do_vote(session, actor=people[2], idea=ideas[0], origin=Origin(Channel.KIOSK, via="Store"))
    do_vote(session, actor=people[3], idea=ideas[1])
    do_change_status(session, actor=team, idea=ideas[0], status="planned")
    do_change_status(session, actor=team, idea=ideas[0], status="shipped")
    do_change_status(session, actor=team, idea=ideas[1], status="under_review")
    nps = surveys.do_create_survey(session, actor=team, kind="nps", moment="review")
    product = ProductFactory(board=main)
    do_write_review(session, actor=people[2], product=product, rating=5, title="Great kettle")
    invitation = session.query(SurveyInvitation).filter_by(survey_id=nps.id).one()
    surveys.do_answer(session, actor=people[2], invitation=invitation, score=10)
    session.flush()
    for model in (Vote, StatusChange):
        session.execute(update(model).values(created_at=DAY))
    from cocreate.insights.models import SurveyResponse
    from cocreate.reviews.models import Review

    for model in (SurveyResponse, Review):  # the points ledger is append-only: its entries stay dated today
        session.execute(update(model).values(created_at=DAY))
    session.commit()
    return team, main, ideas


def _filters(**kw):
    args = {"since": "2026-04-01", "until": "2026-06-30", **kw}
    return kpi.Filters.parse(args)[0]


def test_each_chart_counts_what_happened(session):
    _world(session)
    f = _filters()
    assert not f.daily and f.buckets() == ["2026-04", "2026-05", "2026-06"]
    channels = dict((r[0], r[1:]) for r in kpi.channels(session, f).rows)
    # May: the 3 web ideas. June: web 1 vote + 1 review + 1 answer; api 1 vote; e-mail 1 idea; kiosk 1 vote
    assert channels["2026-05"] == (3, 0, 0, 0, 0) and channels["2026-06"] == (3, 1, 1, 1, 0)
    assert channels["2026-04"] == (0, 0, 0, 0, 0)
    funnel = dict(kpi.funnel(session, f).rows)
    assert (funnel["Voted"], funnel["Proposed"], funnel["Reviewed"], funnel["Contributed"]) == (3, 2, 1, 4)
    status = dict(kpi.status_funnel(session, f).rows)
    assert status == {"Proposed": 4, "Under review": 2, "Planned": 1, "In progress": 1, "Shipped": 1}
    assert kpi.time_to_ship(session, f).rows == [("2026-06", 1, 10.0, 10.0)]
    assert kpi.survey_trend(session, f).rows == [("2026-06", 100.0, None, None, 1)]
    assert kpi.sentiment(session, f).rows[0][0] == "2026-05"
    assert not kpi.top_contributors(session, f).rows  # the points were earned today, outside the range
    until_today = kpi.Filters.parse({"since": "2026-05-01"})[0]
    top = kpi.top_contributors(session, until_today).rows
    assert top and top[0][0].startswith("=cmd")  # the author of three ideas earned most


def test_the_board_filter_and_daily_buckets(session):
    _, main, _ = _world(session)
    f = _filters(since="2026-06-01", until="2026-06-30")
    f = kpi.Filters(f.since, f.until, main)
    assert f.daily and len(f.buckets()) == 30
    by_day = {r[0]: r[1:] for r in kpi.channels(session, f).rows}
    assert by_day["2026-06-10"] == (
        2,
        1,
        0,
        1,
        0,
    )  # the other board's e-mail idea and the survey answer left out
    assert kpi.Filters.parse({"since": "garbage", "until": "2026-13-45"}, today=date(2026, 7, 1))[1]
    swapped, notes = kpi.Filters.parse({"since": "2026-06-30", "until": "2026-06-01"})
    assert swapped.since < swapped.until and "swapped" in notes[0]


def test_dashboard_page_and_csv_per_chart(client, session):
    team, _, _ = _world(session)
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    assert client.get("/team/kpi").status_code == 403
    assert client.get("/team/kpi.csv?chart=channels").status_code == 403
    client.post_form("/logout")
    client.sign_in(team)
    page = client.get("/team/kpi?since=2026-05-01&until=2026-06-30")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    for chart in kpi.CHARTS:
        assert f'id="kpi-{chart}"' in text and f"chart={chart}" in text
    assert 'id="kpi-data"' in text and "<script>" not in text  # data as JSON, no inline script
    assert "is not a date" in client.get("/team/kpi?since=junk").get_data(as_text=True)
    assert client.get("/team/kpi?board=nope").status_code == 404
    assert client.get("/team/kpi.csv?chart=nope").status_code == 404

    answer = client.get("/team/kpi.csv?chart=channels&since=2026-04-01&until=2026-06-30")
    assert answer.mimetype == "text/csv" and "attachment" in answer.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True))))
    assert rows[0] == ["period", "Website", "App (API)", "E-mail", "Kiosk", "Staff"]
    assert rows[2:] == [["2026-05", "3", "0", "0", "0", "0"], ["2026-06", "3", "1", "1", "1", "0"]]
    people = list(
        csv.reader(
            io.StringIO(
                client.get("/team/kpi.csv?chart=contributors&since=2026-05-01").get_data(as_text=True)
            )
        )
    )
    assert all(not cell.startswith(("=", "+", "@")) for row in people for cell in row)
    surveys_csv = client.get("/team/kpi.csv?chart=surveys&since=2026-04-01&until=2026-06-30").get_data(
        as_text=True
    )
    assert "2026-06,100.0,,,1" in surveys_csv


def test_an_empty_dashboard_says_so(client, session):
    team = UserFactory(role="admin")
    session.commit()
    client.sign_in(team)
    text = client.get("/team/kpi").get_data(as_text=True)
    assert "Nothing in this range yet" in text
    assert Idea  # the models above are imported for the seeded tests
