"""'Why do you ask?': explain the open screening question; the form then asks it again."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.wording import lower_first

WHY_THIS_QUESTION = "utter_why_this_question"
WHY_QUESTIONS = "utter_why_questions"


class ActionExplainQuestion(KnowledgeAction):
    action_name = "action_explain_question"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        key = state.open_screening_question(tracker)
        archetype = store.archetype(key) if key else None
        if archetype is None:
            dispatcher.utter_message(response=WHY_QUESTIONS)
        else:
            dispatcher.utter_message(
                response=WHY_THIS_QUESTION, reason=lower_first(archetype.question.why)
            )
        return []
