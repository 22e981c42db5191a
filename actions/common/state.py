"""Names and readers of the slots that hold the conversation's state."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

ROLE_TEXT = "role_text"
PROFILE = "profile"
ARCHETYPES = "archetypes"
FAMILIARITY = "familiarity"
PLAN = "plan"
PLAN_FILTERS = "plan_filters"
PRIVACY_URL = "privacy_url"
DECISIONS_URL = "decisions_url"

# The assessment is a Rasa form (bot/domain/forms.yml); `requested_slot` names its open question.
ASSESSMENT_FORM = "assessment_form"
REQUESTED_SLOT = "requested_slot"
ANSWER_PREFIX = "answer_"  # one slot per archetype's screening question: answer_<archetype key>
PROFILE_CONFIRMED = "profile_confirmed"  # "Does that sound right?" (then familiarity, if unknown)

MAX_ROLE_TEXT = 4000  # characters kept of what the person said about their role


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


def answer_slot(archetype: str) -> str:
    return f"{ANSWER_PREFIX}{archetype}"


def answers(tracker: Tracker) -> dict[str, str]:
    """Archetype key -> yes | no | partly | primary, from the answer slots filled so far."""
    return {
        name[len(ANSWER_PREFIX):]: str(value)
        for name, value in tracker.slots.items()
        if name.startswith(ANSWER_PREFIX) and value is not None
    }


def open_question(tracker: Tracker) -> str | None:
    """The slot the assessment form is asking for, or None when no form question is open."""
    if tracker.active_loop_name != ASSESSMENT_FORM:
        return None
    return tracker.get_slot(REQUESTED_SLOT)


def open_when_spoken(tracker: Tracker) -> str | None:
    """The slot the form was asking for when the person's latest message came in."""
    requested = open_then = None
    for event in tracker.events:
        if event.get("event") == "user":
            open_then = requested
        elif event.get("event") == "slot" and event.get("name") == REQUESTED_SLOT:
            requested = event.get("value")
    return open_then


def replies_before(tracker: Tracker) -> set[str]:
    """The responses the bot gave in its reply just before the person's latest message."""
    replies: set[str] = set()
    users_seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen == 2:
                break
        elif event.get("event") == "bot" and users_seen == 1:
            action = (event.get("metadata") or {}).get("utter_action")
            if action:
                replies.add(action)
    return replies


def open_screening_question(tracker: Tracker) -> str | None:
    """The archetype whose screening question is open, if one is."""
    slot = open_question(tracker) or ""
    return slot[len(ANSWER_PREFIX):] if slot.startswith(ANSWER_PREFIX) else None


def archetypes(tracker: Tracker) -> list[str]:
    value = tracker.get_slot(ARCHETYPES)
    return [str(v) for v in value] if isinstance(value, list) else []


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
