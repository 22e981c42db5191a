"""Replies of yes, no or a bit of both, read against what the bot asked last."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import assess
from knowledge.snapshot import CatalogueSnapshot

INTENT_ANSWERS = {"affirm": "yes", "deny": "no", "partly": "partly"}


def answer_pending_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot, answer: str
) -> list[EventType]:
    pending = tracker.get_slot(state.PENDING_QUESTION)
    answers = {**state.answers(tracker), pending: answer}
    events: list[EventType] = [SlotSet(state.AWAITING, None)]
    return events + assess(
        dispatcher, store, state.role_text(tracker), answers, state.questions_asked(tracker)
    )
