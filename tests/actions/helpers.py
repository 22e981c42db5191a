"""Build trackers in code and run actions against them (after covidflow's test helper)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.ask_assessment import QUESTIONS
from actions.common.store import current_catalogue, use_store
from bot.channels.card_text import card_text
from tests.support.payloads import assert_valid_payload
from tests.support.responses import render_async

UNFILLED = re.compile(r"\{[A-Za-z_]+\}")  # a response variable the action did not pass


def make_tracker(
    text: str = "",
    intent: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
    sender_id: str = "tester",
    ranking: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entities or [],
        "intent_ranking": ranking or [],
        "metadata": metadata or {},
    }
    history = list(events or [])
    user = {"event": "user", "text": text, "parse_data": latest, "metadata": metadata or {}}
    history.append(user)
    return Tracker(
        sender_id=sender_id,
        slots=dict(slots or {}),
        latest_message=latest,
        events=history,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@dataclass
class Outcome:
    dispatcher: CollectingDispatcher
    events: list[dict[str, Any]]
    shown: list[dict[str, Any]]  # the messages as Rasa sends them, responses filled in

    @property
    def texts(self) -> list[str]:
        """What a channel without cards shows: each text, and each card as its text."""
        shown = [m.get("text") or card_text(m.get("custom") or {}) for m in self.shown]
        return [t for t in shown if t]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def customs(self) -> list[dict[str, Any]]:
        return [m["custom"] for m in self.dispatcher.messages if m.get("custom")]

    def custom(self, kind: str) -> dict[str, Any]:
        found = [c for c in self.customs if c.get("type") == kind]
        assert found, f"no {kind} payload in {self.dispatcher.messages}"
        assert_valid_payload(found[0])
        return found[0]

    @property
    def responses(self) -> list[str]:
        return [m["response"] for m in self.dispatcher.messages if m.get("response")]

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [b for m in self.shown for b in m.get("buttons") or []]

    @property
    def slots(self) -> dict[str, Any]:
        return {e["name"]: e["value"] for e in self.events if e.get("event") == "slot"}


async def run(action: Action, tracker: Tracker, store=None,  # noqa: ANN001
              domain: dict[str, Any] | None = None) -> Outcome:
    if store is not None:
        use_store(store)
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain or {})
    return await outcome(dispatcher, events, tracker)


async def ask(slot: str, tracker: Tracker) -> Outcome:
    """The assessment form's question for `slot`, as validate_assessment_form asks it."""
    dispatcher = CollectingDispatcher()
    events = QUESTIONS[slot](dispatcher, tracker, current_catalogue())
    return await outcome(dispatcher, events, tracker)


async def outcome(dispatcher: CollectingDispatcher, events: list[dict[str, Any]],
                  tracker: Tracker) -> Outcome:
    shown = await render_async(dispatcher.messages, tracker.slots)
    unfilled = [m["text"] for m in shown if UNFILLED.search(m.get("text") or "")]
    assert not unfilled, f"a response was left unfilled: {unfilled}"
    return Outcome(dispatcher, list(events), shown)
