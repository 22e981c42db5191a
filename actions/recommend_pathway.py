"""Recommend a learning pathway for the person's archetypes and familiarity with AI."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import describes_work
from actions.common.base import KnowledgeAction
from actions.common.pathway import familiarity_from, recommend
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionRecommendPathway(KnowledgeAction):
    action_name = "action_recommend_pathway"
    reads_work = staticmethod(describes_work)

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        if not state.archetypes(tracker) and (
                role := self.role_if_work(tracker, store, state.latest_text(tracker))) is not None:
            # "what should a physio learn about AI?": place them first, then the plan follows
            return role
        return recommend(
            dispatcher, tracker, store, familiarity_from(tracker), state.plan_filters(tracker)
        )
