"""'Send me a summary' / 'download my plan': a Markdown record of the profile and plan."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from actions.common.render import summary_markdown
from knowledge.store import KnowledgeStore
from knowledge.wording import WORDS

FILENAME = "pathfinder-plan.md"


class ActionSendSummary(KnowledgeAction):
    action_name = "action_send_summary"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: KnowledgeStore
    ) -> list[EventType]:
        profile = state.slot_dict(tracker, state.PROFILE)
        plan = state.slot_dict(tracker, state.PLAN)
        if not profile and not plan:
            dispatcher.utter_message(text=WORDS.messages.nothing_to_summarise)
            return []
        markdown = summary_markdown(profile, plan, tracker.get_slot(state.FAMILIARITY))
        dispatcher.utter_message(text=f"{WORDS.messages.summary_intro}\n\n{markdown}")
        dispatcher.utter_message(
            json_message={
                "type": "plan_summary",
                "format": "markdown",
                "filename": FILENAME,
                "content": markdown,
            }
        )
        return []
