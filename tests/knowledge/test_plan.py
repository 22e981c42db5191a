"""The plan engine: structure, ordering, no repeats, tailoring by level, filters and focus."""

from __future__ import annotations

import pytest

from knowledge.advisor import plan
from knowledge.plan import PlanError
from knowledge.store import KnowledgeStore
from knowledge.views import ARCHETYPE_KEYS, FAMILIARITY_LEVELS, TIER_KEYS

TIER_ORDER = {t: i for i, t in enumerate(TIER_KEYS)}


@pytest.mark.parametrize("archetype", ARCHETYPE_KEYS)
@pytest.mark.parametrize("level", FAMILIARITY_LEVELS)
def test_plan_structure(store: KnowledgeStore, archetype: str, level: str) -> None:
    result = plan(store, [archetype], level)
    steps = result.steps
    assert steps[0].tier == "foundation"
    assert [s.order for s in steps] == list(range(1, len(steps) + 1))
    tiers = [TIER_ORDER[s.tier] for s in steps]
    assert tiers == sorted(tiers)
    assert any(s.tier == "specialist" for s in steps)
    for step in steps:
        assert 1 <= len(step.offerings) <= 3
        assert step.why and step.title
        assert all(o.url.startswith("https://") for o in step.offerings)


def test_specialist_step_is_about_the_archetype(store: KnowledgeStore) -> None:
    result = plan(store, ["embedders"], "some")
    specialist = next(s for s in result.steps if s.tier == "specialist")
    assert "Embedders" in specialist.title
    core = {n.area for n in store.needs_for(["embedders"]) if n.depth == "core"}
    assert core & set(specialist.area_keys)
    assert "Embedders" in specialist.why


def test_multi_archetype_plan_merges_without_repeats(store: KnowledgeStore) -> None:
    result = plan(store, ["users", "creators"], "some")
    offerings = [o.key for s in result.steps for o in s.offerings]
    assert len(offerings) == len(set(offerings))
    titles = [s.title for s in result.steps]
    assert len(titles) == len(set(titles))
    assert sum(s.tier == "foundation" for s in result.steps) == 1
    specialist = [s.title for s in result.steps if s.tier == "specialist"]
    assert specialist == ["Specialist learning for Users", "Specialist learning for Creators"]


def test_level_tailors_the_offerings(store: KnowledgeStore) -> None:
    def mean_level(level: str) -> float:
        levels = [o.level for s in plan(store, ["drivers"], level).steps for o in s.offerings]
        return sum(levels) / len(levels)

    assert mean_level("new") < mean_level("experienced")
    new_foundation = plan(store, ["users"], "new").steps[0]
    assert min(o.level for o in new_foundation.offerings) == 1


def test_product_training_for_people_who_use_ai(store: KnowledgeStore) -> None:
    assert any(s.tier == "product" for s in plan(store, ["users"], "new").steps)
    assert not any(s.tier == "product" for s in plan(store, ["shapers"], "new").steps)


def test_free_filter_keeps_only_free_or_funded(store: KnowledgeStore) -> None:
    result = plan(store, ["users"], "new", filters=["free"])
    assert result.steps
    assert all(o.cost in ("free", "funded") for s in result.steps for o in s.offerings)
    assert result.to_payload()["filters"] == ["free"]


def test_online_filter(store: KnowledgeStore) -> None:
    result = plan(store, ["creators"], "some", filters=["online"])
    assert all(o.delivery == "online" for s in result.steps for o in s.offerings)


def test_focus_puts_an_area_first(store: KnowledgeStore) -> None:
    result = plan(store, ["users"], "some", focus="cognitive_biases")
    assert any("cognitive_biases" in s.area_keys for s in result.steps)


def test_payload_matches_the_contract(store: KnowledgeStore) -> None:
    payload = plan(store, ["users"], "new").to_payload()
    assert payload["type"] == "pathway_plan"
    assert payload["archetypes"] == ["users"] and payload["level"] == "new"
    step = payload["steps"][0]
    assert set(step) >= {"order", "tier", "title", "capability_areas", "why", "offerings"}
    offering = step["offerings"][0]
    assert set(offering) >= {"title", "provider", "url", "format", "level", "duration"}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"archetypes": ["wizards"], "level": "new"},
        {"archetypes": ["users"], "level": "expert"},
        {"archetypes": ["users"], "level": "new", "filters": ["cheap"]},
        {"archetypes": ["users"], "level": "new", "focus": "astrology"},
    ],
)
def test_bad_requests_raise_plan_error(store: KnowledgeStore, kwargs: dict) -> None:
    with pytest.raises(PlanError):
        plan(store, **kwargs)


def test_no_archetypes_gives_an_empty_plan(store: KnowledgeStore) -> None:
    assert plan(store, [], "new").steps == ()
