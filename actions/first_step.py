"""'What should I do first?': the first step of the plan and its quickest way in."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from actions.common.pathway import familiarity_from, recommend
from actions.common.render import offering_line
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionFirstStep(KnowledgeAction):
    action_name = "action_first_step"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        plan = state.slot_dict(tracker, state.PLAN)
        if not plan or not plan.get("steps"):
            return recommend(
                dispatcher, tracker, store, familiarity_from(tracker), state.plan_filters(tracker)
            )
        step = plan["steps"][0]
        first = step["offerings"][0]
        dispatcher.utter_message(
            response="utter_first_step", title=step["title"], why=step["why"],
            offering=offering_line(first),
        )
        return []
