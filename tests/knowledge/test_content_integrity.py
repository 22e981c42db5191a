"""The shipped catalogue hangs together: references resolve and nothing is unreachable."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.content import Catalogue, read_catalogue
from knowledge.glossary import term_key
from knowledge.views import ARCHETYPE_KEYS, TIER_KEYS


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return read_catalogue()


def test_five_archetypes_each_with_question_and_persona(catalogue: Catalogue) -> None:
    assert sorted(a.key for a in catalogue.archetypes) == sorted(ARCHETYPE_KEYS)
    for archetype in catalogue.archetypes:
        assert archetype.question.text.endswith("?")
        assert archetype.question.why
        assert archetype.persona.learning_route
        assert set(archetype.works_with) == set(ARCHETYPE_KEYS) - {archetype.key}


def test_every_archetype_has_at_least_five_core_areas(catalogue: Catalogue) -> None:
    for key in ARCHETYPE_KEYS:
        core = [n for n in catalogue.needs if n.archetype == key and n.depth == "core"]
        assert len(core) >= 5, key


def test_every_archetype_area_pair_has_a_need(catalogue: Catalogue) -> None:
    pairs = {(n.archetype, n.area) for n in catalogue.needs}
    assert pairs == {(a, area.key) for a in ARCHETYPE_KEYS for area in catalogue.areas}


def test_every_area_is_needed_and_offered(catalogue: Catalogue) -> None:
    offered = {area for o in catalogue.offerings for area in o.areas}
    for area in catalogue.areas:
        assert any(n.area == area.key and n.depth != "awareness" for n in catalogue.needs)
        if area.kind != "framework_domain":
            assert area.key in offered or area.parent in offered or area.key == "robotics", area


def test_framework_structure(catalogue: Catalogue) -> None:
    kinds = [a.kind for a in catalogue.areas]
    assert kinds.count("framework_domain") == 6
    assert kinds.count("framework_subdomain") == 11
    assert kinds.count("confidence_factor") >= 11


def test_every_archetype_is_served_at_every_tier(catalogue: Catalogue) -> None:
    for key in ARCHETYPE_KEYS:
        tiers = {o.tier for o in catalogue.offerings if key in o.archetypes}
        assert {"foundation", "specialist", "cpd"} <= tiers, key
    assert [t.key for t in catalogue.tiers] == list(TIER_KEYS)


def test_offerings_are_complete(catalogue: Catalogue) -> None:
    assert len(catalogue.offerings) >= 20
    for o in catalogue.offerings:
        assert o.url.startswith("https://"), o.key
        assert o.provider and o.duration and o.summary
        assert 1 <= o.level <= 4
        assert o.last_reviewed <= date.today()
        assert catalogue.offering_sources[o.key]


def test_glossary_related_terms_resolve(catalogue: Catalogue) -> None:
    keys = {term_key(t.term) for t in catalogue.glossary}
    assert len(catalogue.glossary) >= 30
    for term in catalogue.glossary:
        assert all(term_key(r) in keys for r in term.related)


def test_lexicon_size_and_weights(catalogue: Catalogue) -> None:
    roles = [e for e in catalogue.lexicon.entries if e.kind == "role"]
    activities = [e for e in catalogue.lexicon.entries if e.kind == "activity"]
    assert len(roles) >= 150
    assert len(activities) >= 80
    for entry in catalogue.lexicon.entries:
        assert entry.weights and all(-1 <= w <= 1 for w in entry.weights.values())
    for key in ARCHETYPE_KEYS:
        assert any(e.weights.get(key, 0) > 0.5 for e in activities), key
