"""'Any courses on automation bias?', 'which are free and online?': answered from the catalogue.

A question that also gives the person's own job goes on to the assessment, rather than asking
them about the role they have just described: with what the catalogue has on its topic first
("I'm a nurse, any courses on automation bias?"), or straight away when the job was the only
topic ("I'm a practice nurse, what courses are there on AI?"), since the plan is then the
answer. A topic alone ("courses on automation bias") is only answered."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import names_own_job, record_role
from actions.common.base import KnowledgeAction
from actions.common.catalogue import answer_catalogue_question, say_answer
from knowledge.catalogue.search import search
from knowledge.catalogue.snapshot import CatalogueSnapshot


class ActionAskCourses(KnowledgeAction):
    """Works with or without a profile; a profile only puts the person's own offerings first."""

    action_name = "action_ask_courses"
    reads_work = staticmethod(names_own_job)

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        if state.archetypes(tracker) or not self.reads_work(store, text):
            answer_catalogue_question(dispatcher, tracker, store)
            return []
        answer = search(store, text, [])
        if answer.named or answer.matches:  # a topic or a course of its own, found: say so
            say_answer(dispatcher, answer, offer_plan=False)
        # else the job was the only topic ("I'm a practice nurse, what courses are there?"):
        # the plan the assessment leads to is the answer
        return record_role(tracker, text)
