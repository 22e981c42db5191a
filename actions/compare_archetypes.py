"""'What's the difference between a Driver and a Shaper?'"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.archetypes import archetypes_named
from actions.common.base import KnowledgeAction
from actions.list_archetypes import overview
from knowledge.store import KnowledgeStore


class ActionCompareArchetypes(KnowledgeAction):
    action_name = "action_compare_archetypes"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: KnowledgeStore
    ) -> list[EventType]:
        named = archetypes_named(tracker, store)
        if len(named) < 2:
            dispatcher.utter_message(
                text="Which two archetypes shall I compare? Here they all are:\n"
                + overview(store)
            )
            return []
        first, second = named[:2]
        lines = [
            f"**{first.name}**: {first.summary}",
            f"**{second.name}**: {second.summary}",
        ]
        link = first.works_with.get(second.key) or second.works_with.get(first.key)
        if link:
            lines.append(f"How they work together: {link}")
        lines.append(
            "One person can be both: archetypes describe responsibilities with AI, not job titles."
        )
        dispatcher.utter_message(text="\n".join(lines))
        return []
