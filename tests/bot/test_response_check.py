"""The short check accepts exactly the answers Rasa's whole schema accepts, and no other."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core import events as rasa_events

from bot.addons.response_check import certainly_valid

EVENTS = [
    rasa_events.UserUttered("hi", {"name": "greet", "confidence": 1.0},
                            [{"entity": "role", "value": "nurse", "start": 0, "end": 2}]),
    rasa_events.DefinePrevUserUtteredFeaturization(False),
    rasa_events.EntitiesAdded([{"entity": "role", "value": "nurse"}]),
    rasa_events.BotUttered("hello", {"buttons": [{"title": "Yes", "payload": "/affirm"}],
                                     "custom": {"card": {"a": [1, 2]}}}),
    rasa_events.SlotSet("plan", {"archetypes": ["users"], "items": [{"k": 1.5}]}),
    rasa_events.SlotSet("requested_slot", None),
    rasa_events.Restarted(),
    rasa_events.UserUtteranceReverted(),
    rasa_events.AllSlotsReset(),
    rasa_events.ReminderScheduled("remind", datetime(2026, 1, 1, 9, 0)),
    rasa_events.ReminderCancelled("remind"),
    rasa_events.ActionReverted(),
    rasa_events.StoryExported(),
    rasa_events.FollowupAction("action_listen"),
    rasa_events.ConversationPaused(),
    rasa_events.ConversationResumed(),
    rasa_events.ActionExecuted("action_greet", policy="RulePolicy", confidence=1.0),
    rasa_events.AgentUttered("hi"),
    rasa_events.ActiveLoop("assessment_form"),
    rasa_events.LoopInterrupted(True),
    rasa_events.ActionExecutionRejected("validate_assessment_form"),
    rasa_events.SessionStarted(),
]

BAD = {
    "unknown event": {"events": [{"event": "explode"}]},
    "event without a name": {"events": [{"value": 1}]},
    "event name not a string": {"events": [{"event": 3}]},
    "event not an object": {"events": ["slot"]},
    "slot without value": {"events": [{"event": "slot", "name": "plan"}]},
    "slot name not a string": {"events": [{"event": "slot", "name": 1, "value": 1}]},
    "bad timestamp": {"events": [{"event": "restart", "timestamp": "now"}]},
    "metadata not an object": {"events": [{"event": "restart", "metadata": [1]}]},
    "events not a list": {"events": {"event": "slot"}},
    "events null": {"events": None},
    "responses not a list": {"responses": {"text": "hi"}},
    "response not an object": {"responses": ["hi"]},
    "a good event then a bad one": {"events": [{"event": "restart"}, {"event": "explode"}]},
    "not an object": ["events"],
}


def rasa_accepts(result: Any) -> bool:
    try:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    except jsonschema.ValidationError:
        return False
    return True


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.type_name)
def test_every_kind_of_rasa_event_passes_both_checks(event: rasa_events.Event) -> None:
    result = {"events": [event.as_dict()], "responses": [{"text": "hi", "buttons": []}]}
    assert rasa_accepts(result)
    assert certainly_valid(result)


def test_every_rasa_event_type_is_covered() -> None:
    names = {e.type_name for e in EVENTS}
    schema_names = {alt["properties"]["event"]["const"] for alt in
                    RemoteAction.action_response_format_spec()["properties"]["events"][
                        "items"]["oneOf"]}
    assert schema_names - names <= {"form", "form_validation"}  # legacy, no 3.x class


def test_a_whole_turn_passes_both_checks() -> None:
    result = {"events": [e.as_dict() for e in EVENTS], "responses": []}
    assert rasa_accepts(result) and certainly_valid(result)
    assert rasa_accepts({}) and certainly_valid({})


@pytest.mark.parametrize("case", list(BAD))
def test_an_answer_rasa_rejects_is_never_called_valid(case: str) -> None:
    assert not rasa_accepts(BAD[case])
    assert not certainly_valid(BAD[case])
