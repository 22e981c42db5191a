"""Job titles in the lexicon carry a staff group, and employers' names are marked as such.

Revision ID: 0007_lexicon_group
Revises: 0004_catalogue_fields
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_lexicon_group"
down_revision = "0004_catalogue_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("lexicon_entries", sa.Column("staff_group", sa.String(64), nullable=True))
    op.add_column("lexicon_entries", sa.Column("employer", sa.Boolean, nullable=False,
                                               server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("lexicon_entries") as batch:
        batch.drop_column("staff_group")
        batch.drop_column("employer")
