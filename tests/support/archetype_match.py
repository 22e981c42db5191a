"""The match a channel should show for a role description: worked out by the engine from the
same content the servers load, and worded as the card words it, so channel tests check the
drawing, not a score the identification engine happened to give when the test was written."""

from __future__ import annotations

from functools import cache

from actions.common.render import archetype_card
from knowledge.catalogue.offline import memory_store
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.advisor import identify
from knowledge.engines.screening import settle


@cache
def _snapshot() -> CatalogueSnapshot:
    return memory_store().snapshot()


def primary_match(role_text: str) -> str:
    """The primary archetype's match wording ("92% match") on the card for `role_text`."""
    store = _snapshot()
    card = archetype_card(settle(identify(store, role_text)), store)
    return card["archetypes"][0]["match"]
