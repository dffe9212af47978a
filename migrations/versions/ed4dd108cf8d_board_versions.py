"""board versions: boards.version, raised by triggers when a board or its tags change

Workers keep each board as its page shows it and check it against this version on every page
(cocreate/ideas/board_versions.py). The database raises it itself, however the change is made.
A later migration that rebuilds `boards` or `tags` on SQLite (batch mode copies the table) must
install the triggers again.

Revision ID: ed4dd108cf8d
Revises: f2a8b16a933a
Create Date: 2026-12-06 05:27:39.273149

"""
from alembic import op
import sqlalchemy as sa

from cocreate.ideas import board_versions


# revision identifiers, used by Alembic.
revision = 'ed4dd108cf8d'
down_revision = 'f2a8b16a933a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('boards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.BigInteger(), server_default='0', nullable=False))
    bind = op.get_bind()
    first = board_versions.FIRST_VERSION_POSTGRESQL if bind.dialect.name == "postgresql" else board_versions.FIRST_VERSION_SQLITE
    op.execute(f"UPDATE boards SET version = {first}")
    board_versions.install(bind)


def downgrade():
    board_versions.remove(op.get_bind())
    # SQLite drops a column in place (3.35+): batch mode would copy the table, and dropping the old copy
    # sets points_ledger.board_id to NULL, which that append-only table refuses.
    op.execute("ALTER TABLE boards DROP COLUMN version")
