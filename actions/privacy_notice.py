"""'What do you store about me?': set the notice's link; a rule then shows `utter_privacy`."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common.base import KnowledgeAction
from actions.common.settings import privacy_url
from actions.common.state import PRIVACY_URL
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionPrivacyNotice(KnowledgeAction):
    action_name = "action_privacy_notice"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        return [SlotSet(PRIVACY_URL, privacy_url())]
