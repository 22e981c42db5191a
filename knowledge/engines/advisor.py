"""The engines bound to a catalogue snapshot: what callers use instead of wiring it themselves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.identify import identify as identify_with
from knowledge.engines.plan import plan as plan_with
from knowledge.engines.views import ArchetypeProfile, Plan


def identify(
    catalogue: CatalogueSnapshot, text: str, answers: Mapping[str, str] | None = None
) -> ArchetypeProfile:
    return identify_with(text, answers, lexicon=catalogue.compiled_lexicon)


def plan(
    catalogue: CatalogueSnapshot,
    archetypes: ArchetypeProfile | Sequence[str],
    level: str,
    focus: str | None = None,
    filters: Iterable[str] = (),
) -> Plan:
    return plan_with(archetypes, level, focus, store=catalogue, filters=filters)
