"""Archetypes carry their own numbers and words for screening: list position, prior and the
topic their question asks, which used to be constants in the identification engine.

Revision ID: 0008_archetype_numbers
Revises: 0007_lexicon_group
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_archetype_numbers"
down_revision = "0007_lexicon_group"
branch_labels = None
depends_on = None

# Rows loaded before this revision get placeholders; `knowledge load` replaces every row.
COLUMNS = (
    ("question_topic", sa.Text, "''"),
    ("question_topic_no", sa.Text, "''"),
    ("position", sa.Integer, "0"),
    ("prior", sa.Float, "0"),
)


def upgrade() -> None:
    for name, kind, default in COLUMNS:
        op.add_column("archetypes", sa.Column(name, kind, nullable=False,
                                              server_default=sa.text(default)))


def downgrade() -> None:
    with op.batch_alter_table("archetypes") as batch:
        for name, _, _ in reversed(COLUMNS):
            batch.drop_column(name)
