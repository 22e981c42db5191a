"""A description of the person's role: identify their archetypes, or ask one question."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.answers import answer_pending_question
from actions.common.assessment import assess_message
from actions.common.base import KnowledgeAction
from knowledge.snapshot import CatalogueSnapshot
from knowledge.text import parse_answer

SHORT_REPLY_WORDS = 4


class ActionIdentifyArchetype(KnowledgeAction):
    action_name = "action_identify_archetype"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        pending = tracker.get_slot(state.PENDING_QUESTION)
        short = len(text.split()) <= SHORT_REPLY_WORDS
        if tracker.get_slot(state.AWAITING) == "question" and pending and short:
            answer = parse_answer(text)
            if answer:  # "I do", "not really": an answer the classifier took for a description
                return answer_pending_question(dispatcher, tracker, store, answer)
        return assess_message(dispatcher, tracker, store, text)
