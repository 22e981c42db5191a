"""One knowledge store per action-server process, and the catalogue snapshot a turn reads."""

from __future__ import annotations

from actions.common.settings import offline_mode
from knowledge.catalogue.offline import memory_store
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore

_store: KnowledgeStore | None = None


def get_store() -> KnowledgeStore:
    global _store
    if _store is None:
        _store = memory_store() if offline_mode() else KnowledgeStore.from_url()
    return _store


def current_catalogue() -> CatalogueSnapshot:
    """The snapshot one action reads throughout, swapped for a new one only between actions."""
    return get_store().snapshot()


def use_store(store: KnowledgeStore | None) -> None:
    """Point the actions at another store (tests, or another database)."""
    global _store
    _store = store
