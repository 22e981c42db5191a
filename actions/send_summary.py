"""'Send me a summary' / 'download my plan': the profile and plan as a PDF and as Markdown."""

from __future__ import annotations

from datetime import date

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from actions.common.render import summary_card, summary_markdown
from actions.common.settings import handoff_contact
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.documents.plan_pdf import PlanDocument, plan_pdf


def plan_document(tracker: Tracker) -> PlanDocument:
    """What the PDF shows: the slots' profile, plan, level and role, today and who helps."""
    role = tracker.get_slot(state.ROLE_TEXT)
    return PlanDocument(
        created=date.today(),
        help=handoff_contact(),
        profile=state.slot_dict(tracker, state.PROFILE),
        plan=state.slot_dict(tracker, state.PLAN),
        familiarity=tracker.get_slot(state.FAMILIARITY),
        role_text=role if isinstance(role, str) else None,
    )


class ActionSendSummary(KnowledgeAction):
    action_name = "action_send_summary"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        profile = state.slot_dict(tracker, state.PROFILE)
        plan = state.slot_dict(tracker, state.PLAN)
        if not profile and not plan:
            dispatcher.utter_message(response="utter_nothing_to_summarise")
            return []
        markdown = summary_markdown(profile, plan, tracker.get_slot(state.FAMILIARITY))
        pdf = plan_pdf(plan_document(tracker))
        dispatcher.utter_message(json_message=summary_card(markdown, pdf))
        return []
