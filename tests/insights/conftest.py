"""A fresh SQLite knowledge database per test, copied from one load of the real catalogue."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from knowledge.catalogue.loader import load
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore
from knowledge.storage.db import make_engine


@pytest.fixture(scope="session")
def catalogue_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("catalogue") / "knowledge.db"
    engine = make_engine(f"sqlite:///{path}")
    load(engine)
    engine.dispose()
    return path


@pytest.fixture
def db_url(catalogue_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "knowledge.db"
    shutil.copyfile(catalogue_file, path)
    return f"sqlite:///{path}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def knowledge_store(engine: Engine) -> KnowledgeStore:
    return KnowledgeStore(engine)


@pytest.fixture
def store(knowledge_store: KnowledgeStore) -> CatalogueSnapshot:
    return knowledge_store.snapshot()
