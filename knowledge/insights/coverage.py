"""Where the catalogue has nothing to offer: archetype x core area x level with no offering.

An offering covers a combination when it serves the archetype, covers the area and is at that
Capability Framework level. Editors use the gaps to add content before anyone asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.store import KnowledgeStore
from knowledge.views import ARCHETYPE_KEYS

LEVELS: tuple[int, ...] = (1, 2, 3, 4)


@dataclass(frozen=True, order=True)
class Gap:
    archetype: str
    area: str
    level: int


@dataclass(frozen=True)
class Coverage:
    gaps: tuple[Gap, ...]  # sorted by archetype, area, level
    checked: int  # combinations looked at
    core_pairs: int  # archetype x core area pairs


def covered(store: KnowledgeStore) -> set[tuple[str, str, int]]:
    """Every (archetype, area, level) at least one offering serves."""
    return {
        (archetype, area, offering.level)
        for offering in store.all_offerings()
        for archetype in offering.archetypes
        for area in offering.areas
    }


def core_areas(store: KnowledgeStore) -> dict[str, tuple[str, ...]]:
    """Each archetype's core capability area keys, sorted."""
    core: dict[str, list[str]] = {archetype: [] for archetype in ARCHETYPE_KEYS}
    for need in store.needs_for(ARCHETYPE_KEYS):
        if need.depth == "core":
            core[need.archetype].append(need.area)
    return {archetype: tuple(sorted(areas)) for archetype, areas in core.items()}


def find_gaps(store: KnowledgeStore) -> Coverage:
    have = covered(store)
    core = core_areas(store)
    gaps = sorted(
        Gap(archetype, area, level)
        for archetype, areas in core.items()
        for area in areas
        for level in LEVELS
        if (archetype, area, level) not in have
    )
    pairs = sum(len(areas) for areas in core.values())
    return Coverage(gaps=tuple(gaps), checked=pairs * len(LEVELS), core_pairs=pairs)
