"""Rasa's check of an action server's answer, giving Rasa's verdict at a fraction of the cost.

Rasa validates every answer against `RemoteAction.action_response_format_spec()`. There each
event must match exactly one of 23 sub-schemas (`oneOf`), one per event type, so every event
is checked against all 23: about 0.6 ms for an answer holding a single event. Every one of
those sub-schemas fixes the event's name (`"event": {"const": ...}`), and an event whose
`event` is another name fails that `const` whatever else it holds. So an event matches
exactly one of the 23 if and only if it matches exactly one of the sub-schemas for its own
name; `certainly_valid` checks each event against those alone, still with jsonschema.

It only ever answers "valid" for an answer Rasa's schema accepts; for any other answer (and
for an event it cannot place) it answers False and the caller runs the whole schema, which
gives Rasa's own verdict and error. If a future Rasa schema stops fixing every sub-schema's
event name, `certainly_valid` always answers False and only the whole schema is used.
"""

from __future__ import annotations

import functools
from typing import Any

from jsonschema import validators
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction


@functools.lru_cache(maxsize=1)
def response_validator() -> Validator:
    """Rasa's action-response schema, checked once, as a reusable validator."""
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _event_name(alternative: dict[str, Any]) -> Any:
    return alternative.get("properties", {}).get("event", {}).get("const")


@functools.lru_cache(maxsize=1)
def _split_validators() -> tuple[Validator, dict[str, Validator]] | None:
    """A validator for the answer with its events unchecked, and one per event name for an
    event of that name; None if the schema does not fix every event sub-schema's name."""
    schema = RemoteAction.action_response_format_spec()
    events = schema["properties"]["events"]
    item = events["items"]
    alternatives = item["oneOf"]
    names = [_event_name(a) for a in alternatives]
    if set(events) != {"type", "items"} or any(not isinstance(n, str) for n in names):
        return None
    cls = validators.validator_for(schema)
    outer = {**schema, "properties": {**schema["properties"],
                                      "events": {"type": events["type"]}}}
    per_name = {
        name: cls({**item, "oneOf": [a for a in alternatives if _event_name(a) == name]})
        for name in set(names)
    }
    return cls(outer), per_name


def certainly_valid(result: Any) -> bool:
    """True only if Rasa's schema accepts `result`; False means "run the whole schema"."""
    split = _split_validators()
    if split is None:
        return False
    outer, per_name = split
    if not outer.is_valid(result):
        return False
    for event in result.get("events") or []:
        name = event.get("event") if isinstance(event, dict) else None
        checker = per_name.get(name) if isinstance(name, str) else None
        if checker is None or not checker.is_valid(event):
            return False
    return True
