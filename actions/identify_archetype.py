"""A description of the person's role: add it to what they have said and assess it all.

The assessment form then asks the screening questions the description leaves open, or shows the
result; yes and no replies to those questions reach the form through the NLU intents.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import record_role
from actions.common.base import KnowledgeAction
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionIdentifyArchetype(KnowledgeAction):
    action_name = "action_identify_archetype"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        return record_role(tracker, state.latest_text(tracker))
