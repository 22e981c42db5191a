"""The assessment step shared by descriptions, answers, corrections and rescued messages.

Run the engine on everything known so far; then either ask the single most informative
question (the screening policy in knowledge.screening decides) or show the result and ask
whether it sounds right. Nobody is asked "what do you do?" a second time: a thin description
goes straight to the screening questions, and the end of the questions always gives a result
or a choice of archetypes.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.render import archetype_card
from knowledge.advisor import identify
from knowledge.screening import question_to_ask, settle
from knowledge.snapshot import CatalogueSnapshot
from knowledge.views import ArchetypeProfile

CONFIRM_BUTTONS = [
    {"title": "Yes, that's me", "payload": "/affirm"},
    {"title": "Not quite", "payload": "/deny"},
]
CHOOSE_ARCHETYPE = (
    "I couldn't place you from that. Which of these sounds most like you? You can also tell "
    "me more about your work in your own words."
)
ROLE_EVIDENCE = 0.3  # total evidence weight from the text above which a message describes work


def describes_work(store: CatalogueSnapshot, text: str) -> bool:
    """Whether a message describes someone's work (a job title or an activity with AI), so it
    must be read as a role description whatever the intent classifier made of it."""
    if not text:
        return False
    profile = identify(store, text)
    return any(
        sum(e.weight for e in s.evidence if e.source == "text") >= ROLE_EVIDENCE
        for s in profile.ranked
    )


def assess_message(
    dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot, text: str
) -> list[EventType]:
    """Add a message to what the person has said about their role and assess it all."""
    role = state.add_role_text(state.role_text(tracker), text)
    return assess(dispatcher, store, role, state.answers(tracker), state.questions_asked(tracker))


def assess(
    dispatcher: CollectingDispatcher,
    store: CatalogueSnapshot,
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
    profile = settle(profile)
    if not profile.archetypes:
        return events + choose_archetype(dispatcher, store)
    return events + show_profile(dispatcher, store, profile)


def ask_question(
    dispatcher: CollectingDispatcher, store: CatalogueSnapshot, archetype: str, asked: int
) -> list[EventType]:
    question = store.archetype(archetype).question  # type: ignore[union-attr]
    lead = "" if asked else "Thanks. To place you properly, a quick question. "
    dispatcher.utter_message(text=f"{lead}{question.text}", buttons=state.ANSWER_BUTTONS)
    return [
        SlotSet(state.AWAITING, "question"),
        SlotSet(state.PENDING_QUESTION, archetype),
        SlotSet(state.QUESTIONS_ASKED, asked + 1),
    ]


def choose_archetype(
    dispatcher: CollectingDispatcher, store: CatalogueSnapshot, text: str = CHOOSE_ARCHETYPE
) -> list[EventType]:
    """Let the person pick their archetype (after ruling everything out, or "not quite"),
    rather than ask about their job again."""
    buttons = [
        {"title": a.name, "payload": f'/correct_archetype{{"archetype": "{a.key}"}}'}
        for a in store.archetypes()
    ]
    dispatcher.utter_message(text=text, buttons=buttons)
    return state.clear_awaiting()


def show_profile(
    dispatcher: CollectingDispatcher, store: CatalogueSnapshot, profile: ArchetypeProfile
) -> list[EventType]:
    payload = profile.to_payload()
    dispatcher.utter_message(json_message=archetype_card(profile, store))
    dispatcher.utter_message(text="Does that sound right?", buttons=CONFIRM_BUTTONS)
    return [
        SlotSet(state.PROFILE, payload),
        SlotSet(state.ARCHETYPES, list(profile.archetypes)),
        SlotSet(state.AWAITING, "confirm"),
        SlotSet(state.PENDING_QUESTION, None),
    ]
