"""An in-memory store built straight from the YAML content, for tests and offline use."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from knowledge.catalogue.loader import load
from knowledge.catalogue.store import KnowledgeStore
from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR


def memory_store(content_dir: Path | str = DEFAULT_CONTENT_DIR) -> KnowledgeStore:
    """A fully loaded store that lives in this process only (one shared SQLite connection)."""
    engine = create_engine(
        "sqlite://", future=True, poolclass=StaticPool,
        connect_args={"check_same_thread": False},
    )
    load(engine, content_dir)
    return KnowledgeStore(engine)
