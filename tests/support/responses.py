"""What a person sees of an action's messages: rendered from the domain by Rasa's own NLG.

Actions name a response and pass its variables; Rasa fills the response in. Tests that read the
bot's words render the messages the same way Rasa does (`RemoteAction._utter_responses`, the
domain in `bot/domain/`), so an assertion sees the sentence a member of staff would.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "bot" / "domain"
REST_CHANNEL = "collector"  # the name of the output channel REST replies go through


@lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load(str(DOMAIN_DIR))


class _Channel:
    """Only the name matters to Rasa's choice of a channel's variant of a response."""

    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


def _tracker(slots: dict[str, Any]) -> DialogueStateTracker:
    tracker = DialogueStateTracker("tester", domain().slots)
    for name, value in slots.items():
        if name in tracker.slots:
            tracker.slots[name].value = value
    return tracker


async def render_async(
    messages: list[dict[str, Any]], slots: dict[str, Any], channel: str = REST_CHANNEL
) -> list[dict[str, Any]]:
    """The messages as Rasa sends them to `channel`, responses filled in."""
    unknown = {m["response"] for m in messages if m.get("response")} - set(domain().responses)
    assert not unknown, f"no such response in {DOMAIN_DIR}: {', '.join(sorted(unknown))}"
    nlg = TemplatedNaturalLanguageGenerator(domain().responses)
    uttered = await RemoteAction._utter_responses(
        copy.deepcopy(messages), _Channel(channel), nlg, _tracker(slots)
    )
    return [u.message() for u in uttered]


def response_text(name: str, channel: str = REST_CHANNEL, **variables: Any) -> str:
    """The text of response `name` with its variables filled in (no slots set)."""
    nlg = TemplatedNaturalLanguageGenerator(domain().responses)
    shown = nlg.generate_from_slots(name, {}, channel, **variables)
    assert shown, f"{name} is not a response in {DOMAIN_DIR}"
    return str(shown["text"])
