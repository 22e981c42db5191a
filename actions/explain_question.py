"""'Why do you ask?': explain the pending question, then ask it again."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from knowledge.snapshot import CatalogueSnapshot
from knowledge.wording import lower_first

GENERAL = (
    "I only ask when your description leaves me unsure. Each question checks one kind of AI "
    "responsibility, because the five archetypes are defined by what people do with AI rather "
    "than by job title, and the right learning depends on it."
)


class ActionExplainQuestion(KnowledgeAction):
    action_name = "action_explain_question"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        pending = tracker.get_slot(state.PENDING_QUESTION)
        archetype = store.archetype(pending) if pending else None
        if tracker.get_slot(state.AWAITING) != "question" or archetype is None:
            dispatcher.utter_message(text=GENERAL)
            return []
        dispatcher.utter_message(text=f"I ask because {lower_first(archetype.question.why)}")
        dispatcher.utter_message(text=archetype.question.text, buttons=state.ANSWER_BUTTONS)
        return []

