"""'What's the difference between a Driver and a Shaper?' (one name alone, said while the result
or the choice of archetypes is open, picks it)."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.archetypes import archetypes_named
from actions.common.assessment import picked
from actions.common.base import KnowledgeAction
from actions.list_archetypes import overview
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionCompareArchetypes(KnowledgeAction):
    action_name = "action_compare_archetypes"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        if (chosen := picked(tracker, store)) is not None:  # "Embedders", said to pick one
            return chosen
        named = archetypes_named(tracker, store)
        if len(named) < 2:
            dispatcher.utter_message(response="utter_compare_which", archetypes=overview(store))
            return []
        first, second = named[:2]
        link = first.works_with.get(second.key) or second.works_with.get(first.key)
        dispatcher.utter_message(
            response="utter_compare_archetypes_linked" if link else "utter_compare_archetypes",
            first=first.name, first_summary=first.summary,
            second=second.name, second_summary=second.summary, works_together=link,
        )
        return []
