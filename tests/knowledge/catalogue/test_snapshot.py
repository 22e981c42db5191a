"""A running process keeps one whole catalogue in memory and swaps it only for a newer one.

Each test shares a SQLite file between the store under test (as the action server holds it)
and `python -m knowledge load` run the way an educator runs it, in another process.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from knowledge.catalogue import tables as m
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore, StoreUnavailable
from knowledge.engines.advisor import identify
from knowledge.storage.db import make_engine
from tests.support.catalogue import (
    NEW_TITLE,
    OLD_TITLE,
    edit_catalogue,
    knowledge_load,
    loaded_copy,
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return loaded_copy(tmp_path)[0]


@pytest.fixture
def db(tmp_path: Path, content: Path) -> Path:
    return tmp_path / "knowledge.db"

def running(db: Path) -> KnowledgeStore:
    """The store as a server holds it, looking at the version on every call."""
    return KnowledgeStore(make_engine(f"sqlite:///{db}"), check_every=0)


def titles(snapshot: CatalogueSnapshot) -> set[str]:
    return {o.title for o in snapshot.all_offerings()}


def knows_the_new_role(snapshot: CatalogueSnapshot) -> bool:
    in_lexicon = any(e.phrase == "ward robot keeper" for e in snapshot.lexicon().entries)
    profile = identify(snapshot, "I'm the ward robot keeper")
    return in_lexicon and profile.score_of("creators").score > 0


def test_after_a_load_the_running_store_serves_the_new_catalogue_whole(
    content: Path, db: Path
) -> None:
    store = running(db)
    before = store.snapshot()
    assert OLD_TITLE in titles(before) and not knows_the_new_role(before)

    edit_catalogue(content)
    knowledge_load(content, db)
    after = store.snapshot()

    assert after.version != before.version
    assert NEW_TITLE in titles(after) and OLD_TITLE not in titles(after)
    assert knows_the_new_role(after)
    # a turn still holding the old snapshot sees the old catalogue throughout, never a mix
    assert OLD_TITLE in titles(before) and not knows_the_new_role(before)
    new_offering = next(o for o in after.all_offerings() if o.title == NEW_TITLE)
    assert after.offering(new_offering.key) == new_offering
    assert new_offering in after.offerings_for(tier=new_offering.tier, archetypes=["users"])


def test_an_unchanged_version_is_not_read_again(content: Path, db: Path) -> None:
    store = running(db)
    first = store.snapshot()
    knowledge_load(content, db)  # the same content again: the same version
    with store.engine.begin() as conn:  # a change no load made carries no new version
        conn.execute(update(m.OfferingRow).values(title="Changed behind the loader's back"))
    again = store.snapshot()
    assert again is first
    assert "Changed behind the loader's back" not in titles(again)


def test_the_version_is_looked_at_no_more_often_than_asked(content: Path, db: Path) -> None:
    store = KnowledgeStore(make_engine(f"sqlite:///{db}"), check_every=3600)
    first = store.snapshot()
    edit_catalogue(content)
    knowledge_load(content, db)
    assert store.snapshot() is first
    assert running(db).snapshot().version != first.version


def test_the_last_catalogue_is_served_while_the_database_is_away(
    content: Path, db: Path, tmp_path: Path
) -> None:
    store = running(db)
    first = store.snapshot()
    store.engine.dispose()
    db.rename(tmp_path / "away.db")  # connecting now finds a database with no catalogue
    assert store.snapshot() is first
    assert store.snapshot().archetype("users") is not None
    with pytest.raises(StoreUnavailable):
        running(db).snapshot()  # a process starting now has nothing to serve yet

    store.engine.dispose()
    (tmp_path / "away.db").replace(db)  # back again, then a new load is picked up
    edit_catalogue(content)
    knowledge_load(content, db)
    assert NEW_TITLE in titles(store.snapshot())

