"""event log without its name index

Nothing reads the event log by name on a request, and every vote, comment and review wrote one more
page to keep the index (a vote wrote 12.7 pages to SQLite's WAL, the index one of them).

Revision ID: 408db5622183
Revises: ed4dd108cf8d
Create Date: 2026-12-06 06:40:12.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '408db5622183'
down_revision = 'ed4dd108cf8d'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_event_log_name_id', table_name='event_log')


def downgrade():
    op.create_index('ix_event_log_name_id', 'event_log', ['name', 'id'], unique=False)
