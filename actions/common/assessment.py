"""The assessment step shared by descriptions, answers and corrections.

Run the engine on everything known so far; then either ask the single most informative
question (the screening policy sets how many) or show the result and ask whether it sounds right.
"""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.render import profile_text
from knowledge.advisor import identify
from knowledge.screening import question_to_ask
from knowledge.store import KnowledgeStore
from knowledge.views import ArchetypeProfile

CONFIRM_BUTTONS = [
    {"title": "Yes, that's me", "payload": "/affirm"},
    {"title": "Not quite", "payload": "/deny"},
]
NOTHING_YET = (
    "I can't place you yet. Could you tell me a bit more about what you do day to day, and "
    "where AI comes into it (or might)?"
)


def assess(
    dispatcher: CollectingDispatcher,
    store: KnowledgeStore,
    role_text: str,
    answers: dict[str, str],
    asked: int,
) -> list[EventType]:
    profile = identify(store, role_text, answers)
    events: list[EventType] = [
        SlotSet(state.ROLE_TEXT, role_text),
        SlotSet(state.ANSWERS, answers),
    ]
    question = question_to_ask(profile, asked)
    if question is not None:
        return events + ask_question(dispatcher, store, question, asked)
    if not profile.archetypes:
        dispatcher.utter_message(text=NOTHING_YET)
        return events + state.clear_awaiting()
    return events + show_profile(dispatcher, store, profile)


def ask_question(
    dispatcher: CollectingDispatcher, store: KnowledgeStore, archetype: str, asked: int
) -> list[EventType]:
    question = store.archetype(archetype).question  # type: ignore[union-attr]
    lead = "" if asked else "Thanks. To place you properly, a quick question. "
    dispatcher.utter_message(text=f"{lead}{question.text}", buttons=state.ANSWER_BUTTONS)
    return [
        SlotSet(state.AWAITING, "question"),
        SlotSet(state.PENDING_QUESTION, archetype),
        SlotSet(state.QUESTIONS_ASKED, asked + 1),
    ]


def show_profile(
    dispatcher: CollectingDispatcher, store: KnowledgeStore, profile: ArchetypeProfile
) -> list[EventType]:
    payload = profile.to_payload()
    dispatcher.utter_message(text=profile_text(profile, store))
    dispatcher.utter_message(json_message=payload)
    dispatcher.utter_message(text="Does that sound right?", buttons=CONFIRM_BUTTONS)
    return [
        SlotSet(state.PROFILE, payload),
        SlotSet(state.ARCHETYPES, list(profile.archetypes)),
        SlotSet(state.AWAITING, "confirm"),
        SlotSet(state.PENDING_QUESTION, None),
    ]
