"""The end of the assessment form: on to the plan, or a choice of archetypes.

The form ends when the person has confirmed the result (and said how familiar they are with
AI, unless that was known), said it is not quite right, or, with nothing held at all, as soon as
the questions stop; either way nobody is asked about their job again.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.ask_assessment import CONFIRMED
from actions.common import state
from actions.common.assessment import NOT_QUITE, choose_archetype
from actions.common.base import KnowledgeAction
from actions.common.insights import note_profile
from actions.common.pathway import familiarity_from, recommend
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionAssessmentResult(KnowledgeAction):
    action_name = "action_assessment_result"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        confirmed = tracker.get_slot(state.PROFILE_CONFIRMED)
        if confirmed is None:
            return choose_archetype(dispatcher, store)
        if not confirmed:
            return choose_archetype(dispatcher, store, NOT_QUITE)
        note_profile(tracker, state.slot_dict(tracker, state.PROFILE) or {})
        if state.open_when_spoken(tracker) == state.PROFILE_CONFIRMED:  # no familiarity asked
            dispatcher.utter_message(response=CONFIRMED)
        return recommend(
            dispatcher, tracker, store, familiarity_from(tracker), state.plan_filters(tracker)
        )
