"""the shipped rating becomes a built-in CSAT survey

The one question after shipping ("How well does what shipped solve it for you?", 1-5) was its own table,
idea_ratings. It is now a survey like the team's own, marked builtin = 'shipped': each rating becomes an
answered invitation and its answer, and the table goes. Downgrade moves the answers back.

Revision ID: f2a8b16a933a
Revises: 7cbf14cf650d
Create Date: 2026-12-03 09:31:05.382001

"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa

import cocreate.db


# revision identifiers, used by Alembic.
revision = 'f2a8b16a933a'
down_revision = '7cbf14cf650d'
branch_labels = None
depends_on = None

QUESTION = "How well does what shipped solve it for you?"
SUBJECT = "'idea:' || CAST(r.idea_id AS VARCHAR(20))"


def upgrade():
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('builtin', sa.String(length=20), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_surveys_builtin'), ['builtin'])

    conn = op.get_bind()
    surveys = sa.table(
        'surveys',
        sa.column('kind', sa.String), sa.column('moment', sa.String), sa.column('question', sa.String),
        sa.column('active', sa.Boolean), sa.column('builtin', sa.String),
        sa.column('created_at', cocreate.db.UTCDateTime(timezone=True)),
    )
    conn.execute(surveys.insert().values(
        kind='csat', moment='shipped', question=QUESTION, active=True, builtin='shipped',
        created_at=datetime.now(UTC),
    ))
    survey_id = conn.execute(sa.text("SELECT id FROM surveys WHERE builtin = 'shipped'")).scalar_one()
    conn.execute(sa.text(f"""
        INSERT INTO survey_invitations (survey_id, user_id, subject, subject_title, created_at, answered_at)
        SELECT :survey, r.user_id, {SUBJECT}, SUBSTR(i.title, 1, 200), r.created_at, r.created_at
        FROM idea_ratings r JOIN ideas i ON i.id = r.idea_id
    """), {"survey": survey_id})
    conn.execute(sa.text(f"""
        INSERT INTO survey_responses
            (survey_id, invitation_id, user_id, subject, score, comment, created_at, channel, via)
        SELECT :survey, v.id, r.user_id, v.subject, r.score, r.comment, r.created_at, r.channel, ''
        FROM idea_ratings r JOIN survey_invitations v
          ON v.survey_id = :survey AND v.user_id = r.user_id AND v.subject = {SUBJECT}
    """), {"survey": survey_id})

    with op.batch_alter_table('idea_ratings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_ratings_idea'))
    op.drop_table('idea_ratings')


def downgrade():
    op.create_table('idea_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('created_at', cocreate.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_idea_ratings_score_range')),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_ratings_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_idea_ratings_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_ratings')),
    sa.UniqueConstraint('idea_id', 'user_id', name=op.f('uq_idea_ratings_idea_id_user_id'))
    )
    with op.batch_alter_table('idea_ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_ratings_idea'), ['idea_id', 'score'], unique=False)

    conn = op.get_bind()
    builtin = "SELECT id FROM surveys WHERE builtin = 'shipped'"
    conn.execute(sa.text(f"""
        INSERT INTO idea_ratings (idea_id, user_id, score, comment, channel, created_at)
        SELECT CAST(SUBSTR(a.subject, 6) AS INTEGER), a.user_id, a.score, a.comment, a.channel, a.created_at
        FROM survey_responses a
        WHERE a.survey_id IN ({builtin}) AND a.subject LIKE 'idea:%' AND a.user_id IS NOT NULL
          AND a.score BETWEEN 1 AND 5
          AND CAST(SUBSTR(a.subject, 6) AS INTEGER) IN (SELECT id FROM ideas)
    """))
    for table in ("survey_responses", "survey_invitations"):
        conn.execute(sa.text(f"DELETE FROM {table} WHERE survey_id IN ({builtin})"))
    conn.execute(sa.text("DELETE FROM surveys WHERE builtin = 'shipped'"))

    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_surveys_builtin'), type_='unique')
        batch_op.drop_column('builtin')
