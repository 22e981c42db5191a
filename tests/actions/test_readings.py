"""A reading is worked out once per snapshot, equals the engine's own, and keeps no snapshot
alive."""

from __future__ import annotations

import dataclasses
import gc
import weakref

import pytest

from actions.common import readings
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.advisor import identify as identify_afresh

ROLE = "I'm a reporting radiographer and we use an AI tool that flags fractures"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    calls: list[tuple] = []

    def identify_counted(store: CatalogueSnapshot, text: str, answers: object = None) -> object:
        calls.append((text, answers))
        return identify_afresh(store, text, answers)  # type: ignore[arg-type]

    monkeypatch.setattr(readings, "identify_afresh", identify_counted)
    return calls


def test_a_reading_is_the_engines_own(store: CatalogueSnapshot) -> None:
    for answers in (None, {}, {"users": "yes", "embedders": "partly"}):
        assert readings.identify(store, ROLE, answers) == identify_afresh(store, ROLE, answers)


def test_the_same_question_is_worked_out_once(store: CatalogueSnapshot,
                                             counted: list[tuple]) -> None:
    first = readings.identify(store, ROLE, {"users": "yes", "drivers": "no"})
    again = readings.identify(store, ROLE, {"drivers": "no", "users": "yes"})
    other = readings.identify(store, ROLE, {"users": "no"})
    assert again is first and other != first
    assert len(counted) == 2


def test_a_new_snapshot_starts_afresh_and_an_old_one_is_let_go(store: CatalogueSnapshot,
                                                               counted: list[tuple]) -> None:
    newer = dataclasses.replace(store)
    readings.identify(newer, ROLE)
    readings.identify(store, ROLE)
    assert len(counted) == 2
    gone = weakref.ref(newer)
    del newer
    gc.collect()
    assert gone() is None


def test_the_memo_stays_bounded(store: CatalogueSnapshot, counted: list[tuple]) -> None:
    fresh = dataclasses.replace(store)
    for n in range(readings.MAX_READINGS + 5):
        readings.identify(fresh, f"{ROLE} {n}")
    readings.identify(fresh, f"{ROLE} 0")  # the oldest was dropped
    assert len(counted) == readings.MAX_READINGS + 6
