"""Write a validated catalogue to the database in one transaction.

The catalogue tables are replaced wholesale, so loading the same content twice gives the same
database, and a failure part-way leaves the previous content untouched.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, insert
from sqlalchemy.engine import Connection, Engine

from knowledge.catalogue import tables as m
from knowledge.catalogue.glossary import aliases_for, key_forms, term_key
from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR, Catalogue, read_catalogue
from knowledge.storage.migrate import upgrade


def load(engine: Engine, content_dir: Path | str = DEFAULT_CONTENT_DIR) -> Catalogue:
    """Validate the content, migrate the schema, then replace the catalogue atomically."""
    catalogue = read_catalogue(content_dir)  # raises ContentError before any write
    upgrade(engine)
    with engine.begin() as conn:
        write_catalogue(conn, catalogue)
    return catalogue


def write_catalogue(conn: Connection, catalogue: Catalogue) -> None:
    for table in m.CATALOGUE_TABLES:
        conn.execute(delete(table))
    _insert(conn, m.ArchetypeRow, [
        {
            "key": a.key, "name": a.name, "summary": a.summary, "description": a.description,
            "responsibilities": list(a.responsibilities), "example_roles": list(a.example_roles),
            "works_with": a.works_with, "question_text": a.question.text,
            "question_why": a.question.why, "question_topic": a.question.topic,
            "question_topic_no": a.question.topic_no, "position": a.order, "prior": a.prior,
            "personas": [
                {
                    "title": p.title, "ai_work": p.ai_work,
                    "learning_route": list(p.learning_route), "verified": p.verified,
                    "staff_groups": list(p.staff_groups), "origin": p.origin,
                }
                for p in a.personas
            ],
            "verified": a.verified, "sources": list(a.sources),
        }
        for a in catalogue.archetypes
    ])
    # parents before children for the self-referencing foreign key
    areas = sorted(catalogue.areas, key=lambda a: a.parent is not None)
    _insert(conn, m.CapabilityAreaRow, [
        {
            "key": a.key, "name": a.name, "kind": a.kind, "parent_key": a.parent, "ref": a.ref,
            "layer": a.layer, "description": a.description, "verified": a.verified,
            "sources": list(catalogue.area_sources.get(a.key, ())),
        }
        for a in areas
    ])
    _insert(conn, m.NeedRow, [
        {"archetype_key": n.archetype, "area_key": n.area, "depth": n.depth, "why": n.why}
        for n in catalogue.needs
    ])
    _insert(conn, m.TierRow, [
        {
            "key": t.key, "position": t.order, "name": t.name, "description": t.description,
            "delivered_by": t.delivered_by, "sources": list(catalogue.tier_sources[t.key]),
        }
        for t in catalogue.tiers
    ])
    _insert(conn, m.OfferingRow, [
        {
            "key": o.key, "title": o.title, "provider": o.provider, "tier_key": o.tier,
            "format": o.format, "delivery": o.delivery, "level": o.level,
            "duration": o.duration, "cost": o.cost, "cost_note": o.cost_note, "url": o.url,
            "summary": o.summary, "last_reviewed": o.last_reviewed, "verified": o.verified,
            "competitive": o.competitive,
            "sources": list(catalogue.offering_sources[o.key]),
        }
        for o in catalogue.offerings
    ])
    _insert(conn, m.OfferingArchetypeRow, [
        {"offering_key": o.key, "archetype_key": a}
        for o in catalogue.offerings for a in dict.fromkeys(o.archetypes)
    ])
    _insert(conn, m.OfferingAreaRow, [
        {"offering_key": o.key, "area_key": a}
        for o in catalogue.offerings for a in dict.fromkeys(o.areas)
    ])
    _insert(conn, m.GlossaryTermRow, [
        {
            "key": term_key(g.term), "term": g.term, "synonyms": list(g.synonyms),
            "definition": g.definition, "why_it_matters": g.why_it_matters,
            "related": list(g.related), "sources": list(g.sources),
        }
        for g in catalogue.glossary
    ])
    _insert(conn, m.GlossaryAliasRow, [
        {"alias": alias, "term_key": owner} for alias, owner in _alias_rows(catalogue).items()
    ])
    _insert(conn, m.LexiconEntryRow, [
        {
            "id": i, "kind": e.kind, "phrase": e.phrase, "variants": list(e.variants),
            "weights": e.weights, "clear": e.clear, "staff_group": e.group,
            "employer": e.employer,
        }
        for i, e in enumerate(catalogue.lexicon.entries, start=1)
    ])
    _insert(conn, m.LexiconContextWordRow, [
        {"word": w} for w in dict.fromkeys(catalogue.lexicon.ai_context)
    ])
    _insert(conn, m.CatalogueMetaRow, [
        {"name": "content_hash", "value": catalogue.content_hash},
    ])


def _alias_rows(catalogue: Catalogue) -> dict[str, str]:
    """Exact spellings first, then plural/singular variants where no other term claims them."""
    rows: dict[str, str] = {}
    for g in catalogue.glossary:
        for alias in aliases_for(g.term, g.synonyms):
            rows[alias] = term_key(g.term)
    for g in catalogue.glossary:
        for alias in aliases_for(g.term, g.synonyms):
            for form in key_forms(alias)[1:]:
                rows.setdefault(form, term_key(g.term))
    return rows


def _insert(conn: Connection, table: type, rows: list[dict]) -> None:
    if rows:
        conn.execute(insert(table), rows)
