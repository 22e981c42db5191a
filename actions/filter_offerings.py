"""'Only free options', 'online only', 'show everything': filter the plan's offerings.

With no profile, so no plan to narrow, the same words are a question about the catalogue and
are answered from it rather than refused; or, when the message describes the person's work
("the capacity dashboard guesses how many beds will be free by 5pm, and the site team plan off
it"), the person's role.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import describes_work
from actions.common.base import KnowledgeAction
from actions.common.catalogue import answer_catalogue_question
from actions.common.pathway import familiarity_from, recommend
from knowledge.catalogue.search import parse_query
from knowledge.catalogue.snapshot import CatalogueSnapshot

CLEAR = re.compile(r"\b(all|every|everything|any|clear|remove|reset|no filter)\b")


def filters_from(text: str, current: list[str]) -> list[str]:
    """The plan filters a message asks for; a plain button press means 'only free options'."""
    query = parse_query(text)
    wanted = [name for name, found in (("free", query.cost is not None),
                                        ("online", query.delivery == "online")) if found]
    if wanted:
        return wanted
    if CLEAR.search(text.lower()):
        return []
    return current or ["free"]


class ActionFilterOfferings(KnowledgeAction):
    action_name = "action_filter_offerings"
    reads_work = staticmethod(describes_work)

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        if not state.archetypes(tracker):
            if (role := self.role_if_work(tracker, store, text)) is not None:
                return role
            answer_catalogue_question(dispatcher, tracker, store)
            return []
        filters = filters_from(text, state.plan_filters(tracker))
        return recommend(dispatcher, tracker, store, familiarity_from(tracker), filters)
