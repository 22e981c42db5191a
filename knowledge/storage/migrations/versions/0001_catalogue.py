"""The curated catalogue: archetypes, areas, needs, tiers, offerings, glossary, lexicon.

Revision ID: 0001_catalogue
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_catalogue"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "archetypes",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("responsibilities", sa.JSON, nullable=False),
        sa.Column("example_roles", sa.JSON, nullable=False),
        sa.Column("works_with", sa.JSON, nullable=False),
        sa.Column("question_text", sa.Text, nullable=False),
        sa.Column("question_why", sa.Text, nullable=False),
        sa.Column("persona", sa.JSON, nullable=False),
        sa.Column("verified", sa.Boolean, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
    )
    op.create_table(
        "capability_areas",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("parent_key", sa.String(64), sa.ForeignKey("capability_areas.key")),
        sa.Column("ref", sa.String(16)),
        sa.Column("layer", sa.String(32)),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("verified", sa.Boolean, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
    )
    op.create_table(
        "needs",
        sa.Column(
            "archetype_key", sa.String(32), sa.ForeignKey("archetypes.key"), primary_key=True
        ),
        sa.Column(
            "area_key", sa.String(64), sa.ForeignKey("capability_areas.key"), primary_key=True
        ),
        sa.Column("depth", sa.String(16), nullable=False),
        sa.Column("why", sa.Text, nullable=False),
    )
    op.create_index("ix_needs_area", "needs", ["area_key"])
    op.create_table(
        "tiers",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("delivered_by", sa.Text, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
    )
    op.create_table(
        "offerings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("title", sa.String(256), nullable=False),
        sa.Column("provider", sa.String(256), nullable=False),
        sa.Column("tier_key", sa.String(32), sa.ForeignKey("tiers.key"), nullable=False),
        sa.Column("format", sa.Text, nullable=False),
        sa.Column("delivery", sa.String(16), nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("duration", sa.Text, nullable=False),
        sa.Column("cost", sa.String(16), nullable=False),
        sa.Column("cost_note", sa.Text, nullable=False),
        sa.Column("url", sa.String(1024), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("last_reviewed", sa.Date, nullable=False),
        sa.Column("verified", sa.Boolean, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
    )
    op.create_index("ix_offerings_tier_level", "offerings", ["tier_key", "level"])
    op.create_table(
        "offering_archetypes",
        sa.Column("offering_key", sa.String(64), sa.ForeignKey("offerings.key"), primary_key=True),
        sa.Column(
            "archetype_key", sa.String(32), sa.ForeignKey("archetypes.key"), primary_key=True
        ),
    )
    op.create_index(
        "ix_offering_archetypes_archetype", "offering_archetypes", ["archetype_key"]
    )
    op.create_table(
        "offering_areas",
        sa.Column("offering_key", sa.String(64), sa.ForeignKey("offerings.key"), primary_key=True),
        sa.Column(
            "area_key", sa.String(64), sa.ForeignKey("capability_areas.key"), primary_key=True
        ),
    )
    op.create_index("ix_offering_areas_area", "offering_areas", ["area_key"])
    op.create_table(
        "glossary_terms",
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("term", sa.String(128), nullable=False),
        sa.Column("synonyms", sa.JSON, nullable=False),
        sa.Column("definition", sa.Text, nullable=False),
        sa.Column("why_it_matters", sa.Text, nullable=False),
        sa.Column("related", sa.JSON, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
    )
    op.create_table(
        "glossary_aliases",
        sa.Column("alias", sa.String(128), primary_key=True),
        sa.Column(
            "term_key", sa.String(128), sa.ForeignKey("glossary_terms.key"), nullable=False
        ),
    )
    op.create_table(
        "lexicon_entries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("phrase", sa.String(256), nullable=False),
        sa.Column("variants", sa.JSON, nullable=False),
        sa.Column("weights", sa.JSON, nullable=False),
        sa.Column("clear", sa.Boolean, nullable=False),
    )
    op.create_index("ix_lexicon_phrase", "lexicon_entries", ["phrase"])
    op.create_table(
        "lexicon_context_words",
        sa.Column("word", sa.String(128), primary_key=True),
    )
    op.create_table(
        "catalogue_meta",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "catalogue_meta",
        "lexicon_context_words",
        "lexicon_entries",
        "glossary_aliases",
        "glossary_terms",
        "offering_areas",
        "offering_archetypes",
        "offerings",
        "tiers",
        "needs",
        "capability_areas",
        "archetypes",
    ):
        op.drop_table(table)
