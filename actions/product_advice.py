"""'Which AI scribe should we buy?': after `utter_no_product_advice` (no product named), point
to the buyer's guide and the evidence standards, read from the catalogue so the links are its."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.base import KnowledgeAction
from actions.common.render import offering_line
from knowledge.catalogue.snapshot import CatalogueSnapshot

GUIDES = ("buyers_guide_ai", "nice_evidence_standards_framework")


class ActionProductAdvice(KnowledgeAction):
    action_name = "action_product_advice"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        guides = [o for key in GUIDES if (o := store.offering(key))]
        if guides:
            dispatcher.utter_message(
                response="utter_product_guides",
                guides="\n".join(f"- {offering_line(o)}" for o in guides),
            )
        return []
