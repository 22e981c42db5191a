"""The plan engine: every core need met at the person's level or named as a gap, level fit,
honest free options, no repeats, and the structure channels rely on."""

from __future__ import annotations

import pytest

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.advisor import plan
from knowledge.engines.plan import PlanError, costs_nothing, duration_months, is_long
from knowledge.engines.views import (
    ARCHETYPE_KEYS,
    ARCHETYPE_NAMES,
    FAMILIARITY_LEVELS,
    PLAN_RULES,
    TIER_KEYS,
    Plan,
)
from knowledge.engines.wording import WORDS
from tests.support.catalogue import store_without

TIER_ORDER = {t: i for i, t in enumerate(TIER_KEYS)}
PROFILES = [(a,) for a in ARCHETYPE_KEYS] + [
    ("users", "embedders"),
    ("drivers", "users"),
    ("creators", "embedders"),
    ("shapers", "drivers"),
]
FILTER_SETS = [(), ("free",), ("online",), ("free", "online")]
TECHNICAL_AREAS = {"ml_nlp", "ai_model_design", "data_management_processing"}


def core_needs(store: CatalogueSnapshot, archetypes: tuple[str, ...]) -> dict[tuple[str, str], str]:
    return {
        (n.archetype, n.area): n.why for n in store.needs_for(archetypes) if n.depth == "core"
    }


def names_need(why: str, need_why: str) -> bool:
    return need_why.rstrip(".").lower() in why.lower()


def step_meets(store: CatalogueSnapshot, result: Plan, archetype: str, area: str) -> bool:
    """A step names the need, and one of its offerings serves it at the person's level."""
    fit = PLAN_RULES.fit[result.level]
    for step in result.steps:
        named = any((n.archetype, n.area_key) == (archetype, area) for n in step.needs)
        if step.later or not named:
            continue
        for item in step.offerings:
            offering = store.offering(item.key)
            assert offering is not None
            if (
                area in offering.areas and archetype in offering.archetypes
                and offering.level in fit.levels
            ):
                return True
    return False


@pytest.mark.parametrize("archetypes", PROFILES, ids="+".join)
@pytest.mark.parametrize("level", FAMILIARITY_LEVELS)
@pytest.mark.parametrize("filters", FILTER_SETS, ids=lambda f: "+".join(f) or "all")
def test_every_core_need_is_met_at_level_or_named_as_a_gap(
    store: CatalogueSnapshot, archetypes: tuple[str, ...], level: str, filters: tuple[str, ...]
) -> None:
    result = plan(store, archetypes, level, filters=filters)
    gaps = {(g.archetype, g.area_key) for g in result.gaps}
    for (archetype, area), why in core_needs(store, archetypes).items():
        met = step_meets(store, result, archetype, area)
        assert met != ((archetype, area) in gaps), f"{archetype}/{area}: met={met}"
        if met:
            step = next(
                s for s in result.steps
                if any((n.archetype, n.area_key) == (archetype, area) for n in s.needs)
            )
            assert names_need(step.why, why), f"step {step.order} does not name {area}"
        else:
            gap = next(g for g in result.gaps if (g.archetype, g.area_key) == (archetype, area))
            assert gap.why == why and gap.area_name


@pytest.mark.parametrize("archetypes", PROFILES, ids="+".join)
@pytest.mark.parametrize("level", FAMILIARITY_LEVELS)
@pytest.mark.parametrize("filters", FILTER_SETS, ids=lambda f: "+".join(f) or "all")
def test_no_step_repeats_a_why_or_an_offering(
    store: CatalogueSnapshot, archetypes: tuple[str, ...], level: str, filters: tuple[str, ...]
) -> None:
    result = plan(store, archetypes, level, filters=filters)
    whys = [s.why for s in result.steps]
    offerings = [o.key for s in result.steps for o in s.offerings]
    offerings += [o.key for o in result.funded_places]
    titles = [s.title for s in result.steps]
    assert len(whys) == len(set(whys))
    assert len(offerings) == len(set(offerings))
    assert len(titles) == len(set(titles))


@pytest.mark.parametrize("level", FAMILIARITY_LEVELS)
def test_users_plan_covers_case_by_case_confidence(store: CatalogueSnapshot, level: str) -> None:
    result = plan(store, ["users"], level)
    named = {n.area_key for s in result.steps for n in s.needs} | {
        g.area_key for g in result.gaps
    }
    assert {"cognitive_biases", "ai_model_design", "liability", "patient_communication"} <= named
    said = " ".join([s.why for s in result.steps] + [g.why for g in result.gaps]).lower()
    for idea in ("automation bias", "intended use", "accountable", "explain it"):
        assert idea in said, idea


