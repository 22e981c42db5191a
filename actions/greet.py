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
from actions.common.people import recall
from actions.common.render import join_names
from actions.common.settings import privacy_url
from knowledge.people import PersonProfile
from knowledge.snapshot import CatalogueSnapshot

START_BUTTONS = [
    {"title": "Find my archetype", "payload": "/start_assessment"},
    {"title": "What are the archetypes?", "payload": "/list_archetypes"},
    {"title": "What can you do?", "payload": "/help"},
]
RETAKE = {"title": "Retake the assessment", "payload": "/start_assessment"}
FOR_LEVEL = {
    "new": "someone new to AI",
    "some": "someone with some experience of AI",
    "experienced": "someone experienced with AI",
}


def privacy_line() -> str:
    url = privacy_url()
    notice = f"Notice: {url}" if url else "Ask \"what do you store about me?\" for more."
    return (
        "Privacy: I keep what you tell me about your role and your plan so you can come "
        f"back to it; say \"forget me\" to delete it. {notice}"
    )


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
        dispatcher.utter_message(
            text=(
                "Hello, I'm Pathfinder. I help NHS health and care staff see where they fit among "
                "the five AI workforce archetypes and suggest learning that builds appropriate "
                "confidence with AI."
            )
        )
        dispatcher.utter_message(text=privacy_line(), buttons=START_BUTTONS)
        return []


def welcome_back(
    dispatcher: CollectingDispatcher, saved: PersonProfile, names: list[str]
) -> list[EventType]:
    """Recap the saved result and plan, offer to show or redo them, and restore the slots."""
    lines = [
        f"Welcome back to Pathfinder. Last time I found you're mainly one of the **{names[0]}**"
    ]
    if len(names) > 1:
        lines[0] += f", and also one of the {join_names(names[1:])}"
    lines[0] += "."
    plan = saved.plan if saved.plan and saved.plan.get("steps") else None
    if plan:
        level = FOR_LEVEL.get(plan.get("level"), "you")
        count = len(plan["steps"])
        steps = f"{count} step" if count == 1 else f"{count} steps"
        lines.append(f"Your learning pathway for {level} is saved ({steps}).")
        first = {"title": "Show my plan", "payload": "/request_pathway"}
    else:
        first = {"title": "Get my learning plan", "payload": "/request_pathway"}
    dispatcher.utter_message(text="\n".join(lines))
    dispatcher.utter_message(text=privacy_line(), buttons=[first, RETAKE])
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
