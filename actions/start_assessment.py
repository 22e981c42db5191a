"""Begin (or retake) the assessment from a clean slate; a rule then asks about the role."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from knowledge.store import KnowledgeStore


class ActionStartAssessment(KnowledgeAction):
    action_name = "action_start_assessment"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: KnowledgeStore
    ) -> list[EventType]:
        return [
            SlotSet(state.ROLE_TEXT, None),
            SlotSet(state.ANSWERS, None),
            SlotSet(state.QUESTIONS_ASKED, 0),
            *state.clear_awaiting(),
        ]
