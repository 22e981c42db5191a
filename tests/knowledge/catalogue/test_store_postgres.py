"""The knowledge store's database tests, run again on PostgreSQL.

Every test in test_store, test_plan and test_loader that takes the `store` or `loaded_db`
fixture is collected here a second time, with those fixtures pointing at a catalogue loaded
into a throw-away PostgreSQL cluster (tests/support/postgres.py). Production may run either
engine, so both must pass the same tests.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from types import ModuleType

import pytest
from sqlalchemy.engine import Engine

from knowledge.catalogue.loader import load
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore
from knowledge.storage.db import make_engine
from tests.knowledge.catalogue import test_loader, test_store
from tests.knowledge.engines import test_plan
from tests.support.postgres import shared_postgres

DATABASE_FIXTURES = {"store", "knowledge_store", "loaded_db"}


def _database_tests(module: ModuleType) -> dict[str, object]:
    prefix = module.__name__.rsplit(".", 1)[1]
    return {
        f"{prefix}_on_postgresql__{name.removeprefix('test_')}": test
        for name, test in vars(module).items()
        if name.startswith("test_")
        and inspect.isfunction(test)
        and DATABASE_FIXTURES & set(inspect.signature(test).parameters)
    }


for _module in (test_store, test_plan, test_loader):
    globals().update(_database_tests(_module))

content = test_loader.content  # a fixture the loader tests also need


@pytest.fixture(scope="module")
def postgres_catalogue() -> Iterator[Engine]:
    engine = make_engine(shared_postgres().create_database("knowledge"))
    load(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def knowledge_store(postgres_catalogue: Engine) -> KnowledgeStore:
    return KnowledgeStore(postgres_catalogue)


@pytest.fixture(scope="module")
def store(knowledge_store: KnowledgeStore) -> CatalogueSnapshot:
    return knowledge_store.snapshot()


@pytest.fixture
def loaded_db(postgres_catalogue: Engine) -> tuple[str, Engine]:
    url = postgres_catalogue.url.render_as_string(hide_password=False)
    return url, postgres_catalogue


def test_the_catalogue_really_is_on_postgresql(
    knowledge_store: KnowledgeStore, store: CatalogueSnapshot
) -> None:
    assert knowledge_store.engine.dialect.name == "postgresql"
    assert store.archetype("users") is not None
