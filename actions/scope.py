"""Out of scope, help, clinical questions and a yes or no with no question open, unless the
message describes the person's work.

The intent classifier can take an informal description ("physio here what should i learn about
ai", "i work in the dispensary, we r getting an ai thing that checks scripts, what training
should i do") for a request for help, something out of scope or a clinical question, and a job
title alone ("nurse", "GP") for a yes or a no. A message
that names a job or an AI activity is always read as a role description; anything else gets the
usual reply. A clinical question is always refused first, by the domain's own response, which
needs no action server (bot/data/rules/rules.yml); then, if it also describes the person's
work, the assessment goes on from it.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import describes_work, record_role
from actions.common.base import KnowledgeAction
from knowledge.catalogue.snapshot import CatalogueSnapshot


def _work_first(
    dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot, response: str
) -> list[EventType]:
    """The person's role, when the message describes their work; else the usual reply."""
    text = state.latest_text(tracker)
    if describes_work(store, text):
        return record_role(tracker, text)
    dispatcher.utter_message(response=response)
    return []


class ActionOutOfScope(KnowledgeAction):
    action_name = "action_out_of_scope"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        return _work_first(dispatcher, tracker, store, "utter_out_of_scope")


class ActionHelp(KnowledgeAction):
    action_name = "action_help"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        return _work_first(dispatcher, tracker, store, "utter_help")


class ActionNothingOpen(KnowledgeAction):
    """A yes, no or "partly" when no question is open: the usual reply, unless it is a job title
    the classifier took for one."""

    action_name = "action_nothing_open"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        return _work_first(dispatcher, tracker, store, "utter_nothing_open")


class ActionClinicalQuestion(KnowledgeAction):
    """After the refusal of clinical advice: a message that also describes the person's work
    goes on to place them, so the refusal is never a dead end."""

    action_name = "action_clinical_question"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        return record_role(tracker, text) if describes_work(store, text) else []
