"""The resilient remote action's own parts: its response check, its timeout, its kept-alive
connection to the action server (against a small HTTP server in the test), and a form step
whose action server call fails."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import jsonschema
import pytest
import rasa.core.actions.forms as rasa_forms
from rasa.core.actions.action import RemoteAction
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.addons.resilient_actions import (
    DEFAULT_TIMEOUT,
    UNAVAILABLE_RESPONSE,
    ResilientFormAction,
    ResilientRemoteAction,
    action_timeout,
)
from bot.contract import ACTION_TIMEOUT_ENV
from tests.reliability.support import closed_port
from tests.support.responses import domain, response_text

UNAVAILABLE = response_text(UNAVAILABLE_RESPONSE)
NLG = TemplatedNaturalLanguageGenerator(domain().responses)  # the bot's own words

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


ANSWER = b'{"events": [{"event": "slot", "name": "plan", "value": "ok"}], "responses": []}'


@dataclass
class ActionServer:
    """Answers every POST with ANSWER over HTTP/1.1 keep-alive; counts connections, keeps the
    bodies it was sent, and can close a kept connection at its second request without
    answering, as a server does that has just dropped an idle connection."""

    drop_second_request: bool = False
    answer: bytes = ANSWER
    connections: int = 0
    answered: int = 0
    bodies: list[bytes] = field(default_factory=list)
    url: str = ""
    _server: Any = field(default=None, repr=False)
    _open: set = field(default_factory=set, repr=False)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._open.add(writer)
        served = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = re.search(rb"content-length: *(\d+)", head, re.IGNORECASE)
                self.bodies.append(await reader.readexactly(int(length.group(1)) if length else 0))
                if served == 1 and self.drop_second_request:
                    return
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: %d\r\n\r\n%s" % (len(self.answer), self.answer))
                await writer.drain()
                served += 1
                self.answered += 1
        except asyncio.IncompleteReadError:
            return
        finally:
            self._open.discard(writer)
            writer.close()

    async def __aenter__(self) -> ActionServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}/webhook"
        return self

    async def __aexit__(self, *_: object) -> None:
        for writer in list(self._open):  # a stopped server drops its connections too
            writer.close()
        self._server.close()
        await self._server.wait_closed()


async def run_action(endpoint: EndpointConfig) -> list[Any]:
    domain = Domain.empty()
    tracker = DialogueStateTracker.from_events("kept-alive", [], slots=domain.slots)
    action = ResilientRemoteAction("action_x", endpoint)
    return await action.run(CollectingOutputChannel(), NLG,
                            tracker, domain)


@pytest.fixture
async def server() -> AsyncIterator[ActionServer]:
    async with ActionServer() as running:
        yield running


async def test_action_calls_share_one_connection(server: ActionServer) -> None:
    endpoint = EndpointConfig(url=server.url)
    for _ in range(3):
        assert await run_action(endpoint) == [SlotSet("plan", "ok")]
    assert (server.connections, server.answered) == (1, 3)


async def test_the_call_body_is_the_json_rasa_would_send(server: ActionServer) -> None:
    domain = Domain.empty()
    events = [UserUttered("a/b: café \U0001F600 1.5e-7", {"name": "greet", "confidence": 0.1})]
    tracker = DialogueStateTracker.from_events("json-body", events, slots=domain.slots)
    action = ResilientRemoteAction("action_x", EndpointConfig(url=server.url))
    await action.run(CollectingOutputChannel(), NLG, tracker, domain)
    sent = json.loads(server.bodies[0])
    assert sent == json.loads(json.dumps(action._action_call_format(tracker, domain)))
    assert sent["tracker"]["latest_message"]["text"] == "a/b: café \U0001F600 1.5e-7"


async def test_a_connection_the_server_dropped_is_replaced_and_the_call_sent_again() -> None:
    async with ActionServer(drop_second_request=True) as server:
        endpoint = EndpointConfig(url=server.url)
        first, second = await run_action(endpoint), await run_action(endpoint)
    assert first == second == [SlotSet("plan", "ok")]
    assert (server.connections, server.answered) == (2, 2)


async def test_an_action_server_that_is_gone_still_gets_the_polite_reply() -> None:
    async with ActionServer() as server:
        endpoint = EndpointConfig(url=server.url)
        await run_action(endpoint)
    events = await run_action(endpoint)
    assert [e.text for e in events] == [UNAVAILABLE]
async def test_a_form_step_whose_validation_fails_says_so_once_and_keeps_its_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rasa_forms, "RemoteAction", ResilientRemoteAction)
    domain = a_form_domain()
    form = ResilientFormAction("a_form", EndpointConfig(f"http://127.0.0.1:{closed_port()}/w"))
    events = await form.run(CollectingOutputChannel(), NLG, a_form_asking_second(domain), domain)
    assert [e.text for e in events] == [UNAVAILABLE]  # no new question, no slot changed


A_FORM = """
version: "3.1"
intents: [inform]
slots:
  first: {type: text, mappings: [{type: from_text}]}
  second: {type: text, mappings: [{type: from_text}]}
forms:
  a_form: {required_slots: [first, second]}
actions: [validate_a_form]
"""
REJECTED = (b'{"events": [{"event": "slot", "name": "first", "value": "kept"}, '
            b'{"event": "action_execution_rejected", "name": "validate_a_form"}], '
            b'"responses": [{"text": "Not now, sorry."}]}')


async def test_a_validation_action_that_rejects_itself_keeps_what_it_recorded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rasa_forms, "RemoteAction", ResilientRemoteAction)
    domain = a_form_domain()
    async with ActionServer(answer=REJECTED) as server:
        form = ResilientFormAction("a_form", EndpointConfig(url=server.url))
        events = await form.run(CollectingOutputChannel(), NLG, a_form_asking_second(domain),
                                domain)
    assert [(e.key, e.value) for e in events if isinstance(e, SlotSet)] == [("first", "kept")]
    assert [e.text for e in events if isinstance(e, BotUttered)] == ["Not now, sorry."]


def a_form_domain() -> Domain:
    return Domain.from_yaml(A_FORM)


def a_form_asking_second(domain: Domain) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("t", [
        ActiveLoop("a_form"), SlotSet("requested_slot", "second"), ActionExecuted("action_listen"),
        UserUttered("something", {"name": "inform", "confidence": 1.0}),
        SlotSet("second", "something"),
    ], slots=domain.slots)
