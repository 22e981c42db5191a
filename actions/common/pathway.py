"""Recommending a pathway: shared by the plan, filter and familiarity flows."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.feedback import ask_once
from actions.common.insights import channel_of, note_plan, with_tracked_links
from actions.common.render import plan_card
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.advisor import plan
from knowledge.engines.views import FAMILIARITY_LEVELS
from knowledge.engines.wording import WORDS

SAY = WORDS.messages
PLAN_BUTTONS = [
    {"title": SAY.plan_buttons.first_step, "payload": "/ask_first_step"},
    {"title": SAY.plan_buttons.free_only, "payload": "/filter_offerings"},
    {"title": SAY.plan_buttons.summary, "payload": "/request_summary"},
]
FAMILIARITY_BUTTONS = [
    {"title": title, "payload": f'/inform_familiarity{{"familiarity": "{level}"}}'}
    for level, title in SAY.familiarity_buttons.items()
]


def familiarity_from(tracker: Tracker) -> str | None:
    """The level NLU found in this message (button or entity), else the one already known."""
    for value in state.entity_values(tracker, "familiarity"):
        if value in FAMILIARITY_LEVELS:
            return value
    known = tracker.get_slot(state.FAMILIARITY)
    return known if known in FAMILIARITY_LEVELS else None


def ask_familiarity(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(text=SAY.familiarity_question, buttons=FAMILIARITY_BUTTONS)


def recommend(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    store: CatalogueSnapshot,
    familiarity: str | None,
    filters: list[str],
) -> list[EventType]:
    archetypes = state.archetypes(tracker)
    events: list[EventType] = [SlotSet(state.PLAN_FILTERS, filters)]
    if familiarity:
        events.append(SlotSet(state.FAMILIARITY, familiarity))
    if not archetypes:
        dispatcher.utter_message(text=SAY.no_profile)
        return events
    if not familiarity:
        ask_familiarity(dispatcher)
        return events
    result = plan(store, archetypes, familiarity, filters=filters)
    if not result.steps:
        dispatcher.utter_message(text=SAY.nothing_matches)
        return events
    payload = result.to_payload()
    names = [store.archetype(a).name for a in archetypes]  # type: ignore[union-attr]
    card = plan_card(with_tracked_links(payload, channel_of(tracker)), names)
    dispatcher.utter_message(json_message=card)
    note_plan(tracker, payload)
    dispatcher.utter_message(text=SAY.go_further, buttons=PLAN_BUTTONS)
    events += ask_once(dispatcher, tracker)
    return events + [SlotSet(state.PLAN, payload)]
