"""the home page's reads: trending ideas across boards, what shipped lately

Revision ID: a7c3e1f4b902
Revises: e49bed98e8e5
Create Date: 2026-12-07 22:55:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a7c3e1f4b902'
down_revision = 'e49bed98e8e5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_ideas_trending', 'ideas', ['trend_score', 'vote_count', 'id'])
    op.create_index(
        'ix_idea_status_changes_new_created', 'idea_status_changes', ['new_status', 'created_at', 'id']
    )


def downgrade():
    op.drop_index('ix_idea_status_changes_new_created', table_name='idea_status_changes')
    op.drop_index('ix_ideas_trending', table_name='ideas')
