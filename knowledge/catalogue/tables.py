"""SQLAlchemy tables of the catalogue (1.4 with the 2.0-style API, as Rasa 3.6 pins 1.4)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class ArchetypeRow(Base):
    __tablename__ = "archetypes"

    key = Column(String(32), primary_key=True)
    name = Column(String(64), nullable=False)
    summary = Column(Text, nullable=False)
    description = Column(Text, nullable=False)
    responsibilities = Column(JSON, nullable=False)
    example_roles = Column(JSON, nullable=False)
    works_with = Column(JSON, nullable=False)
    question_text = Column(Text, nullable=False)
    question_why = Column(Text, nullable=False)
    question_topic = Column(Text, nullable=False)
    question_topic_no = Column(Text, nullable=False)
    position = Column(Integer, nullable=False)  # where it comes when archetypes are listed
    prior = Column(Float, nullable=False)  # orders screening questions
    personas = Column(JSON, nullable=False)  # a list, the general persona first
    verified = Column(Boolean, nullable=False)
    sources = Column(JSON, nullable=False)


class CapabilityAreaRow(Base):
    __tablename__ = "capability_areas"

    key = Column(String(64), primary_key=True)
    name = Column(String(128), nullable=False)
    kind = Column(String(32), nullable=False)
    parent_key = Column(String(64), ForeignKey("capability_areas.key"), nullable=True)
    ref = Column(String(16), nullable=True)
    layer = Column(String(32), nullable=True)
    description = Column(Text, nullable=False)
    verified = Column(Boolean, nullable=False)
    sources = Column(JSON, nullable=False)


class NeedRow(Base):
    __tablename__ = "needs"

    archetype_key = Column(String(32), ForeignKey("archetypes.key"), primary_key=True)
    area_key = Column(String(64), ForeignKey("capability_areas.key"), primary_key=True)
    depth = Column(String(16), nullable=False)
    why = Column(Text, nullable=False)

    __table_args__ = (Index("ix_needs_area", "area_key"),)


class TierRow(Base):
    __tablename__ = "tiers"

    key = Column(String(32), primary_key=True)
    position = Column(Integer, nullable=False)
    name = Column(String(128), nullable=False)
    description = Column(Text, nullable=False)
    delivered_by = Column(Text, nullable=False)
    sources = Column(JSON, nullable=False)


class OfferingRow(Base):
    __tablename__ = "offerings"

    key = Column(String(64), primary_key=True)
    title = Column(String(256), nullable=False)
    provider = Column(String(256), nullable=False)
    tier_key = Column(String(32), ForeignKey("tiers.key"), nullable=False)
    format = Column(Text, nullable=False)
    delivery = Column(String(16), nullable=False)
    level = Column(Integer, nullable=False)
    duration = Column(Text, nullable=False)
    cost = Column(String(16), nullable=False)
    cost_note = Column(Text, nullable=False)
    url = Column(String(1024), nullable=False)
    summary = Column(Text, nullable=False)
    last_reviewed = Column(Date, nullable=False)
    verified = Column(Boolean, nullable=False)
    competitive = Column(Boolean, nullable=False, default=False)
    sources = Column(JSON, nullable=False)

    __table_args__ = (Index("ix_offerings_tier_level", "tier_key", "level"),)


class OfferingArchetypeRow(Base):
    __tablename__ = "offering_archetypes"

    offering_key = Column(String(64), ForeignKey("offerings.key"), primary_key=True)
    archetype_key = Column(String(32), ForeignKey("archetypes.key"), primary_key=True)

    __table_args__ = (Index("ix_offering_archetypes_archetype", "archetype_key"),)


class OfferingAreaRow(Base):
    __tablename__ = "offering_areas"

    offering_key = Column(String(64), ForeignKey("offerings.key"), primary_key=True)
    area_key = Column(String(64), ForeignKey("capability_areas.key"), primary_key=True)

    __table_args__ = (Index("ix_offering_areas_area", "area_key"),)


class GlossaryTermRow(Base):
    __tablename__ = "glossary_terms"

    key = Column(String(128), primary_key=True)  # the normalised term
    term = Column(String(128), nullable=False)
    synonyms = Column(JSON, nullable=False)
    definition = Column(Text, nullable=False)
    why_it_matters = Column(Text, nullable=False)
    related = Column(JSON, nullable=False)
    sources = Column(JSON, nullable=False)


class GlossaryAliasRow(Base):
    """Every normalised spelling (term, synonyms, singulars) that finds a term."""

    __tablename__ = "glossary_aliases"

    alias = Column(String(128), primary_key=True)
    term_key = Column(String(128), ForeignKey("glossary_terms.key"), nullable=False)


class LexiconEntryRow(Base):
    __tablename__ = "lexicon_entries"

    id = Column(Integer, primary_key=True, autoincrement=False)
    kind = Column(String(16), nullable=False)
    phrase = Column(String(256), nullable=False)
    variants = Column(JSON, nullable=False)
    weights = Column(JSON, nullable=False)
    clear = Column(Boolean, nullable=False)
    staff_group = Column(String(64), nullable=True)
    employer = Column(Boolean, nullable=False, default=False)

    __table_args__ = (Index("ix_lexicon_phrase", "phrase"),)


class LexiconContextWordRow(Base):
    __tablename__ = "lexicon_context_words"

    word = Column(String(128), primary_key=True)


class CatalogueMetaRow(Base):
    """Facts about the loaded catalogue, such as a hash of its content."""

    __tablename__ = "catalogue_meta"

    name = Column(String(64), primary_key=True)
    value = Column(Text, nullable=False)


CATALOGUE_TABLES = [
    # children first, so deleting in this order respects foreign keys
    OfferingAreaRow,
    OfferingArchetypeRow,
    OfferingRow,
    NeedRow,
    GlossaryAliasRow,
    GlossaryTermRow,
    LexiconEntryRow,
    LexiconContextWordRow,
    TierRow,
    CapabilityAreaRow,
    ArchetypeRow,
    CatalogueMetaRow,
]

