"""Out of scope and help, unless the message describes the person's work.

The intent classifier can take an informal description ("physio here what should i learn about
ai") for a request for help or for something out of scope. A message that names a job or an
AI activity is always read as a role description; anything else gets the usual reply.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import describes_work, record_role
from actions.common.base import KnowledgeAction
from knowledge.catalogue.snapshot import CatalogueSnapshot


class _WorkFirst(KnowledgeAction):
    response = ""

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        if describes_work(store, text):
            return record_role(tracker, text)
        dispatcher.utter_message(response=self.response)
        return []


class ActionOutOfScope(_WorkFirst):
    action_name = "action_out_of_scope"
    response = "utter_out_of_scope"


class ActionHelp(_WorkFirst):
    action_name = "action_help"
    response = "utter_help"
