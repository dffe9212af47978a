"""NPS, CSAT and CES micro-surveys: attached to moments, answered once, scored the standard way."""

import pytest
from sqlalchemy import func, select

from cocreate.beta.services.programs import do_set_state
from cocreate.beta.services.seats import do_sign_up
from cocreate.ideas.models import Idea, Vote
from cocreate.ideas.services import do_change_status, do_vote
from cocreate.insights import shipped, surveys
from cocreate.insights.models import Survey, SurveyInvitation, SurveyKind, SurveyResponse
from cocreate.notifications.models import Notification
from cocreate.reviews.services.reviews import do_write_review
from cocreate.rewards.models import LedgerEntry
from tests.concurrency import race
from tests.factories import BoardFactory, IdeaFactory, ProductFactory, UserFactory, open_program


@pytest.mark.parametrize(
    ("kind", "distribution", "score"),
    [
        (SurveyKind.NPS, {10: 5, 9: 1, 8: 2, 3: 2}, 40.0),  # 6 promoters, 2 detractors of 10
        (SurveyKind.NPS, {0: 1}, -100.0),
        (SurveyKind.CSAT, {5: 3, 4: 1, 2: 4}, 50.0),
        (SurveyKind.CES, {7: 1, 5: 1, 3: 2}, 4.5),
        (SurveyKind.CSAT, {}, None),
    ],
)
def test_scores_follow_the_standard_formulas(kind, distribution, score):
    assert surveys.score_of(kind, distribution) == score


def test_a_review_invites_its_author_who_answers_once_and_earns_points(client, session):
    team = UserFactory(role="product")
    product = ProductFactory(slug="kettle", name="Kettle")
    other_product = ProductFactory(slug="toaster")
    reviewer, stranger = UserFactory(), UserFactory()
    session.commit()

    client.sign_in(team)
    made = client.post_form("/team/surveys", {"kind": "nps", "moment": "review", "question": ""})
    assert made.status_code == 303
    scoped = client.post_form("/team/surveys", {"kind": "csat", "moment": "review", "product": "toaster"})
    assert scoped.status_code == 303
    session.rollback()

    do_write_review(session, actor=reviewer, product=product, rating=4, title="Boils fast")
    session.commit()
    invitation = session.scalar(select(SurveyInvitation).where(SurveyInvitation.user_id == reviewer.id))
    assert invitation.subject == f"product:{product.id}" and invitation.subject_title == "Kettle"
    assert session.scalar(select(func.count(SurveyInvitation.id))) == 1  # the toaster's CSAT was not asked
    assert session.scalar(select(Notification.url).where(Notification.kind == "survey")) == "/surveys"
    assert other_product.id  # used by the scoped survey

    client.post_form("/logout")
    client.sign_in(stranger)
    assert client.post_form(f"/surveys/{invitation.id}", {"score": "9"}).status_code == 404
    client.post_form("/logout")
    client.sign_in(reviewer)
    page = client.get("/surveys").get_data(as_text=True)
    assert "How likely are you to recommend us" in page and "About Kettle" in page
    for bad in ("11", "-1", "nine", ""):
        refused = client.post_form(f"/surveys/{invitation.id}", {"score": bad, "comment": "kept"})
        assert refused.status_code == 422 and "from 0 to 10" in refused.get_data(as_text=True)
        assert "kept" in refused.get_data(as_text=True)  # what they typed is not lost
    assert (
        client.post_form(f"/surveys/{invitation.id}", {"score": "9", "comment": "Great"}).status_code == 303
    )
    again = client.post_form(f"/surveys/{invitation.id}", {"score": "3"})
    assert again.status_code == 303
    after = client.get("/surveys").get_data(as_text=True)
    assert "already answered" in after and "No open questions" in after

    session.rollback()
    response = session.scalar(select(SurveyResponse))
    assert (response.score, response.comment, response.channel, response.user_id) == (
        9,
        "Great",
        "web",
        reviewer.id,
    )
    assert (
        session.scalar(
            select(func.count(LedgerEntry.id)).where(
                LedgerEntry.user_id == reviewer.id, LedgerEntry.rule == "survey_answered"
            )
        )
        == 1
    )
    client.post_form("/logout")
    client.sign_in(team)
    listing = client.get("/team/surveys").get_data(as_text=True)
    assert "+100" in listing  # one promoter


