"""The answer to 'was this plan useful?' (and, for "not for me", why), noted anonymously."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from actions.common.feedback import (
    REASON_ENTITY,
    SLOT,
    USEFULNESS_ENTITY,
    ask_reason,
    ask_usefulness,
)
from actions.common.insights import note_reason, note_usefulness
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.insights.feedback import NOT_FOR_ME, REASONS, USEFULNESS

THANKS = "utter_plan_rated"
THANKS_REASON = "utter_plan_reason_noted"
NO_PLAN = "utter_no_plan_to_rate"
ALREADY = "utter_plan_already_rated"


def _answer(tracker: Tracker, entity: str, allowed: dict[str, str]) -> str | None:
    return next((v for v in state.entity_values(tracker, entity) if v in allowed), None)


class ActionRatePlan(KnowledgeAction):
    action_name = "action_rate_plan"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        plan = state.slot_dict(tracker, state.PLAN)
        if not plan:
            dispatcher.utter_message(response=NO_PLAN)
            return []
        asked = tracker.get_slot(SLOT)
        reason = _answer(tracker, REASON_ENTITY, REASONS)
        if reason and asked == "reason_asked":
            note_reason(tracker, plan, reason)
            dispatcher.utter_message(response=THANKS_REASON)
            return [SlotSet(SLOT, "rated")]
        if asked in ("rated", "reason_asked"):
            dispatcher.utter_message(response=ALREADY)
            return []
        usefulness = _answer(tracker, USEFULNESS_ENTITY, USEFULNESS)
        if usefulness is None:
            return ask_usefulness(dispatcher)
        note_usefulness(tracker, plan, usefulness)
        if usefulness == NOT_FOR_ME:
            return ask_reason(dispatcher)
        dispatcher.utter_message(response=THANKS)
        return [SlotSet(SLOT, "rated")]
