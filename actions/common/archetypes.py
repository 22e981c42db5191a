"""Find the archetypes a message names, by NLU entity or by name in the text."""

from __future__ import annotations

import re

from rasa_sdk import Tracker

from actions.common import state
from knowledge.snapshot import CatalogueSnapshot
from knowledge.views import Archetype

NAMES = re.compile(r"\b(shaper|driver|creator|embedder|user)s?\b", re.IGNORECASE)


def archetypes_named(tracker: Tracker, store: CatalogueSnapshot) -> list[Archetype]:
    """Archetypes in order of mention, without repeats."""
    text_keys = [f"{m.group(1).lower()}s" for m in NAMES.finditer(state.latest_text(tracker))]
    keys = dict.fromkeys([*text_keys, *state.entity_values(tracker, "archetype")])
    found = [store.archetype(k) for k in keys]
    return [a for a in found if a is not None]
