"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest

from knowledge.catalogue.offline import memory_store
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore


@pytest.fixture(scope="session")
def knowledge_store() -> KnowledgeStore:
    """The real catalogue, loaded by the real loader into a SQLite database."""
    return memory_store()


@pytest.fixture(scope="session")
def store(knowledge_store: KnowledgeStore) -> CatalogueSnapshot:
    """The snapshot of that catalogue the engines and actions read."""
    return knowledge_store.snapshot()
