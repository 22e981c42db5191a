"""Begin (or retake) the assessment from a clean slate; the form then asks about the work.

Asked once only: if the form is already waiting for a description (the person pressed "Find my
archetype" again), they have nothing to add, so the form goes straight to the screening
questions instead.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import fresh_assessment
from actions.common.base import KnowledgeAction
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionStartAssessment(KnowledgeAction):
    action_name = "action_start_assessment"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        if state.open_question(tracker) == state.ROLE_TEXT:
            return [SlotSet(state.ROLE_TEXT, "")]  # said, as far as they can say it
        return fresh_assessment(tracker)
