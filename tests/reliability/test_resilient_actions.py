"""The resilient remote action's parts that need no servers: its response check and timeout."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.addons.resilient_actions import DEFAULT_TIMEOUT, ResilientRemoteAction, action_timeout
from bot.contract import ACTION_TIMEOUT_ENV

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
    monkeypatch.setenv(ACTION_TIMEOUT_ENV, raw)
    assert action_timeout() == expected
