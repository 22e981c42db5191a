"""Greeting: what Pathfinder does, a one-line privacy notice, and ways to start."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.base import KnowledgeAction
from actions.common.settings import privacy_url
from knowledge.store import KnowledgeStore

START_BUTTONS = [
    {"title": "Find my archetype", "payload": "/start_assessment"},
    {"title": "What are the archetypes?", "payload": "/list_archetypes"},
    {"title": "What can you do?", "payload": "/help"},
]


class ActionGreet(KnowledgeAction):
    action_name = "action_greet"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: KnowledgeStore
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=(
                "Hello, I'm Pathfinder. I help NHS health and care staff see where they fit among "
                "the five AI workforce archetypes and suggest learning that builds appropriate "
                "confidence with AI."
            )
        )
        dispatcher.utter_message(
            text=(
                "Privacy: I keep what you tell me about your role and your plan so you can come "
                f"back to it; say \"forget me\" to delete it. Notice: {privacy_url()}"
            ),
            buttons=START_BUTTONS,
        )
        return []
