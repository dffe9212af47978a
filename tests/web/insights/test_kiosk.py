"""In-store kiosks: set up with a token, large-touch pages, ideas held for moderators, anonymous answers."""

from sqlalchemy import func, select

from cocreate.ideas.models import Idea
from cocreate.insights import surveys
from cocreate.insights.kiosk_views import COOKIE, SUBMISSIONS_PER_MINUTE
from cocreate.insights.kiosks import do_create_kiosk
from cocreate.insights.models import Kiosk, SurveyResponse
from cocreate.web.ratelimit import RateLimiter
from tests.factories import BoardFactory, ProductFactory, UserFactory


def _kiosk(session, name="Berlin Mitte"):
    team = UserFactory(role="product")
    board = BoardFactory(slug="store-ideas")
    kiosk, plain = do_create_kiosk(session, actor=team, name=name, board=board)
    return team, kiosk, plain


def test_the_team_sets_up_a_kiosk_whose_token_is_shown_once_and_can_be_switched_off(client, session):
    BoardFactory(slug="shop", name="Shop ideas")
    BoardFactory(slug="secret", is_private=True)
    member, team = UserFactory(), UserFactory(role="admin")
    session.commit()
    client.sign_in(member)
    assert client.get("/team/kiosks").status_code == 403
    client.post_form("/logout")
    client.sign_in(team)
    assert "Choose the board" in client.post_form("/team/kiosks", {"name": "X", "board": "nope"}).get_data(
        as_text=True
    )
    empty = client.post_form("/team/kiosks", {"name": "  ", "board": "shop"})
    assert empty.status_code == 422 and "Name the store" in empty.get_data(as_text=True)
    private = client.post_form("/team/kiosks", {"name": "Back room", "board": "secret"})
    assert private.status_code == 422 and "public boards only" in private.get_data(as_text=True)
    made = client.post_form("/team/kiosks", {"name": "Hamburg Airport", "board": "shop"})
    page = made.get_data(as_text=True)
    assert made.status_code == 200 and "kiosk_" in page and "shown only now" in page
    session.rollback()
    kiosk = session.scalar(select(Kiosk))
    assert kiosk.name == "Hamburg Airport" and len(kiosk.token_hash) == 64
    assert kiosk.prefix in page and "Hamburg Airport" in client.get("/team/kiosks").get_data(as_text=True)
    assert client.post_form(f"/team/kiosks/{kiosk.id}/revoke").status_code == 303
    session.rollback()
    assert session.get(Kiosk, kiosk.id).revoked_at is not None


def test_a_device_without_a_kiosk_token_is_refused_and_a_good_token_sets_it_up(client, session):
    _, kiosk, plain = _kiosk(session)
    session.commit()
    assert client.get("/kiosk/").status_code == 403
    assert client.get("/kiosk/idea").status_code == 403
    bad = client.post_form("/kiosk/activate", {"token": "kiosk_wrong"})
    assert bad.status_code == 422 and "unknown or switched off" in bad.get_data(as_text=True)
    good = client.post_form("/kiosk/activate", {"token": plain})
    assert good.status_code == 303
    cookie = good.headers["Set-Cookie"]
    assert (
        COOKIE in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/kiosk" in cookie
    )
    home = client.get("/kiosk/")
    assert home.status_code == 200 and "Suggest an idea" in home.get_data(as_text=True)
    assert home.headers["Cache-Control"] == "no-store"
    assert "Berlin Mitte" in home.get_data(as_text=True)


def test_kiosk_ideas_come_from_the_store_account_and_wait_for_a_moderator(client, session):
    _, kiosk, plain = _kiosk(session)
    session.commit()
    client.set_cookie(COOKIE, plain, path="/kiosk")
    short = client.post_form("/kiosk/idea", {"title": "ab", "body": "kept text"})
    assert short.status_code == 422 and "kept text" in short.get_data(as_text=True)
    sent = client.post_form("/kiosk/idea", {"title": "Water refill station", "body": "By the tills"})
    assert sent.status_code == 303 and "/kiosk/thanks" in sent.headers["Location"]
    thanks = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert 'http-equiv="refresh"' in thanks and "Thank you" in thanks
    session.rollback()
    idea = session.scalar(select(Idea))
    assert (idea.author_id, idea.channel, idea.via, idea.moderation_state) == (
        kiosk.account_id,
        "kiosk",
        "Berlin Mitte",
        "pending",
    )
    assert "Water refill station" not in client.get("/b/store-ideas").get_data(as_text=True)


def test_kiosk_ratings_and_questions_are_anonymous_answers(client, session):
    team, kiosk, plain = _kiosk(session)
    product = ProductFactory(slug="kettle", name="Kettle")
    rating = surveys.do_create_survey(session, actor=team, kind="csat", moment="kiosk")
    nps = surveys.do_create_survey(session, actor=team, kind="nps", moment="kiosk")
    surveys.do_create_survey(session, actor=team, kind="ces", moment="review")  # not for kiosks
    session.commit()
    client.set_cookie(COOKIE, plain, path="/kiosk")
    home = client.get("/kiosk/").get_data(as_text=True)
    assert "Rate a product" in home and nps.question in home
    assert "Kettle" in client.get("/kiosk/rate").get_data(as_text=True)
    assert client.post_form("/kiosk/rate/kettle", {"score": "6"}).status_code == 422  # CSAT is 1–5
    assert client.post_form("/kiosk/rate/kettle", {"score": "5", "comment": "Quiet"}).status_code == 303
    assert client.post_form(f"/kiosk/question/{nps.id}", {"score": "10"}).status_code == 303
    assert client.get("/kiosk/rate/nothing").status_code == 404
    assert client.get(f"/kiosk/question/{rating.id + 100}").status_code == 404
    session.rollback()
    answers = session.execute(
        select(
            SurveyResponse.survey_id,
            SurveyResponse.subject,
            SurveyResponse.score,
            SurveyResponse.user_id,
            SurveyResponse.kiosk_id,
            SurveyResponse.channel,
            SurveyResponse.via,
        ).order_by(SurveyResponse.id)
    ).all()
    assert answers == [
        (rating.id, f"product:{product.id}", 5, None, kiosk.id, "kiosk", "Berlin Mitte"),
        (nps.id, "", 10, None, kiosk.id, "kiosk", "Berlin Mitte"),
    ]


def test_a_switched_off_kiosk_stops_at_once_and_a_busy_one_is_slowed(app, client, session):
    team, kiosk, plain = _kiosk(session)
    session.commit()
    client.set_cookie(COOKIE, plain, path="/kiosk")
    # Fresh counts for this test, on a clock stopped mid-window: on the real clock a slow machine could
    # cross into the next minute's window during the loop, which starts the count again.
    app.extensions["cocreate_ratelimiter"] = RateLimiter(None, clock=lambda: 1_800_000_030.0)
    for _ in range(SUBMISSIONS_PER_MINUTE):
        assert client.post_form("/kiosk/idea", {"title": "ab"}).status_code == 422
    assert client.post_form("/kiosk/idea", {"title": "Enough now"}).status_code == 429
    kiosk = session.get(Kiosk, kiosk.id)
    from cocreate.insights.kiosks import do_revoke_kiosk

    do_revoke_kiosk(session, actor=team, kiosk=kiosk)
    session.commit()
    assert client.get("/kiosk/").status_code == 403
    session.rollback()
    assert session.scalar(select(func.count(Idea.id))) == 0
