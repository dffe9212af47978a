"""Sentiment on pages: chips, the review mix, the mood of comments, the queue filter and the trend page."""

from datetime import timedelta

from cocreate.db import utcnow
from cocreate.ideas.services import do_add_comment, do_create_idea
from cocreate.reviews.services import do_write_review
from tests.factories import BoardFactory, ProductFactory, UserFactory


def test_sentiment_shows_on_product_idea_and_queue(client, session):
    old = utcnow() - timedelta(days=9)
    product = ProductFactory(slug="stove", moderation="pre")
    board = BoardFactory(slug="app")
    people = [UserFactory(created_at=old) for _ in range(3)]
    do_write_review(session, actor=people[0], product=product, rating=1, title="Awful, it broke at once")
    idea = do_create_idea(session, actor=people[0], board=board, title="Offline maps")
    do_add_comment(session, actor=people[1], idea=idea, body="I love this, great idea")
    do_add_comment(session, actor=people[2], idea=idea, body="Terrible battery drain today")
    moderator, staff = UserFactory(role="moderator"), UserFactory(role="product")
    session.commit()
    page = client.get(f"/i/{idea.id}").get_data(as_text=True)
    # A machine's reading of people's words is for the product team, not a label on customers' comments.
    assert "Mood of the comments" not in page and "sentiment-negative" not in page
    assert "Sentiment trend" not in client.get("/b/app").get_data(as_text=True)  # staff only
    client.sign_in(staff)
    page = client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert "Mood of the comments" in page and "50% positive" in page and "50% negative" in page
    assert page.count("sentiment-positive") >= 1 and "sentiment-negative" in page
    client.post_form("/logout")
    client.sign_in(moderator)
    queue = client.get("/moderation?sentiment=negative").get_data(as_text=True)
    assert "Awful, it broke at once" in queue
    assert "Awful" not in client.get("/moderation?sentiment=positive").get_data(as_text=True)
    assert client.get("/moderation?sentiment=angry").status_code == 400
    # Approve the held review: it then counts in the product's mix.
    from cocreate.moderation.models import ModerationCase

    case_id = session.scalar(ModerationCase.__table__.select().with_only_columns(ModerationCase.id))
    client.post_form(f"/moderation/cases/{case_id}", {"action": "approve"})
    product_page = client.get("/p/stove").get_data(as_text=True)
    assert "Review sentiment" in product_page and "100% negative" in product_page
    client.post_form("/logout")
    client.sign_in(staff)
    assert "Sentiment trend" in client.get("/p/stove").get_data(as_text=True)
    trend = client.get("/insights/sentiment?product=stove")
    html = trend.get_data(as_text=True)
    assert trend.status_code == 200 and 'id="trend-data"' in html and "chart.umd.min.js" in html
    assert client.get("/insights/sentiment?board=app").status_code == 200
    overview = client.get("/insights/sentiment")  # no subject: every board and product to choose from
    html = overview.get_data(as_text=True)
    assert overview.status_code == 200 and "/insights/sentiment?product=stove" in html and "board=app" in html
    assert client.get("/insights/sentiment?product=nope").status_code == 404


def test_trend_page_is_for_staff(client, session):
    member = UserFactory()
    ProductFactory(slug="stove")
    session.commit()
    assert client.get("/insights/sentiment?product=stove").status_code == 302  # sign in
    client.sign_in(member)
    assert client.get("/insights/sentiment?product=stove").status_code == 403
