"""'Forget me': confirm once before deleting anything."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.base import KnowledgeAction
from knowledge.store import KnowledgeStore


class ActionAskForgetMe(KnowledgeAction):
    action_name = "action_ask_forget_me"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: KnowledgeStore
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=(
                "Shall I delete everything I hold about you: this conversation, your archetypes "
                "and your plan? This can't be undone."
            ),
            buttons=[
                {"title": "Yes, delete it", "payload": "/affirm"},
                {"title": "No, keep it", "payload": "/deny"},
            ],
        )
        return []  # a yes straight after this question deletes (bot/data/rules/rules.yml)
