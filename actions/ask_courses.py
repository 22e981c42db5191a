"""'Any courses on automation bias?', 'which are free and online?': answered from the catalogue."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.base import KnowledgeAction
from actions.common.catalogue import answer_catalogue_question
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionAskCourses(KnowledgeAction):
    """Works with or without a profile; a profile only puts the person's own offerings first."""

    action_name = "action_ask_courses"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        answer_catalogue_question(dispatcher, tracker, store)
        return []
