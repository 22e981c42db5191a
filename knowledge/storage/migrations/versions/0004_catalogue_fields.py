"""Catalogue fields for plans: several personas per archetype, competitive funded places.

An archetype's single `persona` becomes a list, `personas`, so a persona can be written for a
staff group; offerings gain `competitive` so a plan can tell free options from funded places
won by application. Both tables are refilled by every `knowledge load`.

Revision ID: 0004_catalogue_fields
Revises: 0001_catalogue
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_catalogue_fields"
down_revision = "0001_catalogue"
branch_labels = ("catalogue_fields",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("archetypes") as batch:
        batch.alter_column("persona", new_column_name="personas", existing_type=sa.JSON,
                           existing_nullable=False)
    with op.batch_alter_table("offerings") as batch:
        batch.add_column(
            sa.Column("competitive", sa.Boolean, nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("offerings") as batch:
        batch.drop_column("competitive")
    with op.batch_alter_table("archetypes") as batch:
        batch.alter_column("personas", new_column_name="persona", existing_type=sa.JSON,
                           existing_nullable=False)
