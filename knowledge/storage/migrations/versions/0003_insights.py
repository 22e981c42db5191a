"""Anonymous demand events for educators' insights (a branch of its own off the catalogue).

The table is written here rather than from knowledge.insights.events so the migration keeps the
shape it had when it was written. On SQLite it has no rowid: rows are stored in order of their
random id, so storage order cannot hint at when an event happened.

Revision ID: 0003_insights
Revises: 0001_catalogue
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_insights"
down_revision = "0001_catalogue"
branch_labels = ("insights",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "insight_events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("archetypes", sa.JSON, nullable=False),
        sa.Column("level", sa.String(16), nullable=True),
        sa.Column("areas", sa.JSON, nullable=False),
        sa.Column("offerings", sa.JSON, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_insight_events_month_kind", "insight_events", ["month", "kind"])


def downgrade() -> None:
    op.drop_index("ix_insight_events_month_kind", table_name="insight_events")
    op.drop_table("insight_events")
