"""Names and readers of the slots that hold the conversation's state."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

AWAITING = "awaiting"
ROLE_TEXT = "role_text"
ANSWERS = "answers"
PENDING_QUESTION = "pending_question"
QUESTIONS_ASKED = "questions_asked"
PROFILE = "profile"
ARCHETYPES = "archetypes"
FAMILIARITY = "familiarity"
PLAN = "plan"
PLAN_FILTERS = "plan_filters"
PRIVACY_URL = "privacy_url"
DECISIONS_URL = "decisions_url"

MAX_ROLE_TEXT = 4000  # characters kept of what the person said about their role

ANSWER_BUTTONS = [
    {"title": "Yes", "payload": "/affirm"},
    {"title": "No", "payload": "/deny"},
    {"title": "A bit of both", "payload": "/partly"},
]


def latest_text(tracker: Tracker) -> str:
    """What the person typed last; button payloads such as `/affirm` count as empty."""
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("/") else text.strip()


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    return [
        str(e.get("value"))
        for e in (tracker.latest_message or {}).get("entities", [])
        if e.get("entity") == entity and e.get("value")
    ]


def answers(tracker: Tracker) -> dict[str, str]:
    value = tracker.get_slot(ANSWERS)
    return dict(value) if isinstance(value, dict) else {}


def archetypes(tracker: Tracker) -> list[str]:
    value = tracker.get_slot(ARCHETYPES)
    return [str(v) for v in value] if isinstance(value, list) else []


def questions_asked(tracker: Tracker) -> int:
    value = tracker.get_slot(QUESTIONS_ASKED)
    return int(value) if isinstance(value, (int, float)) else 0


def role_text(tracker: Tracker) -> str:
    value = tracker.get_slot(ROLE_TEXT)
    return value if isinstance(value, str) else ""


def add_role_text(previous: str, new: str) -> str:
    """Everything said about the role so far, newest kept when it grows too long."""
    combined = f"{previous}\n{new}".strip() if new else previous
    return combined[-MAX_ROLE_TEXT:]


def plan_filters(tracker: Tracker) -> list[str]:
    value = tracker.get_slot(PLAN_FILTERS)
    return [str(v) for v in value] if isinstance(value, list) else []


def slot_dict(tracker: Tracker, name: str) -> dict[str, Any] | None:
    value = tracker.get_slot(name)
    return value if isinstance(value, dict) else None


def clear_awaiting() -> list[SlotSet]:
    return [SlotSet(AWAITING, None), SlotSet(PENDING_QUESTION, None)]
