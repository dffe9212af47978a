"""Sentiment: the adapter, neutral for what cannot be judged, tagging in the writing transaction, backfill,
mixes and monthly trends."""

from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from cocreate import sentiment as S
from cocreate.db import utcnow
from cocreate.ideas.models import Idea
from cocreate.ideas.services import do_add_comment, do_create_idea, do_edit_idea
from cocreate.insights.backfill import backfill
from cocreate.insights.queries import sentiment_trend
from cocreate.moderation.queries import sentiment_mix
from cocreate.reviews.models import Review
from cocreate.reviews.services import do_submit_ugc, do_write_review
from tests.factories import BoardFactory, ProductFactory, UserFactory


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I love this tent, it is great!", "positive"),
        ("Terrible zip, it broke in a week.", "negative"),
        ("It has two doors.", "neutral"),
    ],
)
def test_labels_follow_polarity(text, label):
    result = S.analyze(text)
    assert result.label == label and -1 <= result.polarity <= 1 and 0 <= result.subjectivity <= 1


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "😀😍🔥👍",
        "!!! ??? 123",
        "great " * 5_000,  # huge
        "Это просто отличная палатка, очень хорошая",  # another script
        "Das Zelt ist wirklich sehr gut und leicht",  # another language in Latin letters
    ],
)
def test_what_cannot_be_judged_is_neutral(text):
    assert S.analyze(text) == S.NEUTRAL


def test_thresholds_are_configurable_and_the_analyzer_swappable():
    assert S.Thresholds(-0.5, 0.9).label(0.75) == "neutral"
    assert S.Thresholds().label(0.75) == "positive"

    class Broken:
        def polarity_subjectivity(self, text):
            raise RuntimeError("model server down")

    class Fixed:
        def polarity_subjectivity(self, text):
            return (-0.8, 2.0)

    previous = S.use_analyzer(Broken())
    try:
        assert S.analyze("A perfectly good sentence") == S.NEUTRAL  # a failing analyzer never breaks a write
        S.use_analyzer(Fixed())
        assert S.analyze("Anything at all") == S.Sentiment(-0.8, 1.0, "negative")  # clamped
    finally:
        S.use_analyzer(previous)


def test_contributions_are_tagged_in_the_writing_transaction(session, app, tmp_path):
    member = UserFactory(created_at=utcnow() - timedelta(days=5))
    board, product = BoardFactory(), ProductFactory()
    idea = do_create_idea(session, actor=member, board=board, title="Dark mode would be wonderful")
    assert idea.sentiment == "positive" and idea.polarity > 0.1  # before any commit: flushed with the row
    comment = do_add_comment(session, actor=member, idea=idea, body="The current theme is awful at night")
    review = do_write_review(session, actor=member, product=product, rating=1, title="Broken and useless")
    story = do_submit_ugc(
        session, actor=member, product=product, title="A happy trip", story="Best weekend!", uploads=tmp_path
    )
    assert (comment.sentiment, review.sentiment, story.sentiment) == ("negative", "negative", "positive")
    do_edit_idea(
        session,
        actor=member,
        idea=idea,
        title="Dark mode, the current one is terrible",
        body="",
        tag_slugs=[],
        edit_window=timedelta(minutes=30),
    )
    assert idea.sentiment == "negative"  # re-tagged when the text changed
    session.commit()
    app.config["SENTIMENT_POSITIVE_ABOVE"] = 0.99
    try:
        other = do_create_idea(session, actor=member, board=board, title="Nice to have: offline maps")
        assert other.sentiment == "neutral"  # thresholds come from the configuration
    finally:
        app.config["SENTIMENT_POSITIVE_ABOVE"] = 0.1
    session.rollback()


def test_backfill_tags_bulk_inserted_rows_on_two_processes(session):
    board, author = BoardFactory(), UserFactory()
    session.commit()
    now = utcnow()
    texts = ["I love it, brilliant work", "This is bad and slow", "A button on the left", ""]
    session.execute(
        insert(Idea),
        [
            {
                "board_id": board.id,
                "author_id": author.id,
                "title": f"Idea {i}",
                "body": texts[i % 4],
                "created_at": now,
                "updated_at": now,
            }
            for i in range(40)
        ],
    )
    session.commit()
    assert set(session.scalars(select(Idea.sentiment))) == {"neutral"}
    seen = []
    done = backfill(session, S.Thresholds(), workers=2, batch=15, progress=seen.append)
    assert done == 40 and sum(seen) == 40 and len(seen) == 3  # keyset batches of 15
    for idea in session.scalars(select(Idea)):
        expected = S.analyze(f"{idea.title}\n{idea.body}".strip())
        assert (idea.sentiment, idea.polarity) == (expected.label, expected.polarity)


def test_mix_and_monthly_trend(session):
    product = ProductFactory()
    now = utcnow()
    rows = [
        (now - timedelta(days=65), "positive", 0.6),
        (now - timedelta(days=64), "negative", -0.4),
        (now - timedelta(days=1), "positive", 0.8),
        (now - timedelta(days=1), "neutral", 0.0),
        (now - timedelta(days=500), "negative", -0.9),  # older than 12 months: not in the trend
    ]
    authors = [UserFactory() for _ in range(len(rows) + 1)]
    session.flush()
    values = [
        {"created_at": created, "sentiment": label, "polarity": polarity, "moderation_state": "approved"}
        for created, label, polarity in rows
    ] + [{"created_at": now, "sentiment": "negative", "polarity": -0.5, "moderation_state": "hidden"}]
    session.execute(  # Core insert: explicit tags, as a backfill would have stored them
        insert(Review),
        [
            {
                "product_id": product.id,
                "author_id": a.id,
                "rating": 3,
                "title": "t",
                "updated_at": v["created_at"],
                **v,
            }
            for a, v in zip(authors, values, strict=True)
        ],
    )
    session.commit()
    mix = sentiment_mix(session, Review, Review.product_id == product.id)
    assert (mix.positive, mix.neutral, mix.negative, mix.total, mix.share("positive")) == (2, 1, 2, 5, 40)
    trend = sentiment_trend(session, Review, Review.product_id == product.id)
    assert [p.month for p in trend] == sorted(
        {(now - timedelta(days=d)).strftime("%Y-%m") for d in (65, 64, 1)}
    )
    assert sum(p.positive + p.neutral + p.negative for p in trend) == 4
    latest = trend[-1]
    assert (latest.positive, latest.neutral, latest.average) == (1, 1, 0.4)


@pytest.mark.parametrize(
    "text",
    ["Heavier than advertised, but very sturdy.", "I love it!", "Terrible zips; not great, not awful.", "ok"],
)
def test_the_adapter_gives_exactly_textblobs_sentiment(text):
    from textblob import TextBlob

    expected = TextBlob(text).sentiment
    assert S.TextBlobAnalyzer().polarity_subjectivity(text) == (expected.polarity, expected.subjectivity)
