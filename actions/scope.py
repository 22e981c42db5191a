"""Out of scope, help, clinical questions, "will AI replace me?" and a yes or no with no
question open, unless the message describes the person's work.

The intent classifier can take an informal description ("physio here what should i learn about
ai", "i work in the dispensary, we r getting an ai thing that checks scripts, what training
should i do") for a request for help, something out of scope or a clinical question, and a job
title alone ("nurse", "GP") for a yes or a no. A message that names a job or an AI activity is
always read as a role description; anything else gets the usual reply. A clinical question is
always refused first, by the domain's own response, which needs no action server
(bot/data/rules/rules.yml); then, if it also describes the person's work, the assessment goes
on from it. A message taken for out of scope that names a course or a provider of the catalogue
is answered from it.
"""

from __future__ import annotations

from abc import abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import describes_work
from actions.common.base import KnowledgeAction
from actions.common.catalogue import answer_catalogue_question, names_the_catalogue
from knowledge.catalogue.snapshot import CatalogueSnapshot


class WorkFirstAction(KnowledgeAction):
    """The person's role, when the message describes their work; else `usual_reply` (a domain
    response), or nothing where the rule has already replied."""

    reads_work = staticmethod(describes_work)

    @property
    @abstractmethod
    def usual_reply(self) -> str | None:
        """The domain response for a message that does not describe work, if any."""

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        if (role := self.role_if_work(tracker, store, text)) is not None:
            return role
        self.not_work(dispatcher, tracker, store, text)
        return []

    def not_work(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                 store: CatalogueSnapshot, text: str) -> None:
        """The reply to a message that does not describe work."""
        if self.usual_reply:
            dispatcher.utter_message(response=self.usual_reply)


class ActionOutOfScope(WorkFirstAction):
    """Out of scope, unless the catalogue answers it: a question about a programme by its
    provider's name ("tell me about the NHS Digital Academy") is in scope."""

    action_name = "action_out_of_scope"
    usual_reply = "utter_out_of_scope"

    def not_work(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                 store: CatalogueSnapshot, text: str) -> None:
        if names_the_catalogue(store, text):
            answer_catalogue_question(dispatcher, tracker, store)
        else:
            super().not_work(dispatcher, tracker, store, text)


class ActionHelp(WorkFirstAction):
    action_name = "action_help"
    usual_reply = "utter_help"


class ActionNothingOpen(WorkFirstAction):
    """A yes, no or "partly" when no question is open, or a job title the classifier took for
    one."""

    action_name = "action_nothing_open"
    usual_reply = "utter_nothing_open"


class ActionClinicalQuestion(WorkFirstAction):
    """After the refusal of clinical advice (the rule's own response, first): a message that
    also describes the person's work goes on to place them, so the refusal is no dead end."""

    action_name = "action_clinical_question"
    usual_reply = None


class ActionAiAndJobs(WorkFirstAction):
    """After the answer to "will AI replace me?" (the rule's own response, first): a message
    that also describes the person's work goes on to place them; otherwise the offer of a plan,
    unless the assessment is already under way (the form asks its open question again)."""

    action_name = "action_ai_and_jobs"
    usual_reply = "utter_ai_and_jobs_offer"

    def not_work(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                 store: CatalogueSnapshot, text: str) -> None:
        if state.open_question(tracker) is None:
            super().not_work(dispatcher, tracker, store, text)
