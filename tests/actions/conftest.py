from __future__ import annotations

import pytest

from actions.common.people import use_engine
from actions.common.store import use_store
from knowledge.catalogue.store import KnowledgeStore
from knowledge.storage.db import make_engine
from knowledge.storage.migrate import upgrade


@pytest.fixture(autouse=True)
def _actions_use_test_store(knowledge_store: KnowledgeStore):
    use_store(knowledge_store)
    yield
    use_store(None)


@pytest.fixture(autouse=True)
def _profiles_in_memory():
    """Profiles the actions save go to a throw-away database, never data/knowledge.db."""
    engine = make_engine("sqlite://")
    upgrade(engine)
    use_engine(engine)
    yield
    use_engine(None)
    engine.dispose()
