"""Talk to a running Pathfinder over REST, the way a channel would, and walk to a plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

# a description the engine places confidently (Embedders), so the walk needs no questions
EMBEDDER = (
    "I'm a medical physicist and I run the local validation of our AI auto-contouring software "
    "before it goes live, and I monitor its performance afterwards."
)
NEW_TO_AI = '/inform_familiarity{"familiarity": "new"}'


@dataclass
class Replies:
    messages: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.messages)

    @property
    def payloads(self) -> list[str]:
        return [b["payload"] for m in self.messages for b in m.get("buttons") or []]

    def custom(self, kind: str) -> dict[str, Any] | None:
        return next(
            (m["custom"] for m in self.messages
             if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind),
            None,
        )


def say(base_url: str, sender: str, text: str, metadata: dict[str, Any] | None = None,
        timeout: float = 60) -> Replies:
    body: dict[str, Any] = {"sender": sender, "message": text}
    if metadata:
        body["metadata"] = metadata
    response = requests.post(f"{base_url}/webhooks/rest/webhook", json=body, timeout=timeout)
    response.raise_for_status()
    return Replies(response.json())


def walk_to_plan(base_url: str, sender: str, metadata: dict[str, Any] | None = None) -> Replies:
    """Greet, describe the role, confirm the result and choose a level: the plan is shown."""
    say(base_url, sender, "/greet", metadata)
    replies = say(base_url, sender, EMBEDDER, metadata)
    assert replies.custom("archetype_result"), replies.messages
    replies = say(base_url, sender, "/affirm", metadata)
    if replies.custom("pathway_plan") is None:
        assert "/affirm" not in replies.payloads, replies.messages  # the level question
        replies = say(base_url, sender, NEW_TO_AI, metadata)
    assert replies.custom("pathway_plan"), replies.messages
    return replies
