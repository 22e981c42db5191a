"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest

from knowledge.offline import memory_store
from knowledge.store import KnowledgeStore


@pytest.fixture(scope="session")
def store() -> KnowledgeStore:
    """The real catalogue, loaded by the real loader into a SQLite database."""
    return memory_store()
