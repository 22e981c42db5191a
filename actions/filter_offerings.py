"""'Only free options', 'online only', 'show everything': filter the plan's offerings."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.base import KnowledgeAction
from actions.common.pathway import familiarity_from, recommend
from knowledge.store import KnowledgeStore

FREE = re.compile(r"\b(free|no cost|doesn.?t cost|don.?t cost|without paying|funded|cheap)\b")
ONLINE = re.compile(r"\b(online|remote|remotely|from home|e-?learning|virtual|web)\b")
CLEAR = re.compile(r"\b(all|every|everything|any|clear|remove|reset|no filter)\b")


def filters_from(text: str, current: list[str]) -> list[str]:
    """The filters a message asks for; a plain button press means 'only free options'."""
    text = text.lower()
    wanted = [name for name, found in (("free", FREE), ("online", ONLINE)) if found.search(text)]
    if wanted:
        return wanted
    if CLEAR.search(text):
        return []
    return current or ["free"]


class ActionFilterOfferings(KnowledgeAction):
    action_name = "action_filter_offerings"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: KnowledgeStore
    ) -> list[EventType]:
        filters = filters_from(state.latest_text(tracker), state.plan_filters(tracker))
        return recommend(dispatcher, tracker, store, familiarity_from(tracker), filters)
