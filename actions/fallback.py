"""When the classifier is unsure: recover from the words if possible, else clarify, then offer help.

Stage one tries the words first (an archetype named alone, when the archetypes are on offer,
is a choice of it; a message naming a course or programme is a question about it; one naming a
job or an AI activity is a role description; one naming a provider or a glossary term is a
question about it), then offers the likeliest intents as buttons. Stage two, a second
miss in a row, offers the main routes and a person.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import describes_work, picked
from actions.common.base import KnowledgeAction
from actions.common.buttons import ROUTES, SOMETHING_ELSE, route
from actions.common.catalogue import answer_catalogue_question
from actions.explain_term import say_term
from knowledge.catalogue.search import named_offerings, named_provider
from knowledge.catalogue.snapshot import CatalogueSnapshot

ACTION_NAME = "action_fallback"


def second_miss(tracker: Tracker) -> bool:
    """Was the bot's previous reply (before this message) also a fallback?"""
    seen_current_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_current_user:
                return False
            seen_current_user = True
        elif event.get("event") == "action" and seen_current_user:
            name = event.get("name")
            if name not in ("action_listen", None):
                return name == ACTION_NAME
    return False


class ActionFallback(KnowledgeAction):
    action_name = ACTION_NAME
    reads_work = staticmethod(describes_work)

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        if (chosen := picked(tracker, store)) is not None:  # "users", said to pick one
            return chosen
        offerings = store.all_offerings()
        if text and named_offerings(text, offerings):  # "the Topol fellowship": not a job
            answer_catalogue_question(dispatcher, tracker, store)
            return []
        if (role := self.role_if_work(tracker, store, text)) is not None:
            return role
        if text and named_provider(text, offerings):  # after work: "I'm at NHS England" is a job
            answer_catalogue_question(dispatcher, tracker, store)
            return []
        terms = store.find_terms_in(text) if text else []
        if terms:
            say_term(dispatcher, terms[0])
            return []
        if second_miss(tracker):
            dispatcher.utter_message(response="utter_fallback_still_lost")
            return []
        dispatcher.utter_message(
            response="utter_fallback_clarify", buttons=_clarifying_buttons(tracker)
        )
        return []


def _clarifying_buttons(tracker: Tracker) -> list[dict[str, str]]:
    ranking = tracker.latest_message.get("intent_ranking") or []
    candidates = [r.get("name") for r in ranking if r.get("name") in ROUTES][:2]
    buttons = [route(name) for name in candidates]
    if "help" not in candidates:
        buttons.append(SOMETHING_ELSE)
    return buttons
