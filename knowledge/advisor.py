"""The engines bound to a store: what callers use instead of wiring the lexicon themselves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from knowledge.identify import compile_lexicon
from knowledge.identify import identify as identify_with
from knowledge.plan import plan as plan_with
from knowledge.store import KnowledgeStore
from knowledge.views import ArchetypeProfile, Plan


def identify(
    store: KnowledgeStore, text: str, answers: Mapping[str, str] | None = None
) -> ArchetypeProfile:
    lexicon = store.cached("compiled_lexicon", lambda: compile_lexicon(store.lexicon()))
    return identify_with(text, answers, lexicon=lexicon)


def plan(
    store: KnowledgeStore,
    archetypes: ArchetypeProfile | Sequence[str],
    level: str,
    focus: str | None = None,
    filters: Iterable[str] = (),
) -> Plan:
    return plan_with(archetypes, level, focus, store=store, filters=filters)
