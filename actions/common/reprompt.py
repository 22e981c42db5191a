"""After a side question, bring the person back to the question still open."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from knowledge.snapshot import CatalogueSnapshot


def reprompt_pending(
    dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
) -> list[EventType]:
    pending = tracker.get_slot(state.PENDING_QUESTION)
    if tracker.get_slot(state.AWAITING) != "question" or not pending:
        return []
    archetype = store.archetype(pending)
    if archetype is not None:
        dispatcher.utter_message(
            text=f"Back to my question: {archetype.question.text}", buttons=state.ANSWER_BUTTONS
        )
    return []
