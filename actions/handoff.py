"""Hand over to a person: the configured contact route and a summary to pass on."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from actions.common.render import handoff_card, join_names
from actions.common.settings import handoff_contact
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.wording import FAMILIARITY_WORDS, WORDS


def conversation_summary(tracker: Tracker, store: CatalogueSnapshot) -> str:
    """A few lines a learning adviser can act on, without the person retyping anything."""
    parts: list[str] = []
    names = [a.name for k in state.archetypes(tracker) if (a := store.archetype(k))]
    if names:
        parts.append(f"Archetypes suggested: {join_names(names)}.")
    level = tracker.get_slot(state.FAMILIARITY)
    if level:
        parts.append(f"Familiarity with AI: {FAMILIARITY_WORDS.get(level, level)}.")
    plan = state.slot_dict(tracker, state.PLAN)
    if plan and plan.get("steps"):
        titles = "; ".join(s["title"] for s in plan["steps"])
        parts.append(f"Plan steps: {titles}.")
    return " ".join(parts) or "No archetype or plan yet."


class ActionHandoff(KnowledgeAction):
    action_name = "action_handoff"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        contact = handoff_contact()
        routes = [r for r in (contact.email, contact.url) if r]
        summary = conversation_summary(tracker, store)
        lead = WORDS.cards.handoff_lead.format(team=contact.team) + " " + (
            WORDS.cards.handoff_routes.format(routes=" or ".join(routes)) if routes
            else WORDS.cards.handoff_no_routes
        )
        dispatcher.utter_message(json_message=handoff_card(contact, lead, summary))
        return []
