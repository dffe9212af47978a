"""The API's surveys (the caller's questions, answered once) and stories with photos (multipart upload,
moderation before anyone else sees them), on both databases."""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select

from cocreate.extensions import db
from cocreate.insights import surveys
from cocreate.insights.models import SurveyInvitation, SurveyResponse
from cocreate.moderation.services import do_moderate
from cocreate.reviews.models import UGCItem, UGCPhoto
from cocreate.rewards.models import LedgerEntry
from tests.concurrency import at_once
from tests.factories import ProductFactory, UserFactory
from tests.web.api.test_api import bearer, make_token, problem_of


def _png(width=60, height=40) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 90, 30)).save(out, format="PNG")
    return out.getvalue()


def _asked(session, person, kind="csat", moment="review", about="Kettle"):
    team = UserFactory(role="product")
    survey = surveys.do_create_survey(session, actor=team, kind=kind, moment=moment)
    surveys.invite(session, survey, [person.id], f"review:{person.id}", about)
    return session.scalar(select(SurveyInvitation).where(SurveyInvitation.user_id == person.id))


def test_a_person_reads_and_answers_their_questions_once_through_the_api(client, session):
    person, stranger = UserFactory(), UserFactory()
    invitation = _asked(session, person)
    token, other = make_token(session, person, name="Shop app"), make_token(session, stranger)
    session.commit()
    h = bearer(token)

    listed = client.get("/api/v1/surveys", headers=h)
    assert listed.status_code == 200
    (item,) = listed.get_json()["items"]
    assert item["id"] == invitation.id and item["kind"] == "csat" and item["about"] == "Kettle"
    assert item["question"] == "How satisfied are you with our products?"
    assert item["scale"] == {
        "min": 1,
        "max": 5,
        "low_label": "Very unsatisfied",
        "high_label": "Very satisfied",
    }
    assert client.get("/api/v1/surveys", headers=bearer(other)).get_json() == {"items": []}
    assert problem_of(client.get("/api/v1/surveys"), 401)

    url = f"/api/v1/surveys/{invitation.id}/answer"
    assert problem_of(client.post(url, json={"score": 4}, headers=bearer(other)), 404)  # not theirs
    assert problem_of(client.post(url, json={"score": 6}, headers=h), 422)["errors"][0]["field"] == "score"
    assert problem_of(client.post(url, json={"score": "4"}, headers=h), 422)["errors"][0]["field"] == "score"
    assert problem_of(client.post(url, json={}, headers=h), 422)["errors"][0]["field"] == "score"
    too_long = client.post(url, json={"score": 4, "comment": "x" * 1001}, headers=h)
    assert problem_of(too_long, 422)["errors"][0]["field"] == "comment"
    assert problem_of(client.post(url, data="score=4", headers=h), 415)
    assert problem_of(client.post("/api/v1/surveys/999999/answer", json={"score": 4}, headers=h), 404)
    assert problem_of(
        client.post("/api/v1/surveys/99999999999999999999/answer", json={"score": 4}, headers=h), 404
    )

    answered = client.post(url, json={"score": 4, "comment": "Boils fast"}, headers=h)
    assert answered.status_code == 201, answered.get_data(as_text=True)
    body = answered.get_json()
    assert body["score"] == 4 and body["comment"] == "Boils fast" and body["kind"] == "csat"
    assert (body["channel"], body["via"]) == ("api", "Shop app")
    again = client.post(url, json={"score": 5}, headers=h)
    assert "already answered" in problem_of(again, 409)["detail"]
    assert client.get("/api/v1/surveys", headers=h).get_json() == {"items": []}

    session.rollback()
    row = session.execute(select(SurveyResponse.score, SurveyResponse.channel, SurveyResponse.via)).one()
    assert tuple(row) == (4, "api", "Shop app")
    survey_points = select(func.count()).where(
        LedgerEntry.user_id == person.id, LedgerEntry.rule == "survey_answered"
    )
    assert session.scalar(survey_points) == 1


def test_concurrent_api_answers_to_one_question_count_once(app, session):
    person = UserFactory()
    invitation = _asked(session, person, kind="nps")
    token = make_token(session, person)
    session.commit()
    url = f"/api/v1/surveys/{invitation.id}/answer"

    def answer(score):
        return lambda: app.test_client().post(url, json={"score": score}, headers=bearer(token)).status_code

    codes = at_once([answer(n) for n in range(6)])
    assert sorted(codes) == [201, 409, 409, 409, 409, 409]
    session.rollback()
    assert session.scalar(select(func.count(SurveyResponse.id))) == 1
    assert session.scalar(select(func.count()).where(LedgerEntry.rule == "survey_answered")) == 1


