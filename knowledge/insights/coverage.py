"""Where the catalogue has nothing to offer: archetype x core area x band with no offering.

A plan needs, for every core area of every archetype, something for people new to the area
(the foundation band, Capability Framework levels 1-2) and something for people ready to go
further (the advanced band, levels 3-4). An offering covers a combination when it serves the
archetype, covers the area and sits in that band. Editors use the gaps to add content before
anyone asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.views import ARCHETYPE_KEYS, LEVEL_BANDS, band_of

BANDS: tuple[str, ...] = tuple(LEVEL_BANDS)


@dataclass(frozen=True, order=True)
class Gap:
    archetype: str
    area: str
    band: str


@dataclass(frozen=True)
class Coverage:
    gaps: tuple[Gap, ...]  # sorted by archetype, area, then band in BANDS order
    checked: int  # combinations looked at
    core_pairs: int  # archetype x core area pairs


def covered(store: CatalogueSnapshot) -> set[tuple[str, str, int]]:
    """Every (archetype, area, level) at least one offering serves."""
    return {
        (archetype, area, offering.level)
        for offering in store.all_offerings()
        for archetype in offering.archetypes
        for area in offering.areas
    }


def covered_bands(store: CatalogueSnapshot) -> set[tuple[str, str, str]]:
    """Every (archetype, area, band) at least one offering serves."""
    return {(archetype, area, band_of(level)) for archetype, area, level in covered(store)}


def core_areas(store: CatalogueSnapshot) -> dict[str, tuple[str, ...]]:
    """Each archetype's core capability area keys, sorted."""
    core: dict[str, list[str]] = {archetype: [] for archetype in ARCHETYPE_KEYS}
    for need in store.needs_for(ARCHETYPE_KEYS):
        if need.depth == "core":
            core[need.archetype].append(need.area)
    return {archetype: tuple(sorted(areas)) for archetype, areas in core.items()}


def find_gaps(store: CatalogueSnapshot) -> Coverage:
    have = covered_bands(store)
    core = core_areas(store)
    gaps = tuple(
        Gap(archetype, area, band)
        for archetype in sorted(core)
        for area in core[archetype]
        for band in BANDS
        if (archetype, area, band) not in have
    )
    pairs = sum(len(areas) for areas in core.values())
    return Coverage(gaps=gaps, checked=pairs * len(BANDS), core_pairs=pairs)
