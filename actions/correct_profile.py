"""Corrections at any point: "I'm more of a Driver", "I also build models", "I'm not a User"."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import record_role, reopen
from actions.common.base import KnowledgeAction
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.corrections import parse_correction


class ActionCorrectProfile(KnowledgeAction):
    action_name = "action_correct_profile"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        named = state.entity_values(tracker, "archetype")
        corrections = parse_correction(text, named, lexicon=store.compiled_lexicon)
        if not corrections:  # no archetype named or implied: read it as more description
            return record_role(tracker, text)
        return [
            SlotSet(state.ROLE_TEXT, state.role_text(tracker)),
            *(SlotSet(state.answer_slot(key), value) for key, value in corrections.items()),
            *reopen(tracker),
        ]
