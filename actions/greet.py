"""Greeting: what Pathfinder does, a one-line privacy notice, and ways to start.

A returning person is welcomed with the archetypes and plan saved last time, and their slots are
restored from the saved profile, so "show my plan" works even when the conversation itself is
new (another device, a purged history, a restarted server).
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from actions.common.buttons import GET_PLAN, RETAKE, SHOW_PLAN, START
from actions.common.people import recall
from actions.common.render import join_names
from actions.common.settings import privacy_url
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.people.profiles import PersonProfile

FOR_LEVEL = {  # who a saved plan was pitched at, to follow "Your learning pathway for"
    "new": "someone new to AI",
    "some": "someone with some experience of AI",
    "experienced": "someone experienced with AI",
}


def privacy_line(dispatcher: CollectingDispatcher, buttons: list[dict[str, str]]) -> None:
    """The one-line privacy notice, linking the full notice when the deployment publishes it."""
    url = privacy_url()
    if url:
        dispatcher.utter_message(
            response="utter_privacy_line_linked", privacy_url=url, buttons=buttons
        )
    else:
        dispatcher.utter_message(response="utter_privacy_line", buttons=buttons)


class ActionGreet(KnowledgeAction):
    action_name = "action_greet"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        saved = recall(tracker)
        keys = saved.archetype_keys if saved else []
        names = [a.name for k in keys if (a := store.archetype(k))]
        if saved and names:
            return welcome_back(dispatcher, saved, names)
        dispatcher.utter_message(response="utter_greet")
        privacy_line(dispatcher, START)
        return []


def welcome_back(
    dispatcher: CollectingDispatcher, saved: PersonProfile, names: list[str]
) -> list[EventType]:
    """Recap the saved result and plan, offer to show or redo them, and restore the slots."""
    if len(names) > 1:
        dispatcher.utter_message(
            response="utter_welcome_back_several", main=names[0], others=join_names(names[1:])
        )
    else:
        dispatcher.utter_message(response="utter_welcome_back", main=names[0])
    plan = saved.plan if saved.plan and saved.plan.get("steps") else None
    if plan:
        count = len(plan["steps"])
        dispatcher.utter_message(
            response="utter_plan_saved_one_step" if count == 1 else "utter_plan_saved",
            level=FOR_LEVEL.get(plan.get("level"), "you"), steps=count,
        )
    privacy_line(dispatcher, [SHOW_PLAN if plan else GET_PLAN, RETAKE])
    events: list[EventType] = [
        SlotSet(state.ARCHETYPES, saved.archetype_keys),
        SlotSet(state.PROFILE, saved.profile),
        SlotSet(state.PLAN, plan),
    ]
    if saved.familiarity:
        events.append(SlotSet(state.FAMILIARITY, saved.familiarity))
    if plan and plan.get("filters"):
        events.append(SlotSet(state.PLAN_FILTERS, list(plan["filters"])))
    return events
