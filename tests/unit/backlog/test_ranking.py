"""The priority score: kept current by the events, equal to a full re-score from the rows, explained line
by line, tuned per board with a preview, decaying with time, and exact under concurrent votes."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cocreate.accounts.models import User
from cocreate.accounts.values import import_values
from cocreate.backlog import ranking, ranking_reads, weights
from cocreate.beta import services as beta
from cocreate.db import utcnow
from cocreate.errors import InvalidInput, NotAllowed
from cocreate.ideas.models import Idea, RankingWeights, Vote
from cocreate.ideas.services import do_add_comment, do_change_importance, do_vote, do_withdraw_vote
from cocreate.reviews.services.reviews import do_write_review
from cocreate.rewards.models import RewardAccount
from tests.concurrency import race
from tests.factories import BoardFactory, IdeaFactory, ProductFactory, UserFactory
from tests.unit.beta.test_beta import make_program, sign

OLD = utcnow() - timedelta(days=60)


def _person(session, tier="member", value=None):
    person = UserFactory(created_at=OLD, customer_value=value)
    if tier != "member":
        session.add(RewardAccount(user_id=person.id, tier=tier, balance=0, lifetime=0))
        session.flush()
    return person


def _stored(session, idea):
    session.flush()
    session.refresh(idea)
    return idea.priority * ranking.scale(session, idea.board_id, ranking.weights_for(session, idea.board_id))


def test_events_keep_the_score_equal_to_a_full_rescore_and_the_breakdown_adds_up(session):
    board = BoardFactory()
    idea = IdeaFactory(board=board, title="Simmer mode")
    other = IdeaFactory(board=board)
    people = [
        _person(session, "member"),
        _person(session, "insider", value=5000),
        _person(session, "co_creator"),
        _person(session, "contributor", value=200),
    ]
    for person, importance in zip(people, ["nice", "critical", "important", "nice"], strict=True):
        do_vote(session, actor=person, idea=idea, importance=importance)
    do_vote(session, actor=people[0], idea=other)
    do_change_importance(session, actor=people[3], idea=idea, importance="critical")
    do_withdraw_vote(session, actor=people[0], idea=other)
    do_add_comment(session, actor=people[0], idea=idea, body="I love this, it would be wonderful!")
    do_add_comment(session, actor=people[1], idea=idea, body="The current stove is terrible.")
    program, team = make_program(session, capacity=2)
    tester = _person(session)
    sign(session, program, tester)
    finding = beta.do_submit_feedback(
        session, actor=tester, program=program, kind="bug", title="Scorches", idea=idea
    )
    beta.do_decide_feedback(session, actor=team, feedback=finding, accept=True)

    incremental = _stored(session, idea)
    assert _stored(session, other) == pytest.approx(0.0, abs=1e-9)
    why = ranking_reads.breakdown(session, idea)
    assert why.score == pytest.approx(incremental)
    assert sum(line.points for line in why.lines) == pytest.approx(why.score)
    labels = {line.label: line for line in why.lines}
    assert labels["Votes by importance"].points == pytest.approx(1 + 3 + 2 + 3)
    assert (
        "1 co_creator" not in labels["Voter tiers"].detail
        and "co-creator ×1.5" in labels["Voter tiers"].detail
    )
    assert labels["Customer value"].points > 0 and "2 voters with a value" in labels["Customer value"].detail
    assert labels["Beta findings"].points == pytest.approx(3.0)
    assert "2 comments" in labels["Comments"].detail
    assert labels["Recency"].points == pytest.approx(0.0, abs=0.01)  # everything happened just now
    from_votes = idea.priority_votes
    ranking.rescore_board(session, board.id)
    assert _stored(session, idea) == pytest.approx(incremental)
    assert idea.priority_votes == pytest.approx(from_votes) and 0 < from_votes < idea.priority


def test_recent_support_counts_more_unless_decay_is_off(session):
    board = BoardFactory()
    fresh, stale = IdeaFactory(board=board), IdeaFactory(board=board)
    for _ in range(3):
        person = _person(session)
        session.add(Vote(idea_id=fresh.id, user_id=person.id, importance="nice", created_at=utcnow()))
        session.add(
            Vote(
                idea_id=stale.id,
                user_id=person.id,
                importance="nice",
                created_at=utcnow() - timedelta(days=90),
            )
        )
    session.flush()
    ranking.rescore_board(session, board.id)
    assert _stored(session, fresh) == pytest.approx(3.0, rel=1e-3)
    assert _stored(session, stale) == pytest.approx(1.5, rel=1e-3)  # one half-life (90 days) ago
    no_decay = weights.check_weights({"half_life_days": "0"})
    assert weights.do_set_weights(session, actor=UserFactory(role="product"), board=board, weights=no_decay)
    assert _stored(session, stale) == pytest.approx(3.0) and _stored(session, fresh) == pytest.approx(3.0)


def test_weights_preview_a_new_order_and_saving_applies_it(session):
    board = BoardFactory()
    popular, critical = IdeaFactory(board=board, title="Popular"), IdeaFactory(board=board, title="Critical")
    for _ in range(7):
        do_vote(session, actor=_person(session), idea=popular)
    for _ in range(2):
        do_vote(session, actor=_person(session), idea=critical, importance="critical")
    assert [i.title for i, _ in ranking_reads.ranked(session, board.id)] == ["Popular", "Critical"]
    heavier = weights.check_weights({"importance_critical": "10"})
    preview = ranking_reads.preview(session, board.id, heavier)
    assert [(i.title, new, old) for i, _, new, old in preview] == [("Critical", 1, 2), ("Popular", 2, 1)]
    assert preview[0][1] == pytest.approx(20.0, rel=1e-3)
    assert [i.title for i, _ in ranking_reads.ranked(session, board.id)] == [
        "Popular",
        "Critical",
    ]  # nothing saved
    with pytest.raises(NotAllowed):
        weights.do_set_weights(session, actor=UserFactory(), board=board, weights=heavier)
    assert weights.do_set_weights(session, actor=UserFactory(role="product"), board=board, weights=heavier)
    assert [i.title for i, _ in ranking_reads.ranked(session, board.id)] == ["Critical", "Popular"]
    # New votes use the saved weights.
    do_vote(session, actor=_person(session), idea=critical, importance="critical")
    assert _stored(session, critical) == pytest.approx(30.0, rel=1e-3)


def test_large_boards_are_rescored_by_the_worker(session, monkeypatch):
    board = BoardFactory()
    idea = IdeaFactory(board=board)
    do_vote(session, actor=_person(session), idea=idea)
    monkeypatch.setattr(weights, "RESCORE_NOW_UP_TO", 0)
    assert not weights.do_set_weights(
        session,
        actor=UserFactory(role="product"),
        board=board,
        weights=weights.check_weights({"importance_nice": "4"}),
    )
    assert weights.pending(session) == [board.id]
    assert _stored(session, idea) == pytest.approx(1.0, rel=1e-3)  # not yet
    assert weights.rescore_pending(session) == 1
    assert weights.pending(session) == [] and session.get(RankingWeights, board.id).rescored_at is not None
    assert _stored(session, idea) == pytest.approx(4.0, rel=1e-3)


def test_weights_are_checked():
    assert weights.check_weights({}).importance == ranking.IMPORTANCE
    for fields in (
        {"importance_nice": "-1"},
        {"tier_insider": "11"},
        {"value_weight": "x"},
        {"half_life_days": "3"},
        {"half_life_days": "2.5"},
        {"beta_weight": "nan"},
        {"comment_weight": "1e9"},
    ):
        with pytest.raises(InvalidInput):
            weights.check_weights(fields)


def test_concurrent_votes_add_up_exactly(app, session):
    board = BoardFactory()
    idea = IdeaFactory(board=board)
    idea_id = idea.id
    voters = [_person(session, tier).id for tier in ["member", "insider", "co_creator", "contributor"] * 10]
    session.commit()

    def vote(user_id, importance):
        return lambda s: do_vote(
            s, actor=s.get(User, user_id), idea=s.get(Idea, idea_id), importance=importance
        )

    result = race(app, [vote(u, ["nice", "important", "critical"][n % 3]) for n, u in enumerate(voters)])
    assert result.errors == [] and result.ok == 40
    session.commit()
    stored = session.get(Idea, idea_id).priority
    assert stored == pytest.approx(
        session.scalar(select(func.sum(Vote.weight)).where(Vote.idea_id == idea_id))
    )
    assert _stored(session, session.get(Idea, idea_id)) == pytest.approx(
        ranking_reads.breakdown(session, session.get(Idea, idea_id)).score
    )


def test_customer_values_are_imported_from_csv_for_people_who_allow_it(session):
    from cocreate.accounts.consents import do_set_consents

    a, b = UserFactory(email="a@example.com"), UserFactory(email="b@example.com")
    shy = UserFactory(email="shy@example.com")
    for person in (a, b):
        do_set_consents(session, actor=person, chosen=["value"])
    good = io.StringIO(
        "email,value,segment\nA@example.com,1200.5,ret\x00ail\nb@example.com,,\nnobody@example.com,5,x\n"
        "shy@example.com,900,vip\n"
    )
    assert import_values(session, good) == (2, 2)  # nobody@ has no account, shy@ did not opt in
    for person in (a, b, shy):
        session.refresh(person)
    assert (a.customer_value, a.segment, b.customer_value) == (1200.5, "retail", None)
    assert (shy.customer_value, shy.segment) == (None, "")
    do_set_consents(session, actor=a, chosen=[])  # withdrawing deletes what the consent allowed
    session.refresh(a)
    assert (a.customer_value, a.segment) == (None, "")
    for bad in (
        "mail,value\nx,1\n",
        "email,value\na@example.com,lots\n",
        "email,value\na@example.com,-3\n",
        "email,value\na@example.com,inf\n",
    ):
        with pytest.raises(InvalidInput):
            import_values(session, io.StringIO(bad))


def test_unhappy_reviews_of_the_boards_products_raise_its_scores(session):
    board, calm = BoardFactory(), BoardFactory()
    stove = ProductFactory(board_id=board.id)
    idea, other = IdeaFactory(board=board), IdeaFactory(board=calm)
    for target in (idea, other):
        do_vote(session, actor=_person(session), idea=target, importance="critical")
    [(_, before)] = ranking_reads.ranked(session, board.id)
    assert before == pytest.approx(3.0, rel=1e-3)
    for text in ("Terrible, it burns everything. Awful and disappointing.", "Bad, sad and horrible."):
        do_write_review(
            session, actor=_person(session), product=stove, rating=1, title="Awful stove", body=text
        )
    mood = ranking.product_mood(session, board.id, ranking.weights_for(session, board.id))
    assert mood.reviews == 2 and mood.mood < 0 and mood.factor == pytest.approx(1 - mood.mood)
    [(_, after)] = ranking_reads.ranked(session, board.id)
    assert after == pytest.approx(3.0 * mood.factor, rel=1e-3)
    why = ranking_reads.breakdown(session, idea)
    assert why.score == pytest.approx(after, rel=1e-3)
    assert sum(line.points for line in why.lines) == pytest.approx(why.score)
    assert why.lines[-1].label == "Product reviews" and "2 recent reviews" in why.lines[-1].detail
    assert ranking_reads.ranked(session, calm.id)[0][1] == pytest.approx(3.0, rel=1e-3)  # other boards stay
    off = weights.check_weights({"review_weight": "0"})
    weights.do_set_weights(session, actor=UserFactory(role="product"), board=board, weights=off)
    assert ranking_reads.ranked(session, board.id)[0][1] == pytest.approx(3.0, rel=1e-3)


def test_votes_during_a_rescore_are_not_lost(app, session):
    board = BoardFactory()
    ideas = [i.id for i in IdeaFactory.create_batch(5, board=board)]
    voters = [_person(session).id for _ in range(20)]
    board_id = board.id
    session.commit()

    def vote(user_id, idea_id):
        return lambda s: do_vote(s, actor=s.get(User, user_id), idea=s.get(Idea, idea_id))

    work = [vote(u, ideas[n % 5]) for n, u in enumerate(voters)]
    work[10:10] = [lambda s: ranking.rescore_board(s, board_id)] * 2
    result = race(app, work)
    assert result.errors == [] and result.ok == 22
    session.commit()
    for idea_id in ideas:
        idea = session.get(Idea, idea_id)
        total = session.scalar(
            select(func.coalesce(func.sum(Vote.weight), 0.0)).where(Vote.idea_id == idea_id)
        )
        assert idea.priority == pytest.approx(total) and idea.priority_votes == pytest.approx(total)
        assert session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea_id)) == 4
