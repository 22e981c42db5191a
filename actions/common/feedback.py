"""'Was this plan useful?': the one optional question after a plan, and its buttons.

The answers come back as button payloads (`/rate_plan{"usefulness": ...}`) built from the one
list in `knowledge.insights.feedback`, so no free text is needed or kept. The `feedback` slot
makes sure the question is asked once per conversation and each answer counted once.
"""

from __future__ import annotations

import json

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge.insights.feedback import REASONS, USEFULNESS

INTENT = "rate_plan"
SLOT = "feedback"  # None, then "asked", "reason_asked" (after "not for me"), "rated"
USEFULNESS_ENTITY = "usefulness"
REASON_ENTITY = "feedback_reason"


def _payload(entity: str, value: str) -> str:
    return f"/{INTENT}{json.dumps({entity: value})}"


USEFULNESS_BUTTONS = [
    {"title": words, "payload": _payload(USEFULNESS_ENTITY, key)}
    for key, words in USEFULNESS.items()
]
REASON_BUTTONS = [
    {"title": words, "payload": _payload(REASON_ENTITY, key)} for key, words in REASONS.items()
]


def ask_usefulness(dispatcher: CollectingDispatcher) -> list[EventType]:
    """Ask whether the plan was useful, with one button per answer."""
    dispatcher.utter_message(response="utter_ask_plan_useful", buttons=USEFULNESS_BUTTONS)
    return [SlotSet(SLOT, "asked")]


def ask_reason(dispatcher: CollectingDispatcher) -> list[EventType]:
    """After "not for me": ask why, with one button per reason."""
    dispatcher.utter_message(response="utter_ask_plan_reason", buttons=REASON_BUTTONS)
    return [SlotSet(SLOT, "reason_asked")]


def ask_once(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Ask whether the plan was useful, unless this conversation has been asked already."""
    if tracker.get_slot(SLOT):
        return []
    return ask_usefulness(dispatcher)