@pytest.mark.parametrize("archetypes", PROFILES, ids="+".join)
def test_someone_new_is_not_sent_to_a_long_programme_or_beyond_level_two(
    store: CatalogueSnapshot, archetypes: tuple[str, ...]
) -> None:
    result = plan(store, archetypes, "new")
    now = [s for s in result.steps if not s.later]
    assert now, "a new person gets at least one step to take now"
    assert not now[0].later and not result.steps[0].later
    for step in now:
        for item in step.offerings:
            offering = store.offering(item.key)
            assert offering is not None and item.level <= 2 and not is_long(offering), item.key
    later = [s for s in result.steps if s.later]
    assert later == list(result.steps[len(now):]), "'when you're ready' comes last"


@pytest.mark.parametrize("archetypes", PROFILES, ids="+".join)
def test_someone_experienced_gets_no_level_one_introductions(
    store: CatalogueSnapshot, archetypes: tuple[str, ...]
) -> None:
    result = plan(store, archetypes, "experienced")
    assert all(o.level >= 2 for s in result.steps for o in s.offerings)


def test_fellowships_wait_for_the_new_and_open_to_the_experienced(store: CatalogueSnapshot) -> None:
    fellowships = {o.key for o in store.all_offerings() if "fellowship" in o.title.lower()}
    assert fellowships
    for archetypes in PROFILES:
        new = plan(store, archetypes, "new")
        assert not fellowships & {o.key for s in new.steps if not s.later for o in s.offerings}
    experienced = plan(store, ["users"], "experienced")
    assert fellowships & {o.key for s in experienced.steps if not s.later for o in s.offerings}


@pytest.mark.parametrize("level", FAMILIARITY_LEVELS)
def test_a_need_nothing_covers_is_named_as_a_gap(level: str) -> None:
    thin = store_without("users", "cognitive_biases")
    result = plan(thin.snapshot(), ["users"], level)
    gap = next(g for g in result.gaps if g.area_key == "cognitive_biases")
    assert gap.archetype == "users" and gap.area_name == "Cognitive biases" and not gap.filtered
    assert "automation bias" in gap.why.lower()
    assert not any(n.area_key == "cognitive_biases" for s in result.steps for n in s.needs)
    assert result.steps, "the other needs are still met"


@pytest.mark.parametrize("level", ["some", "experienced"])
def test_a_creators_plan_holds_technical_courses(store: CatalogueSnapshot, level: str) -> None:
    result = plan(store, ["creators"], level)
    met = {n.area_key for s in result.steps if not s.later for n in s.needs}
    assert met & TECHNICAL_AREAS


def test_creators_technical_needs_are_named_even_when_nothing_fits(
    store: CatalogueSnapshot,
) -> None:
    result = plan(store, ["creators"], "new")
    named = {n.area_key for s in result.steps for n in s.needs} | {g.area_key for g in result.gaps}
    assert "ml_nlp" in named


@pytest.mark.parametrize("archetypes", PROFILES, ids="+".join)
@pytest.mark.parametrize("level", FAMILIARITY_LEVELS)
def test_only_free_means_it_costs_nothing_and_funded_places_stand_apart(
    store: CatalogueSnapshot, archetypes: tuple[str, ...], level: str
) -> None:
    result = plan(store, archetypes, level, filters=["free"])
    for item in (o for s in result.steps for o in s.offerings):
        offering = store.offering(item.key)
        assert offering is not None and costs_nothing(offering), item.key
        assert not item.competitive
    assert all(o.competitive and o.cost == "funded" for o in result.funded_places)
    payload = result.to_payload()
    assert payload["filters"] == ["free"]
    assert [o["key"] for o in payload["funded_places"]] == [o.key for o in result.funded_places]


def test_funded_places_are_listed_only_for_free_options(store: CatalogueSnapshot) -> None:
    assert plan(store, ["users"], "new", filters=["free"]).funded_places
    assert not plan(store, ["users"], "new").funded_places


def test_a_gap_says_when_the_filter_hides_a_course(store: CatalogueSnapshot) -> None:
    everything = plan(store, ["users"], "new")
    free = plan(store, ["users"], "new", filters=["free"])
    hidden = {(g.archetype, g.area_key) for g in free.gaps if g.filtered}
    assert hidden, "some need is met only by something that is not free"
    for archetype, area in hidden:
        assert step_meets(store, everything, archetype, area)
    assert not any(g.filtered for g in everything.gaps)


def test_unconfirmed_offerings_say_so(store: CatalogueSnapshot) -> None:
    seen = [
        o for p in PROFILES for level in FAMILIARITY_LEVELS
        for s in plan(store, p, level).steps for o in s.offerings
    ]
    for item in seen:
        offering = store.offering(item.key)
        assert offering is not None and item.verified == offering.verified
        assert item.to_payload()["verified"] == offering.verified
    assert any(not o.verified for o in seen), "the catalogue has unconfirmed offerings in plans"


