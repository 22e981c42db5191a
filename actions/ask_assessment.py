"""The assessment form's questions: a screening question per archetype, the result, familiarity.

Rasa runs `action_ask_<slot>` each time the form asks for a slot, including when it comes back
to the open question after a side question; then it says "back to my question".
"""

from __future__ import annotations

from abc import abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import current_profile
from actions.common.base import KnowledgeAction
from actions.common.pathway import ask_familiarity
from actions.common.render import archetype_card
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.screening import settle
from knowledge.engines.views import ARCHETYPE_KEYS

FIRST_QUESTION = "utter_first_screening_question"
QUESTION = "utter_screening_question"
QUESTION_AGAIN = "utter_screening_question_again"
CONFIRM = "utter_confirm_profile"
CONFIRM_AGAIN = "utter_confirm_profile_again"
CONFIRMED = "utter_profile_confirmed"


def asked_again(tracker: Tracker, slot: str) -> bool:
    """Whether `slot` was already the open question when the person's latest message came in
    (so they asked something else in between), rather than being asked for the first time."""
    return state.open_when_spoken(tracker) == slot


class AskScreeningQuestion(KnowledgeAction):
    """Ask the screening question of one archetype (its wording is catalogue content)."""

    @property
    @abstractmethod
    def archetype(self) -> str:
        """The archetype key whose question this action asks."""

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        question = store.archetype(self.archetype).question  # type: ignore[union-attr]
        if asked_again(tracker, state.answer_slot(self.archetype)):
            response = QUESTION_AGAIN
        else:
            response = QUESTION if state.answers(tracker) else FIRST_QUESTION
        dispatcher.utter_message(response=response, question=question.text)
        return []


def _ask_action(key: str) -> type[AskScreeningQuestion]:
    name = f"action_ask_{state.answer_slot(key)}"
    return type(f"AskAnswer{key.title()}", (AskScreeningQuestion,), {
        "action_name": name, "archetype": key, "__module__": __name__,
        "__doc__": f"Ask the {key} screening question.",
    })


ASK_ACTIONS = tuple(_ask_action(key) for key in ARCHETYPE_KEYS)


class ActionAskProfileConfirmed(KnowledgeAction):
    """Show the result with its reasons and ask whether it sounds right; after a side question,
    ask again without repeating the card unless the result has changed."""

    action_name = f"action_ask_{state.PROFILE_CONFIRMED}"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        profile = settle(current_profile(store, tracker))
        payload = profile.to_payload()
        unchanged = payload == state.slot_dict(tracker, state.PROFILE)
        if unchanged and asked_again(tracker, state.PROFILE_CONFIRMED):
            dispatcher.utter_message(response=CONFIRM_AGAIN)
            return []
        dispatcher.utter_message(json_message=archetype_card(profile, store))
        dispatcher.utter_message(response=CONFIRM)
        return [
            SlotSet(state.PROFILE, payload),
            SlotSet(state.ARCHETYPES, list(profile.archetypes)),
        ]


class ActionAskFamiliarity(KnowledgeAction):
    """Once the result is confirmed: how familiar the person is with AI, for the plan."""

    action_name = f"action_ask_{state.FAMILIARITY}"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        if not asked_again(tracker, state.FAMILIARITY):
            dispatcher.utter_message(response=CONFIRMED)
        ask_familiarity(dispatcher)
        return []
