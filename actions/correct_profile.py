"""Corrections at any point: "I'm more of a Driver", "I also build models", "I'm not a User"."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import assess
from actions.common.base import KnowledgeAction
from knowledge.corrections import parse_correction
from knowledge.snapshot import CatalogueSnapshot


class ActionCorrectProfile(KnowledgeAction):
    action_name = "action_correct_profile"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        named = state.entity_values(tracker, "archetype")
        corrections = parse_correction(text, named)
        answers = {**state.answers(tracker), **corrections}
        role = state.role_text(tracker)
        if not corrections:  # no archetype named or implied: read it as more description
            role = state.add_role_text(role, text)
        return assess(dispatcher, store, role, answers, state.questions_asked(tracker))