def test_shipping_invites_supporters_and_author_and_a_finished_beta_its_participants(session):
    team = UserFactory(role="product")
    board, elsewhere = BoardFactory(), BoardFactory()
    author, voter = UserFactory(), UserFactory()
    idea = IdeaFactory(board=board, author=author)
    session.flush()
    surveys.do_create_survey(session, actor=team, kind="csat", moment="shipped", board=board)
    surveys.do_create_survey(session, actor=team, kind="ces", moment="shipped", board=elsewhere)
    beta_q = surveys.do_create_survey(
        session, actor=team, kind="ces", moment="beta", question="How easy was the beta?"
    )
    do_vote(session, actor=voter, idea=idea)
    do_change_status(session, actor=team, idea=idea, status="shipped")
    invited = session.execute(select(SurveyInvitation.user_id, SurveyInvitation.subject)).all()
    assert sorted(invited) == sorted([(author.id, f"idea:{idea.id}"), (voter.id, f"idea:{idea.id}")])
    # The team's own question replaces the built-in "how well does it solve it" ask: one question each.
    asked = session.scalars(
        select(Notification.url).where(Notification.user_id == voter.id, Notification.kind == "survey")
    ).all()
    assert asked == ["/surveys"]
    other_idea = IdeaFactory(board=elsewhere)
    session.flush()
    do_vote(session, actor=voter, idea=other_idea)
    do_change_status(session, actor=team, idea=other_idea, status="shipped")  # its board's survey is CES
    asked = session.scalars(
        select(Notification.url).where(Notification.user_id == voter.id, Notification.kind == "survey")
    ).all()
    assert asked == ["/surveys", "/surveys"]
    unsurveyed = BoardFactory()
    plain_idea = IdeaFactory(board=unsurveyed)
    session.flush()
    do_vote(session, actor=voter, idea=plain_idea)
    do_change_status(session, actor=team, idea=plain_idea, status="shipped")  # no team question: built-in
    asked = session.scalars(
        select(Notification.url)
        .where(Notification.user_id == voter.id, Notification.kind == "survey")
        .order_by(Notification.id)
    ).all()
    assert asked == ["/surveys", "/surveys", f"/i/{plain_idea.id}/rate"]

    program = open_program(session, team=team, days=3)
    tester = UserFactory()
    do_sign_up(
        session, actor=tester, program=program, terms_version=program.terms_version, consents=[], answers={}
    )
    do_set_state(session, actor=team, program=program, state="finished")
    asked = session.scalar(select(SurveyInvitation).where(SurveyInvitation.survey_id == beta_q.id))
    assert (asked.user_id, asked.subject) == (tester.id, f"beta:{program.id}")


def test_team_pages_are_for_the_team_and_bad_surveys_are_refused(client, session):
    member, team = UserFactory(), UserFactory(role="product")
    session.commit()
    client.sign_in(member)
    assert client.get("/team/surveys").status_code == 403
    assert client.post_form("/team/surveys", {"kind": "nps", "moment": "review"}).status_code == 403
    client.post_form("/logout")
    client.sign_in(team)
    for form, message in [
        ({"kind": "xyz", "moment": "review"}, "Choose NPS, CSAT or CES"),
        ({"kind": "nps", "moment": "later"}, "Choose when"),
        ({"kind": "nps", "moment": "review", "question": "q" * 201}, "at most 200"),
        ({"kind": "nps", "moment": "review", "product": "nope"}, "No such product"),
        ({"kind": "nps", "moment": "beta", "board": "nope"}, "No such board"),
    ]:
        response = client.post_form("/team/surveys", form)
        assert response.status_code == 422 and message in response.get_data(as_text=True), form
    session.rollback()
    assert session.scalar(select(func.count(SurveyInvitation.id))) == 0


