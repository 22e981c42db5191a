"""Recommending a pathway: shared by the plan, filter and familiarity flows."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.feedback import ask_once
from actions.common.insights import channel_of, note_plan, with_tracked_links
from actions.common.render import plan_text
from knowledge.advisor import plan
from knowledge.store import KnowledgeStore
from knowledge.text import parse_familiarity
from knowledge.views import FAMILIARITY_LEVELS

PLAN_BUTTONS = [
    {"title": "What should I do first?", "payload": "/ask_first_step"},
    {"title": "Only free options", "payload": "/filter_offerings"},
    {"title": "Send me a summary", "payload": "/request_summary"},
]
FAMILIARITY_QUESTION = "How familiar are you with AI at the moment?"
FAMILIARITY_BUTTONS = [
    {"title": "New to AI", "payload": '/inform_familiarity{"familiarity": "new"}'},
    {"title": "Some experience", "payload": '/inform_familiarity{"familiarity": "some"}'},
    {"title": "Experienced", "payload": '/inform_familiarity{"familiarity": "experienced"}'},
]
NO_PROFILE = (
    "I'll need to know a little about your role first, so the plan fits you. "
    "What do you do, and where does AI come into it?"
)
NOTHING_MATCHES = (
    "I couldn't find offerings that match those options. Say \"show all options\" to see "
    "everything, or ask for a person if you'd like help finding something local."
)


def familiarity_from(tracker: Tracker) -> str | None:
    """The level from this message (button, entity or words), else the one already known."""
    for value in state.entity_values(tracker, "familiarity"):
        if value in FAMILIARITY_LEVELS:
            return value
    parsed = parse_familiarity(state.latest_text(tracker))
    if parsed:
        return parsed
    known = tracker.get_slot(state.FAMILIARITY)
    return known if known in FAMILIARITY_LEVELS else None


def recommend(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    store: KnowledgeStore,
    familiarity: str | None,
    filters: list[str],
) -> list[EventType]:
    archetypes = state.archetypes(tracker)
    events: list[EventType] = [SlotSet(state.PLAN_FILTERS, filters)]
    if familiarity:
        events.append(SlotSet(state.FAMILIARITY, familiarity))
    if not archetypes:
        dispatcher.utter_message(text=NO_PROFILE)
        return events + state.clear_awaiting()
    if not familiarity:
        dispatcher.utter_message(text=FAMILIARITY_QUESTION, buttons=FAMILIARITY_BUTTONS)
        return events + [SlotSet(state.AWAITING, "familiarity")]
    result = plan(store, archetypes, familiarity, filters=filters)
    if not result.steps:
        dispatcher.utter_message(text=NOTHING_MATCHES)
        return events + state.clear_awaiting()
    payload = result.to_payload()
    names = [store.archetype(a).name for a in archetypes]  # type: ignore[union-attr]
    dispatcher.utter_message(text=plan_text(payload, names))
    dispatcher.utter_message(json_message=with_tracked_links(payload, channel_of(tracker)))
    note_plan(tracker, payload)
    dispatcher.utter_message(text="Would you like to go further?", buttons=PLAN_BUTTONS)
    events += ask_once(dispatcher, tracker)
    return events + [SlotSet(state.PLAN, payload)] + state.clear_awaiting()
