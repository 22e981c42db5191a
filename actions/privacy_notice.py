"""'What do you store about me?': the privacy notice, with the link to the full page."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.base import KnowledgeAction
from actions.common.reprompt import reprompt_pending
from actions.common.settings import privacy_url
from knowledge.store import KnowledgeStore


class ActionPrivacyNotice(KnowledgeAction):
    action_name = "action_privacy_notice"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: KnowledgeStore
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_privacy", privacy_url=privacy_url())
        return reprompt_pending(dispatcher, tracker, store)
