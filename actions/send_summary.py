"""'Send me a summary' / 'download my plan': the profile and plan as a PDF and as Markdown."""

from __future__ import annotations

import base64
from datetime import date

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from actions.common.render import summary_markdown
from actions.common.settings import handoff_contact
from knowledge.documents.plan_pdf import FILENAME as PDF_FILENAME
from knowledge.documents.plan_pdf import PlanDocument, plan_pdf
from knowledge.snapshot import CatalogueSnapshot
from knowledge.wording import WORDS

FILENAME = "pathfinder-plan.md"


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
            dispatcher.utter_message(text=WORDS.messages.nothing_to_summarise)
            return []
        markdown = summary_markdown(profile, plan, tracker.get_slot(state.FAMILIARITY))
        pdf = plan_pdf(plan_document(tracker))
        dispatcher.utter_message(text=f"{WORDS.messages.summary_intro}\n\n{markdown}")
        dispatcher.utter_message(
            json_message={
                "type": "plan_summary",
                "format": "markdown",
                "filename": FILENAME,
                "content": markdown,
                "pdf": {
                    "filename": PDF_FILENAME,
                    "media_type": "application/pdf",
                    "base64": base64.b64encode(pdf).decode("ascii"),
                },
            }
        )
        return []
