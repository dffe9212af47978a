"""a person's picture

Revision ID: e49bed98e8e5
Revises: 2fff7d817f46
Create Date: 2026-12-07 21:32:24.498368

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e49bed98e8e5'
down_revision = '2fff7d817f46'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('avatar', sa.String(length=40), nullable=True))


def downgrade():
    # In place on both databases (SQLite 3.35+): batch mode would copy users, and dropping the old copy
    # cascades into points_ledger, which is append-only.
    op.execute("ALTER TABLE users DROP COLUMN avatar")
