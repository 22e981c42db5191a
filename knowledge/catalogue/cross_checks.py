"""The catalogue rules no single entry can check: references between entries and files resolve,
keys are unique, and every archetype has something to recommend at every tier a plan shows.

They run on every entry that passed its model; a key declared by an entry with problems of its
own still counts as known, so one broken entry is reported once, not again by every reference.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from knowledge.catalogue.glossary import aliases_for, term_key
from knowledge.catalogue.problems import Problem
from knowledge.catalogue.schema import (
    ActivityEntry,
    ArchetypeEntry,
    ArchetypeNeedsEntry,
    AreaEntry,
    GlossaryEntry,
    OfferingEntry,
)
from knowledge.engines.views import ARCHETYPE_KEYS

# Tiers a plan offers whatever the archetype (product-specific training is for some only).
TIERS_FOR_EVERYONE = ("foundation", "specialist", "cpd")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Read(Generic[M]):
    """One entry as read from its file."""

    name: str  # how problems name the entry: its key, or "item 3"
    key: str | None  # the key it declares, whether or not the entry is valid
    entry: M | None  # the validated entry; None when it has problems of its own


def valid(reads: Iterable[Read[M]]) -> Iterator[tuple[str, M]]:
    return ((r.name, r.entry) for r in reads if r.entry is not None)


def _keys(reads: Iterable[Read]) -> set[str]:
    return {r.key for r in reads if r.key is not None}


@dataclass(frozen=True)
class Entries:
    archetypes: list[Read[ArchetypeEntry]]
    areas: list[Read[AreaEntry]]
    needs: list[Read[ArchetypeNeedsEntry]]
    tiers: list[Read]
    offerings: list[Read[OfferingEntry]]
    glossary: list[Read[GlossaryEntry]]
    phrases: list[Read[ActivityEntry]]  # roles and activities
    unread: frozenset[str]  # files that could not be read: references to them are not judged


def cross_reference_problems(entries: Entries) -> list[Problem]:
    problems: list[Problem] = []
    for file, reads, what in (
        ("archetypes.yml", entries.archetypes, "archetype key"),
        ("capability_areas.yml", entries.areas, "area key"),
        ("needs.yml", entries.needs, "archetype"),
        ("tiers.yml", entries.tiers, "tier key"),
        ("offerings.yml", entries.offerings, "offering key"),
        ("glossary.yml", entries.glossary, "glossary term"),
        ("lexicon.yml", entries.phrases, "lexicon phrase"),
    ):
        problems += _duplicates(file, reads, what)
    problems += _archetype_problems(entries.archetypes)
    area_keys = None if "capability_areas.yml" in entries.unread else _keys(entries.areas)
    tier_keys = None if "tiers.yml" in entries.unread else _keys(entries.tiers)
    problems += [
        Problem("capability_areas.yml", name, f"names unknown area '{area.parent}'", "parent")
        for name, area in valid(entries.areas)
        if area_keys is not None and area.parent and area.parent not in area_keys
    ]
    if area_keys is not None:
        problems += _needs_problems(entries.needs, area_keys)
    problems += _offering_problems(entries.offerings, area_keys, tier_keys)
    problems += _glossary_problems(entries.glossary)
    problems += [
        Problem("lexicon.yml", name, f"names unknown archetype '{key}'", "weights")
        for name, phrase in valid(entries.phrases) for key in phrase.weights
        if key not in ARCHETYPE_KEYS
    ]
    return problems


def _duplicates(file: str, reads: list[Read], what: str) -> list[Problem]:
    counts = Counter(r.key for r in reads if r.key is not None)
    return [Problem(file, key, f"duplicate {what}") for key, n in counts.items() if n > 1]


def _archetype_problems(reads: list[Read[ArchetypeEntry]]) -> list[Problem]:
    file = "archetypes.yml"
    problems = [
        Problem(file, name, f"names unknown archetype '{other}'", "works_with")
        for name, archetype in valid(reads) for other in archetype.works_with
        if other not in ARCHETYPE_KEYS
    ]
    missing = set(ARCHETYPE_KEYS) - _keys(reads)
    if missing:
        problems.append(Problem(file, "file", f"missing archetypes: {', '.join(sorted(missing))}"))
    orders = Counter(archetype.order for _, archetype in valid(reads))
    problems += [
        Problem(file, name, f"shares 'order' {archetype.order} with another archetype", "order")
        for name, archetype in valid(reads) if orders[archetype.order] > 1
    ]
    return problems


def _needs_problems(reads: list[Read[ArchetypeNeedsEntry]], area_keys: set[str]) -> list[Problem]:
    file = "needs.yml"
    problems: list[Problem] = []
    for name, spec in valid(reads):
        if spec.archetype not in ARCHETYPE_KEYS:
            problems.append(Problem(file, name, f"names unknown archetype '{spec.archetype}'",
                                    "archetype"))
        problems += [Problem(file, name, f"names unknown capability area '{area}'", "needs")
                     for area in spec.needs if area not in area_keys]
        problems += [Problem(file, name, f"no need given for area '{area}'")
                     for area in sorted(area_keys - set(spec.needs))]
    problems += [Problem(file, archetype, "no needs given for this archetype")
                 for archetype in ARCHETYPE_KEYS if archetype not in _keys(reads)]
    if any(r.entry is None for r in reads):
        return problems  # what is needed is judged once every archetype's needs read cleanly
    needed = {area for _, spec in valid(reads)
              for area, need in spec.needs.items() if need.depth != "awareness"}
    problems += [Problem(file, area, "no archetype needs this area beyond awareness")
                 for area in sorted(area_keys - needed)]
    return problems


def _offering_problems(
    reads: list[Read[OfferingEntry]], area_keys: set[str] | None, tier_keys: set[str] | None
) -> list[Problem]:
    """References to areas and tiers (None: that file could not be read), and reachability."""
    file = "offerings.yml"
    problems: list[Problem] = []
    for name, offering in valid(reads):
        if tier_keys is not None and offering.tier not in tier_keys:
            problems.append(Problem(file, name, f"names unknown tier '{offering.tier}'", "tier"))
        problems += [
            Problem(file, name, f"names unknown archetype '{key}'", f"archetypes[{i}]")
            for i, key in enumerate(offering.archetypes, 1) if key not in ARCHETYPE_KEYS
        ]
        problems += [
            Problem(file, name, f"names unknown capability area '{key}'", f"areas[{i}]")
            for i, key in enumerate(offering.areas, 1)
            if area_keys is not None and key not in area_keys
        ]
    if tier_keys is None or any(r.entry is None for r in reads):
        return problems  # reachability is judged once every offering reads cleanly
    offerings = [offering for _, offering in valid(reads)]
    for archetype in ARCHETYPE_KEYS:
        for tier in TIERS_FOR_EVERYONE:
            if not any(o.tier == tier and archetype in o.archetypes for o in offerings):
                problems.append(
                    Problem(file, archetype, f"no {tier}-tier offering serves this archetype"))
    return problems


def _glossary_problems(reads: list[Read[GlossaryEntry]]) -> list[Problem]:
    file = "glossary.yml"
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for _, term in valid(reads):
        for alias in aliases_for(term.term, term.synonyms):
            if owners.setdefault(alias, term.term) != term.term:
                problems.append(Problem(file, term.term,
                                        f"synonym '{alias}' also belongs to '{owners[alias]}'"))
    known = _keys(reads)
    problems += [
        Problem(file, name, f"names unknown term '{other}'", "related")
        for name, term in valid(reads) for other in term.related if term_key(other) not in known
    ]
    return problems
