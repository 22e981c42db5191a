"""Feedback on plans in the anonymous insights: one answer from a fixed list per event.

`usefulness` is set on "plan_rated" events and `reason` on "reason_given" events; both stay
empty on every other kind, so existing rows need no change.

Revision ID: 0006_insights_feedback
Revises: 0003_insights
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_insights_feedback"
down_revision = "0003_insights"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("insight_events", sa.Column("usefulness", sa.String(16), nullable=True))
    op.add_column("insight_events", sa.Column("reason", sa.String(32), nullable=True))


def downgrade() -> None:
    # SQLite before 3.35 cannot drop a column: batch mode copies the table instead
    with op.batch_alter_table("insight_events") as batch:
        batch.drop_column("reason")
        batch.drop_column("usefulness")
