"""Begin (or retake) the assessment from a clean slate by asking about the person's work.

Asked once only: if the bot is already waiting for a description (the person pressed "Find my
archetype" again, or could not say), it goes straight to the screening questions instead.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import assess
from actions.common.base import KnowledgeAction
from knowledge.snapshot import CatalogueSnapshot

ASK_ROLE = "utter_ask_role"


class ActionStartAssessment(KnowledgeAction):
    action_name = "action_start_assessment"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        if tracker.get_slot(state.AWAITING) == "role":
            return assess(dispatcher, store, state.role_text(tracker), state.answers(tracker),
                          state.questions_asked(tracker))
        dispatcher.utter_message(response=ASK_ROLE)
        return [
            SlotSet(state.ROLE_TEXT, None),
            SlotSet(state.ANSWERS, None),
            SlotSet(state.QUESTIONS_ASKED, 0),
            SlotSet(state.PENDING_QUESTION, None),
            SlotSet(state.AWAITING, "role"),
        ]
