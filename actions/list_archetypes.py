"""'What are the archetypes?': the five, each in a line, from the store."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.base import KnowledgeAction
from knowledge.store import KnowledgeStore


def overview(store: KnowledgeStore) -> str:
    return "\n".join(f"- **{a.name}**: {a.summary}" for a in store.archetypes())


class ActionListArchetypes(KnowledgeAction):
    action_name = "action_list_archetypes"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: KnowledgeStore
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=(
                "The NHS AI Lab and Health Education England research groups staff into five AI "
                "workforce archetypes by what they do with AI. One person can hold several.\n"
                + overview(store)
            ),
            buttons=[{"title": "Find my archetype", "payload": "/start_assessment"}],
        )
        return []
