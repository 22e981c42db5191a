"""Recommending a pathway: shared by the plan, filter and familiarity flows."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import buttons, state
from actions.common.feedback import ask_once
from actions.common.insights import add_tracked_links, channel_of, note_plan
from actions.common.render import plan_card
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.advisor import plan
from knowledge.engines.views import FAMILIARITY_LEVELS


def familiarity_from(tracker: Tracker) -> str | None:
    """The level NLU found in this message (button or entity), else the one already known."""
    for value in state.entity_values(tracker, "familiarity"):
        if value in FAMILIARITY_LEVELS:
            return value
    known = tracker.get_slot(state.FAMILIARITY)
    return known if known in FAMILIARITY_LEVELS else None


def ask_familiarity(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(response="utter_familiarity_question", buttons=buttons.FAMILIARITY)


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
    if not archetypes:  # the form, while running, goes on to its open question
        assessing = tracker.active_loop_name == state.ASSESSMENT_FORM
        dispatcher.utter_message(
            response="utter_plan_after_assessment" if assessing else "utter_plan_needs_role")
        return events
    if not familiarity:
        ask_familiarity(dispatcher)
        return events
    result = plan(store, archetypes, familiarity, filters=filters)
    if not result.steps:
        dispatcher.utter_message(response="utter_plan_nothing_matches")
        return events
    payload = result.to_payload()
    names = [store.archetype(a).name for a in archetypes]  # type: ignore[union-attr]
    card = plan_card(payload, names)  # a copy of the plan, to add the tracked links to
    add_tracked_links(card, channel_of(tracker))
    dispatcher.utter_message(json_message=card)
    note_plan(tracker, payload, store)
    dispatcher.utter_message(response="utter_plan_go_further")
    events += ask_once(dispatcher, tracker)
    return events + [SlotSet(state.PLAN, payload)]
