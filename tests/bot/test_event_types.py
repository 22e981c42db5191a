"""The remembering event-type lookup answers exactly as Rasa's own does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from bot.addons import event_types


@pytest.fixture
def installed() -> Iterator[None]:
    original = Event.__dict__["resolve_by_type"]
    event_types.install()
    yield
    Event.resolve_by_type = original


@pytest.mark.usefixtures("installed")
def test_every_event_type_resolves_to_rasas_class_twice_over() -> None:
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert len(names) > 20
    for name in sorted(names):
        expected = event_types._RASA_LOOKUP(name)
        assert Event.resolve_by_type(name) is expected
        assert Event.resolve_by_type(name) is expected  # the remembered answer


@pytest.mark.usefixtures("installed")
def test_unknown_names_keep_rasas_answers() -> None:
    with pytest.raises(ValueError, match="Unknown event name 'explode'"):
        Event.resolve_by_type("explode")
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("explode", SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("explode")  # a default is never remembered for the name


@pytest.mark.usefixtures("installed")
def test_events_still_read_back_from_their_dicts() -> None:
    said = UserUttered("hello", {"name": "greet", "confidence": 1.0}, timestamp=1.0)
    assert Event.from_parameters(said.as_dict()) == said
    slot = SlotSet("plan", {"steps": [1]}, timestamp=2.0)
    assert Event.from_parameters(slot.as_dict()) == slot
