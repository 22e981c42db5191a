"""Profiles of returning people, keyed by a hash that never exposes a channel's user id.

Revision ID: 0002_people
Revises: 0001_catalogue
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_people"
down_revision = "0001_catalogue"
branch_labels = ("people",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_profiles",
        sa.Column("person_id", sa.String(64), primary_key=True),
        sa.Column("archetypes", sa.JSON),
        sa.Column("profile", sa.JSON),
        sa.Column("familiarity", sa.String(16)),
        sa.Column("plan", sa.JSON),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_person_profiles_updated_at", "person_profiles", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_person_profiles_updated_at", table_name="person_profiles")
    op.drop_table("person_profiles")
