"""Read the catalogue's YAML files, validate them, and turn them into plain records.

Each entry is validated on its own against its model in `schema`, then the entries
are checked against each other (`cross_checks`). Every problem is collected, not just the
first, as `file: entry: field: problem`, so an editor can fix a whole batch in one pass; any
problem at all raises `ContentError` and nothing is returned. Nothing here touches the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.catalogue.cross_checks import Entries, Read, cross_reference_problems, valid
from knowledge.catalogue.glossary import term_key
from knowledge.catalogue.problems import ContentError, Problem, validation_problems
from knowledge.catalogue.schema import (
    ActivityEntry,
    ArchetypeEntry,
    ArchetypeNeedsEntry,
    AreaEntry,
    GlossaryEntry,
    LexiconSections,
    OfferingEntry,
    RoleEntry,
    TierEntry,
)
from knowledge.engines.views import (
    Archetype,
    CapabilityArea,
    GlossaryTerm,
    Lexicon,
    LexiconEntry,
    Need,
    Offering,
    Persona,
    Question,
    Tier,
    screening_of,
)

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent / "content"
FILES = (
    "archetypes.yml",
    "capability_areas.yml",
    "needs.yml",
    "tiers.yml",
    "offerings.yml",
    "glossary.yml",
    "lexicon.yml",
)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster

__all__ = ["DEFAULT_CONTENT_DIR", "FILES", "Catalogue", "ContentError", "Problem",
           "read_catalogue", "summarise"]


@dataclass(frozen=True)
class Catalogue:
    archetypes: tuple[Archetype, ...]  # in their `order`
    areas: tuple[CapabilityArea, ...]
    area_sources: dict[str, tuple[str, ...]]
    needs: tuple[Need, ...]
    tiers: tuple[Tier, ...]
    tier_sources: dict[str, tuple[str, ...]]
    offerings: tuple[Offering, ...]
    offering_sources: dict[str, tuple[str, ...]]
    glossary: tuple[GlossaryTerm, ...]
    lexicon: Lexicon
    content_hash: str


def read_catalogue(content_dir: Path | str = DEFAULT_CONTENT_DIR) -> Catalogue:
    """Read and check every content file; raise ContentError listing all problems."""
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ContentError([Problem(str(content_dir), "folder", "not found")])
    problems: list[Problem] = []
    raw = {name: _load_yaml(content_dir / name, problems) for name in FILES}
    entries = Entries(
        archetypes=_read_list(raw, "archetypes.yml", ArchetypeEntry, "key", problems),
        areas=_read_list(raw, "capability_areas.yml", AreaEntry, "key", problems),
        needs=_read_list(raw, "needs.yml", ArchetypeNeedsEntry, "archetype", problems),
        tiers=_read_list(raw, "tiers.yml", TierEntry, "key", problems),
        offerings=_read_list(raw, "offerings.yml", OfferingEntry, "key", problems),
        glossary=_read_list(raw, "glossary.yml", GlossaryEntry, "term", problems, key=term_key),
        phrases=[],
        unread=frozenset(name for name, data in raw.items()
                         if not isinstance(data, dict if name == "lexicon.yml" else list)),
    )
    sections = _read_lexicon(raw["lexicon.yml"], entries.phrases, problems)
    problems += cross_reference_problems(entries)
    if problems:
        raise ContentError(problems)
    assert sections is not None  # a lexicon without problems has its sections
    return _catalogue(entries, sections, _content_hash(content_dir))


def _load_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(path.name, "file", "missing"))
        return None
    except UnicodeDecodeError as err:
        problems.append(Problem(path.name, "file", f"not UTF-8 text ({err.reason})"))
        return None
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        detail = getattr(err, "problem", None) or err
        problems.append(Problem(path.name, where, f"YAML syntax error: {detail}"))
        return None
    if data is None:
        problems.append(Problem(path.name, "file", "is empty"))
    return _text_keys(data)


def _text_keys(node: Any) -> Any:
    """YAML allows `3:` or `true:` as a key; field names and keys are text, so read them so."""
    if isinstance(node, dict):
        return {str(k): _text_keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_text_keys(v) for v in node]
    return node


def _read_list(
    raw: dict[str, Any],
    file: str,
    model: type[BaseModel],
    name_field: str,
    problems: list[Problem],
    key: Callable[[str], str] = str.strip,
) -> list[Read]:
    """Validate each entry of a file that holds a list of them."""
    data = raw[file]
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(file, "file", "expected a list of entries at the top level"))
        return []
    return [_read_entry(file, item, i, model, name_field, problems, key)
            for i, item in enumerate(data)]


def _read_entry(
    file: str,
    item: Any,
    index: int,
    model: type[BaseModel],
    name_field: str,
    problems: list[Problem],
    key: Callable[[str], str] = str.strip,
    section: str = "",
) -> Read:
    """Validate one entry; its problems are named by its key, else by its place in the file."""
    declared = item.get(name_field) if isinstance(item, dict) else None
    prefix = f"{section}/" if section else ""
    declared = prefix + key(declared) if isinstance(declared, str) and declared.strip() else None
    name = declared or f"{prefix}item {index + 1}"
    try:
        entry = model.parse_obj(item)
    except ValidationError as err:
        problems += validation_problems(file, name, item, model, err)
        entry = None
    return Read(name, declared, entry)


def _read_lexicon(
    data: Any, phrases: list[Read], problems: list[Problem]
) -> LexiconSections | None:
    file = "lexicon.yml"
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(
            Problem(file, "file", "expected a mapping with 'roles', 'activities' and 'ai_context'"))
        return None
    # The sections' shape first, then each phrase on its own so it is reported by name.
    try:
        sections = LexiconSections.parse_obj(data)
    except ValidationError as err:
        problems += validation_problems(file, "file", data, LexiconSections, err)
        sections = None
    for section, model in (("roles", RoleEntry), ("activities", ActivityEntry)):
        items = data.get(section)
        if isinstance(items, list):
            phrases += [
                _read_entry(file, item, i, model, "phrase", problems,
                            key=lambda p: p.strip().lower(), section=section)
                for i, item in enumerate(items)
            ]
    return sections


def _content_hash(content_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        digest.update((content_dir / name).read_bytes())
    return digest.hexdigest()


# --- from validated entries to the records the store and engines use -------------------------

def _catalogue(entries: Entries, sections: LexiconSections, content_hash: str) -> Catalogue:
    archetypes = sorted((_archetype(a) for _, a in valid(entries.archetypes)),
                        key=lambda a: a.order)
    areas = [a for _, a in valid(entries.areas)]
    tiers = sorted((t for _, t in valid(entries.tiers)), key=lambda t: t.order)
    offerings = [o for _, o in valid(entries.offerings)]
    return Catalogue(
        archetypes=tuple(archetypes),
        areas=tuple(CapabilityArea(**a.dict(exclude={"sources"})) for a in areas),
        area_sources={a.key: tuple(a.sources) for a in areas},
        needs=tuple(
            Need(spec.archetype, area, need.depth, need.why)
            for _, spec in valid(entries.needs) for area, need in spec.needs.items()
        ),
        tiers=tuple(Tier(**t.dict(exclude={"sources"})) for t in tiers),
        tier_sources={t.key: tuple(t.sources) for t in tiers},
        offerings=tuple(_offering(o) for o in offerings),
        offering_sources={o.key: tuple(o.sources) for o in offerings},
        glossary=tuple(
            GlossaryTerm(term=g.term, synonyms=tuple(g.synonyms), definition=g.definition,
                         why_it_matters=g.why_it_matters, related=tuple(g.related),
                         sources=tuple(g.sources))
            for _, g in valid(entries.glossary)
        ),
        lexicon=Lexicon(
            entries=tuple(_phrase(p) for _, p in valid(entries.phrases)),
            ai_context=tuple(w.lower() for w in sections.ai_context),
            screening=screening_of(archetypes),
        ),
        content_hash=content_hash,
    )


def _archetype(a: ArchetypeEntry) -> Archetype:
    personas = sorted(a.personas, key=lambda p: bool(p.staff_groups))  # the general one first
    return Archetype(
        key=a.key, name=a.name, summary=a.summary, description=a.description,
        responsibilities=tuple(a.responsibilities), example_roles=tuple(a.example_roles),
        works_with=dict(a.works_with),
        question=Question(archetype=a.key, text=a.question.text, why=a.question.why,
                          topic=a.question.topic, topic_no=a.question.topic_no),
        personas=tuple(
            Persona(title=p.title, ai_work=p.ai_work, learning_route=tuple(p.learning_route),
                    verified=p.verified, staff_groups=tuple(p.staff_groups), origin=p.origin)
            for p in personas
        ),
        verified=a.verified, sources=tuple(a.sources), order=a.order, prior=a.prior,
    )


def _offering(o: OfferingEntry) -> Offering:
    return Offering(
        key=o.key, title=o.title, provider=o.provider, tier=o.tier, format=o.format,
        delivery=o.delivery, level=o.level, duration=o.duration, cost=o.cost,
        cost_note=o.cost_note or "", url=o.url, summary=o.summary,
        archetypes=tuple(o.archetypes), areas=tuple(o.areas), last_reviewed=o.last_reviewed,
        verified=o.verified, competitive=o.competitive,
    )


def _phrase(p: ActivityEntry) -> LexiconEntry:
    role = isinstance(p, RoleEntry)
    return LexiconEntry(
        kind="role" if role else "activity",
        phrase=p.phrase.lower(),
        variants=tuple(v.lower() for v in p.variants),
        weights=dict(p.weights),
        clear=p.clear,
        group=p.group if role else None,
        employer=p.employer if role else False,
    )


def summarise(catalogue: Catalogue) -> str:
    return (
        f"{len(catalogue.archetypes)} archetypes, {len(catalogue.areas)} capability areas, "
        f"{len(catalogue.needs)} needs, {len(catalogue.tiers)} tiers, "
        f"{len(catalogue.offerings)} offerings, {len(catalogue.glossary)} glossary terms, "
        f"{len(catalogue.lexicon.entries)} lexicon phrases"
    )
