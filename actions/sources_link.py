"""'Where does your advice come from?': set the page's link; a rule then shows `utter_sources`."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common.base import KnowledgeAction
from actions.common.settings import decisions_url
from actions.common.state import DECISIONS_URL
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionSourcesLink(KnowledgeAction):
    action_name = "action_sources_link"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        return [SlotSet(DECISIONS_URL, decisions_url())]
