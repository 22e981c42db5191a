"""The assessment form's questions, chosen per person and asked (after covidflow's dynamic
forms).

Rasa fills the answers from the NLU intents through the slot mappings in bot/domain/slots.yml.
This action adds a description of the person's role to what they have said before (the
describe_role rule opens the form directly), decides what is still to ask, by the shared
screening policy, and asks it (actions/ask_assessment.py), all in one call: a step of the form
is one call to the action server, where it used to take up to three.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

from actions.ask_assessment import QUESTIONS
from actions.common import assessment, state
from actions.common.base import STORE_DOWN
from actions.common.people import remember_from_events
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
        """Every value comes from an NLU intent through a slot mapping (a description of the
        role is recorded in `run`, before anything can fail). One reading overrides it: an
        archetype named alone at "Does that sound right?" ("I think Embedders", taken for a
        yes) is a choice of that archetype."""
        return assessment.picked(tracker, current_catalogue()) or []

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventType:
        """Always this action's choice, also when it happens to list every slot of the form
        (where rasa_sdk would leave the choice, and so the asking, to Rasa)."""
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker,
                                             domain)
        missing = (slot for slot in required if tracker.slots.get(slot) is None)
        return SlotSet(REQUESTED_SLOT, next(missing, None))

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        recorded = (assessment.role_recorded(tracker, state.latest_text(tracker))
                    if assessment.describes_role_now(tracker) else [])
        tracker.add_slots(recorded)
        try:
            events = [*recorded, *await super().run(dispatcher, tracker, domain)]
            question = QUESTIONS.get(_requested(events) or "")
            if question is None:
                return events
            tracker.add_slots(events)
            asked = question(dispatcher, tracker, current_catalogue())
            remember_from_events(tracker, asked)
            return [*events, *asked]
        except StoreUnavailable:
            # Rejecting its own validation stops the form's step where it is: Rasa neither asks
            # a question chosen without the policy nor ends the form, and the person hears once;
            # the description is kept (bot.addons.resilient_actions), so nothing said is lost.
            dispatcher.utter_message(response=STORE_DOWN)
            return [*recorded, ActionExecutionRejected(self.name())]


def _requested(events: list[EventType]) -> str | None:
    """The slot these events leave the form asking for."""
    chosen = [e.get("value") for e in events
              if e.get("event") == "slot" and e.get("name") == REQUESTED_SLOT]
    return chosen[-1] if chosen else None
