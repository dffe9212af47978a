"""The migration that made the rating after shipping a built-in CSAT survey: on a database of the suite's
kind, ratings stored in the old idea_ratings table become answered invitations and answers of the built-in
survey, keep counting on the idea, cannot be given twice, and go back into the table on downgrade."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select, text
from sqlalchemy import insert as insert_into

from cocreate import create_app
from cocreate.accounts.models import User
from cocreate.errors import Conflict
from cocreate.extensions import db
from cocreate.ideas.models import Idea, Vote
from cocreate.insights import shipped, surveys
from cocreate.insights.models import Survey, SurveyInvitation, SurveyResponse

BEFORE = "7cbf14cf650d"  # the last revision with idea_ratings
AT = datetime(2026, 5, 4, 12, 30, tzinfo=UTC)


def _person(n: int) -> SimpleNamespace:
    """A member as the users table was then (later columns, such as the picture, did not exist yet)."""
    person_id = db.session.execute(
        text(
            "INSERT INTO users (email, username, display_name, password_hash, role, session_version, "
            "segment, created_at) VALUES (:email, :name, :name, 'x', 'member', 1, '', :at) RETURNING id"
        ),
        {"email": f"person{n}@example.com", "name": f"person{n}", "at": AT.replace(tzinfo=None)},
    ).scalar()
    return SimpleNamespace(id=person_id)


def test_old_ratings_become_answers_of_the_built_in_survey_and_go_back_on_downgrade(app, scratch_url):
    old = create_app({"SQLALCHEMY_DATABASE_URI": scratch_url})
    with old.app_context():
        upgrade(revision=BEFORE)
        # Rows of the schema as it was then: today's models may have columns it lacks (boards.version).
        board_id = db.session.execute(
            text(
                "INSERT INTO boards (slug, name, description, is_private, allowed_roles, moderation, "
                "idea_count, support_milestones, created_at) VALUES ('gear', 'Gear', '', false, '', 'post', "
                "0, '', :at) RETURNING id"
            ),
            {"at": AT.replace(tzinfo=None)},
        ).scalar()
        author, happy, unhappy, quiet = (_person(n) for n in range(4))
        idea_id = db.session.execute(
            insert_into(Idea)
            .values(board_id=board_id, author_id=author.id, status="shipped", title="Quiet zips")
            .returning(Idea.id)
        ).scalar()
        idea = SimpleNamespace(id=idea_id)
        for person in (happy, unhappy, quiet):
            db.session.add(Vote(idea_id=idea.id, user_id=person.id))
        db.session.flush()
        insert = text(
            "INSERT INTO idea_ratings (idea_id, user_id, score, comment, channel, created_at)"
            " VALUES (:idea, :user, :score, :comment, :channel, :at)"
        )
        db.session.execute(
            insert, dict(idea=idea.id, user=happy.id, score=5, comment="Finally", channel="web", at=AT)
        )
        db.session.execute(
            insert, dict(idea=idea.id, user=unhappy.id, score=2, comment="", channel="api", at=AT)
        )
        db.session.commit()
        ids = {"idea": idea.id, "happy": happy.id, "unhappy": unhappy.id, "quiet": quiet.id}
        db.session.remove()

        upgrade()
        assert "idea_ratings" not in inspect(db.engine).get_table_names()
        session = db.session
        survey = session.scalar(select(Survey).where(Survey.builtin == surveys.SHIPPED))
        assert (survey.kind, survey.moment, survey.question, survey.active) == (
            "csat",
            "shipped",
            surveys.SHIPPED_QUESTION,
            True,
        )
        answers = session.execute(
            select(
                SurveyResponse.user_id, SurveyResponse.score, SurveyResponse.comment, SurveyResponse.channel
            )
            .where(SurveyResponse.survey_id == survey.id, SurveyResponse.subject == f"idea:{ids['idea']}")
            .order_by(SurveyResponse.score)
        ).all()
        assert answers == [(ids["unhappy"], 2, "", "api"), (ids["happy"], 5, "Finally", "web")]
        invitations = session.scalars(
            select(SurveyInvitation).where(SurveyInvitation.survey_id == survey.id)
        ).all()
        assert len(invitations) == 2 and all(inv.answered_at == AT for inv in invitations)
        assert {inv.subject_title for inv in invitations} == {"Quiet zips"}

        summary = shipped.shipped_summary(session, ids["idea"], viewer_id=ids["happy"])
        assert (summary.count, summary.average, summary.mine) == (2, 3.5, 5)
        # Those who rated have answered; a supporter who had not may still answer, once.
        idea = session.get(Idea, ids["idea"])
        happy, quiet = session.get(User, ids["happy"]), session.get(User, ids["quiet"])

        def rate(person, score):
            invitation = shipped.shipped_invitation(session, actor=person, idea=idea)
            return surveys.do_answer(session, actor=person, invitation=invitation, score=score)

        with pytest.raises(Conflict, match="already answered"):
            rate(happy, 1)
        session.rollback()
        rate(quiet, 4)
        session.commit()
        db.session.remove()

        downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT user_id, score, comment, channel FROM idea_ratings ORDER BY score")
            ).all()
            assert [tuple(r) for r in rows] == [
                (ids["unhappy"], 2, "", "api"),
                (ids["quiet"], 4, "", "web"),
                (ids["happy"], 5, "Finally", "web"),
            ]
            assert conn.scalar(select(func.count()).select_from(text("survey_responses"))) == 0
            assert "builtin" not in {c["name"] for c in inspect(conn).get_columns("surveys")}
        db.engine.dispose()
