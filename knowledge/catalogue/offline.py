"""An in-memory store built straight from the YAML content, for tests and offline use."""

from __future__ import annotations

from pathlib import Path

from knowledge.catalogue.loader import load
from knowledge.catalogue.store import KnowledgeStore
from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR
from knowledge.storage.db import make_engine


def memory_store(content_dir: Path | str = DEFAULT_CONTENT_DIR) -> KnowledgeStore:
    """A fully loaded store that lives in this process only."""
    engine = make_engine("sqlite://")
    load(engine, content_dir)
    return KnowledgeStore(engine)
