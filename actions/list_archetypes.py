"""'What are the archetypes?': the five, each in a line, from the store."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.base import KnowledgeAction
from knowledge.catalogue.snapshot import CatalogueSnapshot


def overview(store: CatalogueSnapshot) -> str:
    """One line per archetype with its summary: catalogue content, set out as a list."""
    return "\n".join(f"- **{a.name}**: {a.summary}" for a in store.archetypes())


class ActionListArchetypes(KnowledgeAction):
    action_name = "action_list_archetypes"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_list_archetypes", archetypes=overview(store))
        return []
