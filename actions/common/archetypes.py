"""Find the archetypes a message names, by NLU entity or by name in the text."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.common import state
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.text import archetype_names
from knowledge.engines.views import Archetype


def archetypes_named(tracker: Tracker, store: CatalogueSnapshot) -> list[Archetype]:
    """Archetypes in order of mention, without repeats."""
    text_keys = archetype_names(state.latest_text(tracker))
    keys = dict.fromkeys([*text_keys, *state.entity_values(tracker, "archetype")])
    found = [store.archetype(k) for k in keys]
    return [a for a in found if a is not None]
