"""The assessment form's questions: a screening question per archetype, the result, familiarity.

`validate_assessment_form` asks them itself, in the same call in which it chooses the next one,
each time the form asks for a slot, including when it comes back to the open question after a
side question (then it says "back to my question"). The domain therefore has no
`action_ask_<slot>` and no `utter_ask_<slot>` for these slots: Rasa's form finds nothing of its
own to ask with, and makes no second call to the action server for it.
"""

from __future__ import annotations

from collections.abc import Callable

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import current_profile
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

Question = Callable[[CollectingDispatcher, Tracker, CatalogueSnapshot], list[EventType]]


def asked_again(tracker: Tracker, slot: str) -> bool:
    """Whether `slot` was already the open question when the person's latest message came in
    (so they asked something else in between), rather than being asked for the first time."""
    return state.open_when_spoken(tracker) == slot


def screening_question(archetype: str) -> Question:
    """The screening question of one archetype (its wording is catalogue content)."""
    slot = state.answer_slot(archetype)

    def ask(dispatcher: CollectingDispatcher, tracker: Tracker,
            store: CatalogueSnapshot) -> list[EventType]:
        question = store.archetype(archetype).question  # type: ignore[union-attr]
        if asked_again(tracker, slot):
            response = QUESTION_AGAIN
        else:
            response = QUESTION if state.answers(tracker) else FIRST_QUESTION
        dispatcher.utter_message(response=response, question=question.text)
        return []

    return ask


def confirm_profile(dispatcher: CollectingDispatcher, tracker: Tracker,
                    store: CatalogueSnapshot) -> list[EventType]:
    """Show the result with its reasons and ask whether it sounds right; after a side question,
    ask again without repeating the card unless the result has changed."""
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


def familiarity(dispatcher: CollectingDispatcher, tracker: Tracker,
                store: CatalogueSnapshot) -> list[EventType]:
    """Once the result is confirmed: how familiar the person is with AI, for the plan."""
    if not asked_again(tracker, state.FAMILIARITY):
        dispatcher.utter_message(response=CONFIRMED)
    ask_familiarity(dispatcher)
    return []


# Every form slot the validation action asks for; the role is asked by the domain's own
# `utter_ask_role_text`, which Rasa's form says itself.
QUESTIONS: dict[str, Question] = {
    **{state.answer_slot(key): screening_question(key) for key in ARCHETYPE_KEYS},
    state.PROFILE_CONFIRMED: confirm_profile,
    state.FAMILIARITY: familiarity,
}