@pytest.mark.parametrize("archetypes", PROFILES, ids="+".join)
@pytest.mark.parametrize("level", FAMILIARITY_LEVELS)
def test_plan_structure(store: CatalogueSnapshot, archetypes: tuple[str, ...], level: str) -> None:
    steps = plan(store, archetypes, level).steps
    assert [s.order for s in steps] == list(range(1, len(steps) + 1))
    tiers = [TIER_ORDER[s.tier] for s in steps]
    assert tiers == sorted(tiers)
    for step in steps:
        assert 1 <= len(step.offerings) <= PLAN_RULES.offerings_per_step
        assert step.why and step.title
        assert all(o.url.startswith("https://") for o in step.offerings)
        assert step.later or step.needs or step.tier == "product"


def test_specialist_step_is_about_the_archetype(store: CatalogueSnapshot) -> None:
    result = plan(store, ["embedders"], "some")
    specialist = next(s for s in result.steps if s.tier == "specialist")
    assert "Embedders" in specialist.title and "Embedders" in specialist.why
    core = {area for _, area in core_needs(store, ("embedders",))}
    assert core & set(specialist.area_keys)


def test_product_training_for_people_who_use_ai(store: CatalogueSnapshot) -> None:
    assert any(s.tier == "product" for s in plan(store, ["users"], "new").steps)
    assert not any(s.tier == "product" for s in plan(store, ["shapers"], "new").steps)


def test_online_filter(store: CatalogueSnapshot) -> None:
    result = plan(store, ["creators"], "some", filters=["online"])
    assert all(o.delivery == "online" for s in result.steps for o in s.offerings)


def test_focus_puts_an_area_first(store: CatalogueSnapshot) -> None:
    result = plan(store, ["users"], "some", focus="cognitive_biases")
    assert any("cognitive_biases" in s.area_keys for s in result.steps)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("About 12 months from April", 12),
        ("1 year full-time, 2-3 years part-time", 24),
        ("10 weeks, 3 hours a week", 10 * 12 / 52),
        ("Self-paced; time not stated", None),
    ],
)
def test_duration_months(text: str, months: float | None) -> None:
    assert duration_months(text) == (pytest.approx(months) if months else None)


@pytest.mark.parametrize("archetypes", PROFILES, ids="+".join)
@pytest.mark.parametrize("level", FAMILIARITY_LEVELS)
def test_each_step_gives_its_needs_under_a_heading_per_archetype(
    store: CatalogueSnapshot, archetypes: tuple[str, ...], level: str
) -> None:
    result = plan(store, archetypes, level)
    for number, step in enumerate(result.steps):
        held = [r.archetype for r in step.reasons]
        assert held == sorted(held, key=archetypes.index) and len(set(held)) == len(held)
        assert [p for r in step.reasons for p in r.points] == [n.why for n in step.needs]
        for reason in step.reasons:
            assert reason.heading == WORDS.need_heading.format(
                archetype=ARCHETYPE_NAMES[reason.archetype])
            assert f"{reason.heading}: " in step.why
        first_of_tier = all(s.tier != step.tier for s in result.steps[:number])
        if step.later:
            assert step.lead in (WORDS.lead("later"), WORDS.lead("further"))
            assert step.why == step.lead and not step.reasons
        else:
            assert step.lead == (WORDS.lead(step.tier) if first_of_tier else "")
            assert step.why.startswith(step.lead)
        payload = step.to_payload()
        assert payload.get("lead") == (step.lead or None)
        assert payload["reasons"] == [
            {"archetype": r.archetype, "heading": r.heading, "points": list(r.points)}
            for r in step.reasons
        ]


def test_payload_matches_the_contract(store: CatalogueSnapshot) -> None:
    payload = plan(store, ["users"], "new", filters=["free"]).to_payload()
    assert payload["type"] == "pathway_plan"
    assert payload["archetypes"] == ["users"] and payload["level"] == "new"
    step = payload["steps"][0]
    assert set(step) >= {"order", "tier", "title", "capability_areas", "why", "offerings",
                         "needs", "reasons", "later"}
    assert set(step["needs"][0]) == {"archetype", "area_key", "area", "why"}
    offering = step["offerings"][0]
    assert set(offering) >= {"title", "provider", "url", "format", "level", "duration",
                             "verified", "competitive"}
    assert set(payload) >= {"gaps", "funded_places"}
    assert all(set(g) == {"archetype", "area_key", "area", "why", "filtered"}
               for g in payload["gaps"])


@pytest.mark.parametrize(
    "kwargs",
    [
        {"archetypes": ["wizards"], "level": "new"},
        {"archetypes": ["users"], "level": "expert"},
        {"archetypes": ["users"], "level": "new", "filters": ["cheap"]},
        {"archetypes": ["users"], "level": "new", "focus": "astrology"},
    ],
)
def test_bad_requests_raise_plan_error(store: CatalogueSnapshot, kwargs: dict) -> None:
    with pytest.raises(PlanError):
        plan(store, **kwargs)


def test_no_archetypes_gives_an_empty_plan(store: CatalogueSnapshot) -> None:
    empty = plan(store, [], "new")
    assert empty.steps == () and empty.gaps == ()
