"""Real catalogues with a hole cut in them, to see how plans behave where courses are missing."""

from __future__ import annotations

from sqlalchemy import delete, select

from knowledge import models as m
from knowledge.offline import memory_store
from knowledge.store import KnowledgeStore


def store_without(archetype: str, area: str) -> KnowledgeStore:
    """The real catalogue in memory, except that no offering for `archetype` covers `area`."""
    store = memory_store()
    serving = select(m.OfferingArchetypeRow.offering_key).where(
        m.OfferingArchetypeRow.archetype_key == archetype
    )
    with store.engine.begin() as conn:
        conn.execute(delete(m.OfferingAreaRow).where(
            m.OfferingAreaRow.area_key == area, m.OfferingAreaRow.offering_key.in_(serving)
        ))
    return store
