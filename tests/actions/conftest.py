from __future__ import annotations

import pytest

from actions.common.store import use_store
from knowledge.store import KnowledgeStore


@pytest.fixture(autouse=True)
def _actions_use_test_store(store: KnowledgeStore):
    use_store(store)
    yield
    use_store(None)
