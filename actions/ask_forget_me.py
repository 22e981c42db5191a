"""'Forget me': confirm once before deleting anything."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from knowledge.snapshot import CatalogueSnapshot


class ActionAskForgetMe(KnowledgeAction):
    action_name = "action_ask_forget_me"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_ask_forget_me")
        return [SlotSet(state.AWAITING, "forget"), SlotSet(state.PENDING_QUESTION, None)]
