"""The catalogue snapshot's query API, as actions and engines use it."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore, StoreUnavailable


def test_archetype_by_key(store: CatalogueSnapshot) -> None:
    drivers = store.archetype("drivers")
    assert drivers is not None and drivers.name == "Drivers"
    assert store.archetype("wizards") is None
    assert [a.key for a in store.archetypes()] == [
        "shapers", "drivers", "creators", "embedders", "users"
    ]


def test_needs_for_a_set_of_archetypes(store: CatalogueSnapshot) -> None:
    needs = store.needs_for(["users", "creators"])
    assert {n.archetype for n in needs} == {"users", "creators"}
    assert len(needs) == 2 * len(store.areas())
    assert store.needs_for([]) == ()


def test_offerings_for_area_and_level(store: CatalogueSnapshot) -> None:
    some = store.offerings_for("local_validation")
    assert some and all("local_validation" in o.areas for o in some)
    level = some[0].level
    assert all(o.level == level for o in store.offerings_for("local_validation", level))
    foundation = store.offerings_for(tier="foundation", archetypes=["users"])
    assert foundation and all(o.tier == "foundation" and "users" in o.archetypes
                              for o in foundation)
    assert store.offerings_for("no_such_area") == ()


@pytest.mark.parametrize(
    "asked", ["automation bias", "Automation Bias", "automation biases", "AUTOMATION BIAS?"]
)
def test_glossary_lookup_is_case_and_plural_tolerant(
    store: CatalogueSnapshot, asked: str
) -> None:
    term = store.glossary_lookup(asked)
    assert term is not None and term.term.lower() == "automation bias"


def test_glossary_lookup_by_synonym(store: CatalogueSnapshot) -> None:
    dpia = store.glossary_lookup("data protection impact assessment")
    assert dpia is not None
    assert "dpia" in [dpia.term.lower(), *(s.lower() for s in dpia.synonyms)]


def test_terms_found_inside_a_question(store: CatalogueSnapshot) -> None:
    found = store.find_terms_in("so what exactly does local validation involve?")
    assert found and found[0].term.lower() == "local validation"


def test_nearest_terms_for_unknown(store: CatalogueSnapshot) -> None:
    assert store.glossary_lookup("quantum bias") is None
    assert "automation bias" in [t.lower() for t in store.nearest_terms("automaton bias")]


def test_lexicon_lookup(store: CatalogueSnapshot) -> None:
    lexicon = store.lexicon()
    ccio = [e for e in lexicon.entries if "ccio" in (e.phrase, *e.variants)]
    assert ccio and ccio[0].weights.get("drivers", 0) > 0.5
    assert "artificial intelligence" in lexicon.ai_context


def test_empty_database_is_reported_clearly(tmp_path) -> None:  # noqa: ANN001
    from knowledge.storage.migrate import upgrade

    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}", future=True)
    upgrade(engine)
    with pytest.raises(StoreUnavailable, match="python -m knowledge load"):
        KnowledgeStore(engine).snapshot()


def test_unreachable_database_raises_store_unavailable() -> None:
    store = KnowledgeStore.from_url("postgresql://nobody@127.0.0.1:9/none")
    with pytest.raises(StoreUnavailable):
        store.snapshot()
