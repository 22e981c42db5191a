"""One knowledge store per action-server process."""

from __future__ import annotations

from actions.common.settings import offline_mode
from knowledge.offline import memory_store
from knowledge.store import KnowledgeStore

_store: KnowledgeStore | None = None


def get_store() -> KnowledgeStore:
    global _store
    if _store is None:
        _store = memory_store() if offline_mode() else KnowledgeStore.from_url()
    return _store


def use_store(store: KnowledgeStore | None) -> None:
    """Point the actions at another store (tests, or a reload after a catalogue update)."""
    global _store
    _store = store
