"""Helpful votes (one each, not on one's own, exact under concurrency) and verified purchases."""

import pytest
from sqlalchemy import func, select

from cocreate.accounts.models import User
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.reviews.models import HelpfulVote, OrderRecord, Review
from cocreate.reviews.queries import product_reviews
from cocreate.reviews.services import do_helpful_vote, do_import_orders, do_write_review
from tests.concurrency import race
from tests.factories import ProductFactory, UserFactory


def _review(session, product=None, author=None):
    return do_write_review(
        session,
        actor=author or UserFactory(),
        product=product or ProductFactory(),
        rating=4,
        title="Does the job",
    )


def test_helpful_votes_once_each_and_never_on_own(session):
    review = _review(session)
    reader = UserFactory()
    do_helpful_vote(session, actor=reader, review=review, helpful=True)
    with pytest.raises(Conflict):
        do_helpful_vote(session, actor=reader, review=review, helpful=False)
    with pytest.raises(NotAllowed, match="own review"):
        do_helpful_vote(session, actor=review.author, review=review, helpful=True)
    session.commit()
    review = session.get(Review, review.id)
    assert (review.helpful_count, review.unhelpful_count) == (1, 0) and review.helpful_score > 0


def test_most_helpful_sort_uses_wilson_not_raw_share(session):
    product = ProductFactory()
    lucky, solid = _review(session, product), _review(session, product)
    do_helpful_vote(session, actor=UserFactory(), review=lucky, helpful=True)  # 1 of 1
    for i in range(20):
        do_helpful_vote(session, actor=UserFactory(), review=solid, helpful=i < 18)  # 18 of 20
    session.commit()
    page = product_reviews(session, product, sort="helpful")
    assert [r.id for r in page.reviews] == [solid.id, lucky.id]
    lowest = product_reviews(session, product, sort="lowest")
    assert len(lowest.reviews) == 2


def test_keyset_pages_of_reviews(session):
    product = ProductFactory()
    ids = {_review(session, product).id for _ in range(7)}
    session.commit()
    for sort in ("helpful", "new", "highest", "lowest"):
        seen, cursor = [], None
        while True:
            page = product_reviews(session, product, sort=sort, cursor=cursor, limit=3)
            seen += [r.id for r in page.reviews]
            cursor = page.next_cursor
            if not cursor:
                break
        assert sorted(seen) == sorted(ids), sort
    with pytest.raises(InvalidInput):
        product_reviews(session, product, sort="random")
    with pytest.raises(InvalidInput):
        product_reviews(session, product, cursor="%%%")


def test_concurrent_helpful_votes_are_counted_exactly(app, session):
    review = _review(session)
    review_id = review.id
    readers = [u.id for u in UserFactory.create_batch(60)]
    session.commit()
    # 40 helpful, 20 not; readers[0] (not helpful) also double-clicks 20 times.
    votes = [(r, i % 3 != 0) for i, r in enumerate(readers)] + [(readers[0], False)] * 20

    def answer(user_id, helpful):
        return lambda s: do_helpful_vote(
            s, actor=s.get(User, user_id), review=s.get(Review, review_id), helpful=helpful
        )

    result = race(app, [answer(u, h) for u, h in votes])
    assert result.errors == [] and result.ok == 60
    session.commit()
    review = session.get(Review, review_id)
    rows = session.scalar(select(func.count(HelpfulVote.id)).where(HelpfulVote.review_id == review_id))
    assert review.helpful_count + review.unhelpful_count == rows == 60
    assert review.helpful_count == 40


def test_order_import_verifies_reviews_and_reports_bad_lines(session):
    product = ProductFactory(slug="tent")
    buyer = UserFactory(email="buyer@example.com")
    review = _review(session, product, author=buyer)
    assert review.verified_purchase is False
    manager = UserFactory(role="product")
    text = (
        "email,product,order_date\n"
        "BUYER@example.com,tent,2026-03-01\n"
        "buyer@example.com,tent,2026-03-01\n"  # duplicate line
        "not-an-email,tent,2026-03-01\n"
        "x@example.com,no-such-thing,2026-03-01\n"
        "y@example.com,tent,March 1st\n"
    )
    result = do_import_orders(session, actor=manager, text=text)
    assert (result.added, result.reviews_verified) == (1, 1)
    assert [e.split(":")[0] for e in result.errors] == ["line 4", "line 5", "line 6"]
    again = do_import_orders(
        session, actor=manager, text="email,product,order_date\nbuyer@example.com,tent,2026-03-01\n"
    )
    assert (again.added, again.duplicates) == (0, 1)
    session.commit()
    assert session.get(Review, review.id).verified_purchase is True
    assert session.scalar(select(func.count(OrderRecord.id))) == 1
    later = _review(session, ProductFactory(slug="other"), author=buyer)
    assert later.verified_purchase is False
    with pytest.raises(InvalidInput, match="header"):
        do_import_orders(session, actor=manager, text="mail;product\n")
    with pytest.raises(NotAllowed):
        do_import_orders(session, actor=UserFactory(), text=text)
    with pytest.raises(InvalidInput, match="NUL"):  # PostgreSQL refuses it, SQLite would keep it
        do_import_orders(session, actor=manager, text=text.replace("buyer@", "bu\x00yer@"))


def test_large_order_import_is_batched_across_chunks_and_products(session):
    tent, pack = ProductFactory(slug="tent"), ProductFactory(slug="pack")
    buyers = [UserFactory(email=f"buyer{i}@example.com") for i in range(3)]
    reviews = [_review(session, tent, author=buyers[0]), _review(session, pack, author=buyers[1])]
    unbought = _review(session, pack, author=buyers[2])
    manager = UserFactory(role="admin")
    lines = [f"someone{i}@example.com,{'tent' if i % 2 else 'pack'},2026-02-01" for i in range(2_500)]
    lines += ["buyer0@example.com,tent,2026-02-01", "buyer1@example.com,pack,2026-02-01"]
    result = do_import_orders(session, actor=manager, text="email,product,order_date\n" + "\n".join(lines))
    assert (result.added, result.duplicates, result.reviews_verified, result.errors) == (2_502, 0, 2, [])
    session.commit()
    assert [session.get(Review, r.id).verified_purchase for r in reviews] == [True, True]
    assert session.get(Review, unbought.id).verified_purchase is False