def test_a_paused_survey_asks_nobody(session):
    team, reviewer = UserFactory(role="admin"), UserFactory()
    product = ProductFactory()
    survey = surveys.do_create_survey(session, actor=team, kind="csat", moment="review")
    surveys.do_set_active(session, actor=team, survey=survey, active=False)
    do_write_review(session, actor=reviewer, product=product, rating=5, title="Lovely")
    assert session.scalar(select(func.count(SurveyInvitation.id))) == 0


def test_eight_concurrent_answers_to_one_invitation_count_once(app, session):
    team, reviewer = UserFactory(role="product"), UserFactory()
    product = ProductFactory()
    surveys.do_create_survey(session, actor=team, kind="nps", moment="review")
    do_write_review(session, actor=reviewer, product=product, rating=5, title="Lovely")
    invitation_id, reviewer_id = session.scalar(select(SurveyInvitation.id)), reviewer.id
    session.commit()

    def answer(score):
        def unit(s):
            from cocreate.accounts.models import User

            user = s.get(User, reviewer_id)
            surveys.do_answer(s, actor=user, invitation=s.get(SurveyInvitation, invitation_id), score=score)

        return unit

    result = race(app, [answer(n) for n in range(8)])
    assert result.errors == [] and (result.ok, result.conflicts) == (1, 7)
    session.commit()
    assert session.scalar(select(func.count(SurveyResponse.id))) == 1
    assert (
        session.scalar(
            select(func.count(LedgerEntry.id)).where(
                LedgerEntry.rule == "survey_answered", LedgerEntry.user_id == reviewer_id
            )
        )
        == 1
    )


def test_concurrent_invitations_of_the_same_people_ask_each_once(app, session):
    """Two moments inviting the same people to the same survey and subject at once: the unique constraint
    skips the second invitation instead of failing the transaction that caused it."""
    team = UserFactory(role="product")
    people = [UserFactory() for _ in range(5)]
    survey = surveys.do_create_survey(session, actor=team, kind="nps", moment="review")
    session.commit()
    survey_id, ids = survey.id, [p.id for p in people]
    counts = []

    def unit(s):
        from cocreate.insights.models import Survey

        counts.append(surveys.invite(s, s.get(Survey, survey_id), ids, "product:1", "Kettle"))

    result = race(app, [unit for _ in range(6)])
    assert result.errors == [] and result.ok == 6 and sum(counts) == 5
    session.rollback()
    assert session.scalar(select(func.count(SurveyInvitation.id))) == 5
    assert session.scalar(select(func.count(Notification.id)).where(Notification.kind == "survey")) == 5


def test_supporters_rating_a_shipped_idea_at_once_make_one_built_in_survey_and_answer_once_each(app, session):
    """The built-in survey is missing (a wiped database) and eight requests rate one shipped idea at once,
    two each from four supporters nobody invited: one survey is made, each supporter answers once."""
    board = BoardFactory()
    supporters = [UserFactory() for _ in range(4)]
    idea = IdeaFactory(board=board, status="shipped")
    session.flush()
    for person in supporters:
        session.add(Vote(idea_id=idea.id, user_id=person.id))
    session.commit()
    idea_id, ids = idea.id, [p.id for p in supporters]

    def rate(user_id, score):
        def unit(s):
            from cocreate.accounts.models import User

            user, done = s.get(User, user_id), s.get(Idea, idea_id)
            invitation = shipped.shipped_invitation(s, actor=user, idea=done)
            surveys.do_answer(s, actor=user, invitation=invitation, score=score)

        return unit

    result = race(app, [rate(uid, n) for uid in ids for n in (2, 5)])
    assert result.errors == [] and (result.ok, result.conflicts) == (4, 4)
    session.commit()
    assert session.scalar(select(func.count(Survey.id)).where(Survey.builtin == surveys.SHIPPED)) == 1
    answers = session.execute(
        select(SurveyResponse.user_id, func.count()).group_by(SurveyResponse.user_id)
    ).all()
    assert sorted(answers) == [(uid, 1) for uid in sorted(ids)]
    assert shipped.shipped_summary(session, idea_id).count == 4
    credited = session.scalars(select(LedgerEntry.user_id).where(LedgerEntry.rule == "survey_answered")).all()
    assert sorted(credited) == sorted(ids)
