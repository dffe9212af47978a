"""Reviews: ratings 1–5, one per person, edit history, stored histogram and Bayesian average, events."""

import pytest
from sqlalchemy import func, select

from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.events import EventRecord
from cocreate.reviews.models import Product, Review, ReviewRevision
from cocreate.reviews.scoring import bayesian_average, wilson_lower_bound
from cocreate.reviews.services import do_create_product, do_edit_review, do_write_review
from tests.factories import BoardFactory, ProductFactory, UserFactory


def _write(session, product, rating=4, **kw):
    return do_write_review(
        session,
        actor=kw.pop("actor", None) or UserFactory(),
        product=product,
        rating=rating,
        title=kw.pop("title", "Solid and light"),
        **kw,
    )


def test_reviews_update_count_histogram_average_and_bayes(session):
    product = ProductFactory()
    for rating in (5, 5, 4, 1):
        _write(session, product, rating)
    session.commit()
    product = session.get(Product, product.id)
    assert product.review_count == 4 and product.rating_sum == 15
    assert product.histogram == [(5, 2), (4, 1), (3, 0), (2, 0), (1, 1)]
    assert product.average == pytest.approx(3.75)
    assert product.bayes_score == pytest.approx(bayesian_average(15, 4))
    assert session.scalars(select(EventRecord.name)).all() == ["review.published"] * 4


@pytest.mark.parametrize(
    ("rating", "title", "body", "field"),
    [
        (0, "Fine title", "", "rating"),
        (6, "Fine title", "", "rating"),
        ("five", "Fine title", "", "rating"),
        (None, "Fine title", "", "rating"),
        (3, "", "", "title"),
        (3, "x" * 121, "", "title"),
        (3, "Fine title", "b" * 10_001, "body"),
    ],
)
def test_bad_review_input_stores_nothing(session, rating, title, body, field):
    product = ProductFactory()
    user = UserFactory()
    session.commit()
    with pytest.raises(InvalidInput) as info:
        do_write_review(session, actor=user, product=product, rating=rating, title=title, body=body)
    assert info.value.field == field
    session.rollback()
    assert session.scalar(select(func.count(Review.id))) == 0
    assert session.get(Product, product.id).review_count == 0


def test_second_review_is_a_conflict_and_edit_keeps_history(session):
    product = ProductFactory()
    user = UserFactory()
    review = _write(session, product, 2, actor=user, title="Broke fast")
    with pytest.raises(Conflict, match="already reviewed"):
        _write(session, product, 5, actor=user)
    do_edit_review(
        session, actor=user, review=review, rating=4, title="Fixed by support", body="They replaced it."
    )
    session.commit()
    product = session.get(Product, product.id)
    assert product.histogram == [(5, 0), (4, 1), (3, 0), (2, 0), (1, 0)] and product.rating_sum == 4
    assert product.review_count == 1
    do_edit_review(
        session, actor=user, review=review, rating=4, title="Fixed by support", body="They replaced it."
    )
    history = session.scalars(select(ReviewRevision)).all()
    assert [(h.rating, h.title) for h in history] == [(2, "Broke fast")]  # the unchanged save added nothing
    with pytest.raises(NotAllowed):
        do_edit_review(session, actor=UserFactory(), review=review, rating=1, title="Hijacked")


def test_markdown_in_reviews_is_sanitised(session):
    review = _write(session, ProductFactory(), body="<script>x</script> **good** [a](javascript:alert(1))")
    assert "<script" not in review.body_html and "<strong>good</strong>" in review.body_html
    assert 'href="javascript' not in review.body_html


def test_incentive_label(session):
    review = _write(session, ProductFactory(), incentive="beta")
    assert review.incentive_label == "Written as part of a beta program"
    with pytest.raises(InvalidInput):
        _write(session, ProductFactory(), incentive="bribe")


def test_only_product_people_and_admins_create_products(session):
    with pytest.raises(NotAllowed):
        do_create_product(session, actor=UserFactory(), name="Tent")
    board = BoardFactory()
    product = do_create_product(
        session, actor=UserFactory(role="product"), name="Ultralight Tent 2", board_id=board.id
    )
    assert product.slug == "ultralight-tent-2" and product.board == board
    with pytest.raises(Conflict):
        do_create_product(session, actor=UserFactory(role="admin"), name="Ultralight tent 2")
    with pytest.raises(InvalidInput):
        do_create_product(session, actor=UserFactory(role="admin"), name="x")


def test_scoring_functions():
    assert wilson_lower_bound(0, 0) == 0
    assert wilson_lower_bound(1, 0) < wilson_lower_bound(40, 5)  # more evidence wins
    assert wilson_lower_bound(9, 1) > wilson_lower_bound(5, 5)
    assert bayesian_average(5, 1) < bayesian_average(480, 100)  # one 5★ review ranks below 100 at 4.8★
