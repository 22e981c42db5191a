"""The resilient remote action's parts that need no servers: its response check, its timeout
and a form step whose action server call fails."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import rasa.core.actions.forms as rasa_forms
from rasa.core.actions.action import RemoteAction
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.addons.resilient_actions import (
    DEFAULT_TIMEOUT,
    TIMEOUT_ENV,
    UNAVAILABLE,
    ResilientFormAction,
    ResilientRemoteAction,
    action_timeout,
)
from tests.reliability.support import closed_port

RESPONSES: dict[str, dict[str, Any]] = {
    "empty": {},
    "slot and message": {"events": [{"event": "slot", "name": "plan", "value": {"a": [1]}}],
                         "responses": [{"text": "hi", "buttons": []}]},
    "slot without value": {"events": [{"event": "slot", "name": "plan"}]},
    "unknown event": {"events": [{"event": "explode"}]},
    "events not a list": {"events": {"event": "slot"}},
    "response not an object": {"responses": ["hi"]},
    "bad timestamp": {"events": [{"event": "restart", "timestamp": "now"}]},
}


@pytest.mark.parametrize("case", list(RESPONSES))
def test_response_check_agrees_with_rasa(case: str) -> None:
    response = RESPONSES[case]
    try:
        jsonschema.validate(response, RemoteAction.action_response_format_spec())
        rasa_accepts = True
    except jsonschema.ValidationError:
        rasa_accepts = False
    action = ResilientRemoteAction("action_x", None)
    if rasa_accepts:
        assert action._validate_action_result(response)
    else:
        with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
            action._validate_action_result(response)


@pytest.mark.parametrize(("raw", "expected"),
                         [("", DEFAULT_TIMEOUT), ("2.5", 2.5), ("0", DEFAULT_TIMEOUT),
                          ("soon", DEFAULT_TIMEOUT), ("-3", DEFAULT_TIMEOUT)])
def test_action_timeout_setting(monkeypatch: pytest.MonkeyPatch, raw: str,
                                expected: float) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, raw)
    assert action_timeout() == expected


async def test_a_form_step_whose_validation_fails_says_so_once_and_keeps_its_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rasa_forms, "RemoteAction", ResilientRemoteAction)
    domain = Domain.from_yaml("""
version: "3.1"
intents: [inform]
slots:
  first: {type: text, mappings: [{type: from_text}]}
  second: {type: text, mappings: [{type: from_text}]}
forms:
  a_form: {required_slots: [first, second]}
actions: [validate_a_form]
""")
    tracker = DialogueStateTracker.from_events("t", [
        ActiveLoop("a_form"), SlotSet("requested_slot", "second"), ActionExecuted("action_listen"),
        UserUttered("something", {"name": "inform", "confidence": 1.0}),
        SlotSet("second", "something"),
    ], slots=domain.slots)
    form = ResilientFormAction("a_form", EndpointConfig(f"http://127.0.0.1:{closed_port()}/w"))
    events = await form.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}),
                            tracker, domain)
    assert [e.text for e in events] == [UNAVAILABLE]  # no new question, no slot changed
