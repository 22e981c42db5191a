"""'Forget me': confirm once before deleting anything."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.base import KnowledgeAction
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionAskForgetMe(KnowledgeAction):
    action_name = "action_ask_forget_me"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_ask_forget_me")
        return []  # a yes straight after this question deletes (bot/data/rules)
