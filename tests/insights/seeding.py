"""Seed anonymous events through the public recording API, with plans from the real planner.

`seed_sample` makes a plausible, reproducible population for the sample charts in the docs;
tests seed exact counts with `seed_counts` so suppression can be checked number by number.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from sqlalchemy.engine import Engine

from actions.common.insights import add_tracked_links
from actions.common.render import plan_card
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.advisor import plan
from knowledge.insights import (
    record_offering_followed,
    record_plan_rated,
    record_plan_shown,
    record_profile_settled,
    record_reason_given,
)
from knowledge.insights.feedback import NOT_FOR_ME, PARTLY, REASONS, USEFUL

SAMPLE_MONTHS = ("2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11")
# Rough shares of the workforce by archetype: most staff are Users.
SAMPLE_ARCHETYPES = {"users": 60, "embedders": 14, "drivers": 10, "creators": 6, "shapers": 10}
SAMPLE_CHANNELS = {"widget": 50, "teams": 30, "slack": 15, "rest": 5}
SAMPLE_LEVELS = {"new": 55, "some": 35, "experienced": 10}
ANSWERED = 0.4  # share of people shown a plan who answer "was this plan useful?"
SAMPLE_USEFULNESS = {USEFUL: 55, PARTLY: 30, NOT_FOR_ME: 15}
SAMPLE_REASONS = {"wrong_level": 35, "not_my_role": 25, "no_time_or_funding": 25,
                  "already_done": 10, "something_else": 5}


def plan_payload(store: CatalogueSnapshot, archetypes: Iterable[str], level: str) -> dict:
    return plan(store, list(archetypes), level).to_payload()


def card_with_links(payload: dict, channel: str) -> dict:
    """The plan card as the plan action sends it: a copy of the plan, with tracked links."""
    card = plan_card(payload, ["Users"])
    add_tracked_links(card, channel)
    return card


def seed_counts(
    engine: Engine,
    store: CatalogueSnapshot,
    *,
    profiles: dict[str, int],
    plans: dict[tuple[str, str], int],
    follows: dict[str, int],
    month: str,
    channel: str = "widget",
) -> None:
    """Exactly `n` events of each kind: profiles by archetype, plans by (archetype, level),
    follows by offering key."""
    for archetype, n in profiles.items():
        for _ in range(n):
            assert record_profile_settled(engine, [archetype], channel, month=month)
    for (archetype, level), n in plans.items():
        payload = plan_payload(store, [archetype], level)
        for _ in range(n):
            assert record_plan_shown(engine, payload, channel, month=month)
    for key, n in follows.items():
        for _ in range(n):
            assert record_offering_followed(engine, key, channel, month=month)


def seed_answers(
    engine: Engine,
    store: CatalogueSnapshot,
    *,
    rated: dict[tuple[str, str, str], int],
    reasons: dict[str, int],
    month: str,
) -> None:
    """Exactly `n` answers of each (archetype, channel, usefulness), and reasons for "not for
    me" (given for a Users plan on the widget)."""
    for (archetype, channel, usefulness), n in rated.items():
        payload = plan_payload(store, [archetype], "new")
        for _ in range(n):
            assert record_plan_rated(engine, payload, usefulness, channel, month=month)
    users = plan_payload(store, ["users"], "new")
    for reason, n in reasons.items():
        for _ in range(n):
            assert record_reason_given(engine, users, reason, "widget", month=month)


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def seed_sample(engine: Engine, store: CatalogueSnapshot, people: int = 300, seed: int = 7) -> None:
    """A reproducible population: profiles, plans for most, and some links followed."""
    rng = random.Random(seed)
    plans: dict[tuple[tuple[str, ...], str], dict] = {}
    for _ in range(people):
        archetypes = {_pick(rng, SAMPLE_ARCHETYPES)}
        if rng.random() < 0.2:
            archetypes.add(_pick(rng, SAMPLE_ARCHETYPES))
        held = tuple(sorted(archetypes))
        channel = _pick(rng, SAMPLE_CHANNELS)
        month = rng.choice(SAMPLE_MONTHS)
        record_profile_settled(engine, held, channel, month=month)
        if rng.random() > 0.85:
            continue
        level = _pick(rng, SAMPLE_LEVELS)
        payload = plans.setdefault((held, level), plan_payload(store, held, level))
        record_plan_shown(engine, payload, channel, month=month)
        if rng.random() < ANSWERED:
            usefulness = _pick(rng, SAMPLE_USEFULNESS)
            record_plan_rated(engine, payload, usefulness, channel, month=month)
            if usefulness == NOT_FOR_ME and rng.random() < 0.8:
                reason = _pick(rng, SAMPLE_REASONS)
                assert reason in REASONS
                record_reason_given(engine, payload, reason, channel, month=month)
        for step in payload["steps"]:
            for offering in step["offerings"]:
                if rng.random() < 0.1:
                    record_offering_followed(engine, offering["key"], channel, month=month)
