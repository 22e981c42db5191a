"""The assessment form's questions, chosen per person (after covidflow's dynamic forms).

Rasa fills the answers from the NLU intents through the slot mappings in bot/domain/slots.yml;
this action only decides what is still to ask, by the shared screening policy.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import assessment, state
from actions.common.base import STORE_DOWN
from actions.common.store import current_catalogue
from knowledge.catalogue.store import StoreUnavailable


class ValidateAssessmentForm(FormValidationAction):
    def name(self) -> str:
        return f"validate_{state.ASSESSMENT_FORM}"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        return assessment.required_slots(current_catalogue(), tracker)

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Nothing to check: every value comes from an NLU intent through a slot mapping."""
        return []

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            return await super().run(dispatcher, tracker, domain)
        except StoreUnavailable:
            # Rejecting its own validation stops the form's step where it is: Rasa neither asks
            # a question chosen without the policy nor ends the form, and the person hears once.
            dispatcher.utter_message(response=STORE_DOWN)
            return [ActionExecutionRejected(self.name())]
