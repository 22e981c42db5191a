"""The answer to 'was this plan useful?' (and, for "not for me", why), noted anonymously."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from actions.common.feedback import (
    QUESTION,
    REASON_BUTTONS,
    REASON_ENTITY,
    REASON_QUESTION,
    SLOT,
    USEFULNESS_BUTTONS,
    USEFULNESS_ENTITY,
)
from actions.common.insights import note_reason, note_usefulness
from knowledge.insights.feedback import NOT_FOR_ME, REASONS, USEFULNESS
from knowledge.snapshot import CatalogueSnapshot

THANKS = "Thank you: that helps the people who plan NHS education and training."
THANKS_REASON = (
    "Thank you. If the plan missed the mark, you can tell me more about your role, ask for a "
    "different level, say \"show all options\", or ask to talk to a person."
)
NO_PLAN = "Once I've suggested a plan, you can tell me whether it was useful."
ALREADY = "Thanks, I've already noted your answer for this plan."


def _answer(tracker: Tracker, entity: str, allowed: dict[str, str]) -> str | None:
    return next((v for v in state.entity_values(tracker, entity) if v in allowed), None)


class ActionRatePlan(KnowledgeAction):
    action_name = "action_rate_plan"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        plan = state.slot_dict(tracker, state.PLAN)
        if not plan:
            dispatcher.utter_message(text=NO_PLAN)
            return []
        asked = tracker.get_slot(SLOT)
        reason = _answer(tracker, REASON_ENTITY, REASONS)
        if reason and asked == "reason_asked":
            note_reason(tracker, plan, reason)
            dispatcher.utter_message(text=THANKS_REASON)
            return [SlotSet(SLOT, "rated")]
        if asked in ("rated", "reason_asked"):
            dispatcher.utter_message(text=ALREADY)
            return []
        usefulness = _answer(tracker, USEFULNESS_ENTITY, USEFULNESS)
        if usefulness is None:
            dispatcher.utter_message(text=QUESTION, buttons=USEFULNESS_BUTTONS)
            return [SlotSet(SLOT, "asked")]
        note_usefulness(tracker, plan, usefulness)
        if usefulness == NOT_FOR_ME:
            dispatcher.utter_message(text=REASON_QUESTION, buttons=REASON_BUTTONS)
            return [SlotSet(SLOT, "reason_asked")]
        dispatcher.utter_message(text=THANKS)
        return [SlotSet(SLOT, "rated")]