def test_stories_with_photos_are_shared_held_for_moderation_and_listed_once_approved(app, client, session):
    ProductFactory(slug="kettle")
    person, other, moderator = UserFactory(), UserFactory(), UserFactory(role="moderator")
    token, others = make_token(session, person, name="Shop app"), make_token(session, other)
    session.commit()
    h = bearer(token)
    url = "/api/v1/products/kettle/stories"

    shared = client.post(
        url,
        data={
            "title": "Tea at the lake",
            "story": "It *boils* in a minute.",
            "photos": [(io.BytesIO(_png()), "a.png"), (io.BytesIO(_png(30, 30)), "b.png")],
        },
        headers=h,
        content_type="multipart/form-data",
    )
    assert shared.status_code == 201, shared.get_data(as_text=True)
    story = shared.get_json()
    assert story["moderation_state"] == "pending" and (story["channel"], story["via"]) == ("api", "Shop app")
    assert story["story_html"] == "<p>It <em>boils</em> in a minute.</p>\n"
    assert [(p["width"], p["height"]) for p in story["photos"]] == [(60, 40), (30, 30)]
    photo_path = story["photos"][0]["url"].split("localhost", 1)[-1]
    assert client.get(photo_path[photo_path.index("/media/") :]).mimetype == "image/png"
    assert shared.headers["Location"] == f"/api/v1/stories/{story['id']}"

    # Held: its author sees it, nobody else does, and the product's list is empty.
    assert client.get(shared.headers["Location"], headers=h).status_code == 200
    assert problem_of(client.get(shared.headers["Location"]), 404)
    assert problem_of(client.get(shared.headers["Location"], headers=bearer(others)), 404)
    assert client.get(url).get_json() == {"items": [], "next_cursor": None}

    session.rollback()
    do_moderate(session, actor=moderator, obj=session.get(UGCItem, story["id"]), action="approve")
    session.commit()
    listed = client.get(url).get_json()
    assert [s["id"] for s in listed["items"]] == [story["id"]] and listed["next_cursor"] is None
    assert client.get(f"/api/v1/stories/{story['id']}").get_json()["moderation_state"] == "approved"


