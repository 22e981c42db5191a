"""'Any courses on automation bias?', 'which are free and online?': answered from the catalogue.

A question that also gives the person's own job ("I'm a practice nurse, what courses are there
on AI?") is answered, then goes on to the assessment, rather than asking them about the role
they have just described; a topic alone ("courses on automation bias") is only answered."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import names_own_job, record_role
from actions.common.base import KnowledgeAction
from actions.common.catalogue import answer_catalogue_question
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionAskCourses(KnowledgeAction):
    """Works with or without a profile; a profile only puts the person's own offerings first."""

    action_name = "action_ask_courses"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        placing = not state.archetypes(tracker) and names_own_job(store, text)
        answer_catalogue_question(dispatcher, tracker, store, offer_plan=not placing)
        return record_role(tracker, text) if placing else []
