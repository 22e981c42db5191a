"""The direct slot copy is the copy Python's generic path makes, for every slot of the domain."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.slots import Slot

from bot.addons import slot_copies

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def domain_slots() -> list[Slot]:
    return Domain.load(str(REPO / "bot/domain")).slots


@pytest.fixture
def installed() -> Iterator[None]:
    slot_copies.install()
    yield
    del Slot.__copy__  # type: ignore[attr-defined]


def test_rasas_slots_are_copied_generically() -> None:
    assert slot_copies.copied_generically()


def test_the_direct_copy_is_the_generic_one(domain_slots: list[Slot]) -> None:
    assert len({type(s) for s in domain_slots}) >= 4
    for slot in domain_slots:
        slot.value = {"set": [slot.name]}
        value = slot.value
        generic, direct = copy.copy(slot), slot_copies.copy_slot(slot)
        assert type(direct) is type(generic) is type(slot)
        assert vars(direct) == vars(generic)
        assert direct.value is value  # shallow, as copy.copy
        direct.value = None
        assert slot.value is value


@pytest.mark.usefixtures("installed")
def test_installed_copy_copies_through_the_add_on(domain_slots: list[Slot]) -> None:
    slot = domain_slots[0]
    assert copy.copy(slot) is not slot
    assert Slot.__copy__ is slot_copies.copy_slot  # type: ignore[attr-defined]