def test_bad_stories_are_refused_with_the_field_named_and_leave_nothing_behind(app, client, session):
    ProductFactory(slug="kettle")
    person = UserFactory()
    token = make_token(session, person)
    reader = make_token(session, person, scope="read")
    session.commit()
    h, url = bearer(token), "/api/v1/products/kettle/stories"
    uploads = Path(app.instance_path) / "uploads"
    files_before = set(os.listdir(uploads)) if uploads.is_dir() else set()

    def post(data, headers=h):
        return client.post(url, data=data, headers=headers, content_type="multipart/form-data")

    assert problem_of(client.post(url, json={"title": "Tea at the lake"}, headers=h), 415)
    assert problem_of(post({"story": "no title"}), 422)["errors"][0]["field"] == "title"
    assert problem_of(post({"title": "ab"}), 422)["errors"][0]["field"] == "title"
    assert problem_of(post({"title": "Only a title"}), 422)["errors"][0]["field"] == "story"
    assert problem_of(post({"title": "Tea", "mood": "happy", "story": "x"}), 422)["errors"][0] == {
        "field": "mood",
        "message": "Unknown field.",
    }
    assert problem_of(post({"title": "Tea\x00", "story": "x"}), 422)["errors"][0]["field"] == "title"
    assert problem_of(post({"title": ["One", "Two"], "story": "x"}), 422)["errors"][0]["field"] == "title"
    svg = (io.BytesIO(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "x.png")
    bad_photo = post({"title": "Tea at the lake", "photos": [(io.BytesIO(_png()), "a.png"), svg]})
    assert problem_of(bad_photo, 422)["detail"].startswith("Photo 2:")
    five = [(io.BytesIO(_png()), f"{n}.png") for n in range(5)]
    assert (
        problem_of(post({"title": "Tea at the lake", "photos": five}), 422)["errors"][0]["field"] == "photos"
    )
    video = post({"title": "Tea at the lake", "video_url": "javascript:alert(1)"})
    assert problem_of(video, 422)["errors"][0]["field"] == "video_url"
    huge = post({"title": "Tea at the lake", "photos": [(io.BytesIO(b"\0" * (35 * 1024 * 1024)), "big.png")]})
    assert problem_of(huge, 413)
    assert problem_of(client.post("/api/v1/products/nope/stories", data={"title": "x"}, headers=h), 404)
    assert problem_of(post({"title": "Tea at the lake", "story": "x"}, headers=bearer(reader)), 403)
    assert problem_of(post({"title": "Tea at the lake", "story": "x"}, headers={}), 401)

    session.rollback()
    assert session.scalar(select(func.count(UGCItem.id))) == 0
    assert session.scalar(select(func.count(UGCPhoto.id))) == 0
    assert (set(os.listdir(uploads)) if uploads.is_dir() else set()) == files_before


def test_story_pages_follow_the_cursor(client, session):
    product = ProductFactory(slug="kettle")
    person = UserFactory()
    for n in range(5):
        item = UGCItem(author_id=person.id, product_id=product.id, title=f"Story {n}", story="s")
        item.moderation_state = "approved"
        session.add(item)
    session.commit()
    seen, cursor = [], None
    while True:
        page = client.get(
            "/api/v1/products/kettle/stories",
            query_string={"limit": 2, **({"cursor": cursor} if cursor else {})},
        )
        body = page.get_json()
        seen += [s["title"] for s in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == [f"Story {n}" for n in range(5)] and len(seen) == 5
    assert problem_of(client.get("/api/v1/products/kettle/stories?cursor=garbage"), 400)
    assert problem_of(client.get("/api/v1/products/kettle/stories?limit=0"), 400)


def test_ids_beyond_the_id_column_are_not_found_everywhere(client, session):
    """PostgreSQL refuses to compare an INTEGER id with 2**31; routing answers 404 before any query."""
    person = UserFactory()
    token = make_token(session, person)
    session.commit()
    for path in (
        "/api/v1/ideas/2147483648",
        "/api/v1/stories/2147483648",
        "/api/v1/ideas/99999999999999999999",
    ):
        assert problem_of(client.get(path, headers=bearer(token)), 404)
    client.sign_in(person)
    assert client.get("/i/2147483648").status_code == 404
    assert client.get("/ugc/2147483648").status_code == 404
    assert client.post_form("/surveys/2147483648", {"score": "3"}).status_code == 404
    assert client.get("/i/2147483647").status_code == 404  # the largest id: a query, and nothing found


def test_behind_a_proxy_each_client_address_has_its_own_anonymous_limit(app, database_url):
    """COCREATE_PROXY_HOPS=1: the address the proxy forwards is the client's (one limit per visitor, not one
    for everyone behind the proxy). Without it, a forged X-Forwarded-For changes nothing."""
    from cocreate import create_app
    from cocreate.web.ratelimit import RateLimiter

    proxied = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "PROXY_HOPS": 1, "API_ANON_RATE_LIMIT": 2})
    proxied.extensions["cocreate_ratelimiter"] = RateLimiter(None)
    client = proxied.test_client()

    def status(address):
        return client.get("/api/v1/products", headers={"X-Forwarded-For": address}).status_code

    assert [status("203.0.113.7") for _ in range(3)] == [200, 200, 429]
    assert status("198.51.100.4") == 200  # another visitor
    with proxied.app_context():
        db.engine.dispose()

    shared = app.extensions["cocreate_ratelimiter"]
    app.extensions["cocreate_ratelimiter"] = RateLimiter(None)
    before = app.config["API_ANON_RATE_LIMIT"]
    app.config.update(API_ANON_RATE_LIMIT=2)
    try:
        direct = app.test_client()
        spoofed = [
            direct.get("/api/v1/products", headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code
            for n in range(3)
        ]
    finally:
        app.config.update(API_ANON_RATE_LIMIT=before)
        app.extensions["cocreate_ratelimiter"] = shared
    assert spoofed == [200, 200, 429]


def test_my_contributions_are_listed_newest_first_with_held_ones_and_nobody_elses(app, client, session):
    from cocreate.ideas.services import do_add_comment, do_create_idea, do_vote
    from cocreate.reviews.services.reviews import do_write_review
    from cocreate.reviews.services.ugc import do_submit_ugc
    from tests.factories import BoardFactory

    board, product = BoardFactory(slug="kitchen"), ProductFactory(slug="kettle")
    me, other = UserFactory(), UserFactory()
    ideas = [do_create_idea(session, actor=me, board=board, title=f"My idea {n}") for n in range(3)]
    held = do_create_idea(session, actor=me, board=board, title="My held idea", hold=True)
    theirs = do_create_idea(session, actor=other, board=board, title="Their idea")
    do_vote(session, actor=me, idea=theirs)
    do_vote(session, actor=other, idea=ideas[0])
    do_add_comment(session, actor=me, idea=theirs, body="Mine")
    do_add_comment(session, actor=other, idea=theirs, body="Theirs")
    do_write_review(session, actor=me, product=product, rating=4, title="Good kettle")
    do_submit_ugc(
        session, actor=me, product=product, title="Tea time", story="s", uploads=Path(app.instance_path) / "u"
    )
    token = make_token(session, me)
    session.commit()
    h = bearer(token)

    titles, cursor = [], None
    while True:
        query = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/me/ideas", headers=h, query_string=query).get_json()
        titles += [i["title"] for i in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert titles == ["My held idea", "My idea 2", "My idea 1", "My idea 0"]
    first = client.get("/api/v1/me/ideas", headers=h).get_json()["items"]
    assert first[0]["moderation_state"] == "pending" and first[0]["id"] == held.id
    votes = client.get("/api/v1/me/votes", headers=h).get_json()["items"]
    assert [(v["idea_id"], v["importance"], v["title"]) for v in votes] == [(theirs.id, "nice", "Their idea")]
    assert [c["body"] for c in client.get("/api/v1/me/comments", headers=h).get_json()["items"]] == ["Mine"]
    assert [r["title"] for r in client.get("/api/v1/me/reviews", headers=h).get_json()["items"]] == [
        "Good kettle"
    ]
    stories = client.get("/api/v1/me/stories", headers=h).get_json()["items"]
    assert [(s["title"], s["moderation_state"]) for s in stories] == [("Tea time", "pending")]
    for kind in ("ideas", "votes", "comments", "reviews", "stories"):
        assert problem_of(client.get(f"/api/v1/me/{kind}"), 401)
    assert problem_of(client.get("/api/v1/me/ideas?cursor=%%%", headers=h), 400)
