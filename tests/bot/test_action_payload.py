"""Actions answer the lean call exactly as they answer Rasa's own, on the real action server.

The trained model runs in-process (as in the bench's profile) with Pathfinder's resilient
actions; every custom action call of a few whole conversations is sent to the real action
server twice, as Rasa builds it with its defaults and as the deployed endpoint sends it (Rasa's
selective domain, then `action_payload`), and both answers must match; the lean body must be
Rasa's with only the unread parts left out.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from bot.addons import resilient_actions
from bot.addons.endpoints import ACTION_ENDPOINT_OPTIONS
from bot.addons.resilient_actions import ResilientRemoteAction
from bot.contract import ACTIONS_SECRET_SCHEME
from scripts.bench.load import pathfinder_conversation
from tests.support.servers import ACTIONS_SECRET, MODEL, Server, start_action_server

CONVERSATIONS = [
    pathfinder_conversation(0),
    ["hello", "purple monkey dishwasher",
     "purple monkey dishwasher", "I'm a pharmacist",
     "why do you ask?", "yes", "what is automation bias?"],
    ["I lead the digital team that buys AI products for our trust", "no", "partly",
     "help", "yes"],
]


@pytest.fixture(scope="module")
def action_server() -> Iterator[Server]:
    server = start_action_server(PATHFINDER_OFFLINE="1")
    yield server
    server.stop()


def secret_header() -> dict[str, str]:
    return {"Authorization": f"{ACTIONS_SECRET_SCHEME} {ACTIONS_SECRET}"}


class Compared:
    """Every call's answers, to Rasa's body and to the lean one."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.calls: list[tuple[str, dict[str, Any], dict[str, Any], int, int]] = []
        self.given_domain: dict[str, bool] = {}  # action -> whether the lean call held the domain
        self.bodies: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (Rasa's, lean) as JSON

    async def both(self, name: str, tracker: Any, domain: Domain) -> None:
        whole = RemoteAction._action_call_format(ResilientRemoteAction(name, None), tracker,
                                                 domain)
        deployed = EndpointConfig(url=self.url, **ACTION_ENDPOINT_OPTIONS)
        lean = ResilientRemoteAction(name, deployed)._action_call_format(tracker, domain)
        answers = []
        bodies = (json.loads(json.dumps(whole)), json.loads(json.dumps(lean)))
        self.bodies.append(bodies)
        async with aiohttp.ClientSession(headers=secret_header()) as session:
            for body in bodies:
                async with session.post(self.url, json=body) as reply:
                    answers.append((reply.status, await reply.json()))
        self.calls.append((name, *answers, len(json.dumps(whole)), len(json.dumps(lean))))
        self.given_domain[name] = "domain" in lean


async def _talk(compared: Compared) -> None:
    from rasa.core.agent import Agent

    original = ResilientRemoteAction.run

    async def run(self: ResilientRemoteAction, output: Any, nlg: Any, tracker: Any,
                  domain: Any) -> Any:
        await compared.both(self.name(), tracker, domain)
        return await original(self, output, nlg, tracker, domain)

    ResilientRemoteAction.run = run  # type: ignore[method-assign]
    try:
        agent = Agent.load(str(MODEL), action_endpoint=EndpointConfig(
            url=compared.url, headers=secret_header()))
        for texts in CONVERSATIONS:
            sender = f"payload-{uuid.uuid4().hex[:8]}"
            for text in texts:
                await agent.handle_text(text, sender_id=sender)
    finally:
        ResilientRemoteAction.run = original  # type: ignore[method-assign]


@pytest.fixture(scope="module")
def compared(action_server: Server) -> Compared:
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    resilient_actions.install()
    found = Compared(f"{action_server.url}/webhook")
    asyncio.run(_talk(found))
    return found


def test_every_action_answers_the_lean_call_as_rasas_own(compared: Compared) -> None:
    assert len(compared.calls) > 15
    for name, whole, lean, _, _ in compared.calls:
        assert whole[0] == 200, name
        assert lean == whole, name


def without_unread_parts(whole: dict[str, Any], with_domain: bool) -> dict[str, Any]:
    """Rasa's call body with only what `action_payload` leaves out taken away (and the
    domain when Rasa's selective domain does not send it)."""
    tracker = whole["tracker"]
    events = [{k: v for k, v in e.items() if not (e["event"] == "bot" and k == "data")}
              for e in tracker["events"]]
    lean = {k: v for k, v in whole.items() if k != "domain"}
    lean["tracker"] = {**tracker, "events": events}
    if with_domain:
        lean["domain"] = {k: v for k, v in whole["domain"].items() if k != "responses"}
    return lean


def test_the_lean_call_is_rasas_without_the_unread_parts(compared: Compared) -> None:
    assert any(whole["tracker"]["active_loop"] for whole, _ in compared.bodies)
    for whole, lean in compared.bodies:
        expected = without_unread_parts(whole, "domain" in lean)
        assert list(lean) == list(expected)
        assert list(lean["tracker"]) == list(whole["tracker"])
        assert lean == expected


def test_the_actions_that_read_past_events_and_the_domain_were_called(
        compared: Compared) -> None:
    names = [name for name, *_ in compared.calls]
    said = {r.get("response") for _, whole, *_ in compared.calls for r in whole[1]["responses"]}
    assert "validate_assessment_form" in names  # reads the domain's form
    assert "utter_fallback_still_lost" in said  # a second miss, read from past events
    assert said & {"utter_screening_question_again", "utter_confirm_profile_again"}  # ditto


def test_only_the_form_validation_is_sent_the_domain(compared: Compared) -> None:
    others = dict(compared.given_domain)
    assert others.pop("validate_assessment_form")
    assert others and not any(others.values())


def test_the_lean_call_is_much_smaller_after_a_plan(compared: Compared) -> None:
    last = compared.calls[-1]
    assert last[4] < 0.75 * last[3]
