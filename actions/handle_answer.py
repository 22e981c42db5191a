"""Yes, no or "a bit of both": the meaning depends on what the bot asked last."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.answers import INTENT_ANSWERS, answer_pending_question
from actions.common.assessment import assess_message, choose_archetype
from actions.common.base import KnowledgeAction
from actions.common.insights import note_profile
from actions.common.pathway import familiarity_from, recommend
from knowledge.snapshot import CatalogueSnapshot
from knowledge.text import parse_answer

NOT_QUITE = (
    "No problem. Which of these fits you better? You can pick more than one in turn, or tell me "
    "more about your role in your own words."
)
NOTHING_PENDING = "Thanks. What would you like to do next?"
NEXT_BUTTONS = [
    {"title": "Find my archetype", "payload": "/start_assessment"},
    {"title": "Show my learning plan", "payload": "/request_pathway"},
    {"title": "What can you do?", "payload": "/help"},
]
FORGET_KEPT = "OK, I haven't deleted anything."
# A yes/no reply to "how familiar are you with AI?" read as a level.
FAMILIARITY_FROM_ANSWER = {"no": "new", "partly": "some", "yes": "some"}


class ActionHandleAnswer(KnowledgeAction):
    action_name = "action_handle_answer"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        answer = INTENT_ANSWERS.get(intent) or parse_answer(state.latest_text(tracker)) or "yes"
        awaiting = tracker.get_slot(state.AWAITING)
        if awaiting == "question" and tracker.get_slot(state.PENDING_QUESTION):
            return answer_pending_question(dispatcher, tracker, store, answer)
        if awaiting == "role":  # "not sure", "nothing really": go straight to the questions
            return assess_message(dispatcher, tracker, store, state.latest_text(tracker))
        if awaiting == "confirm":
            return self._confirm(dispatcher, tracker, store, answer)
        if awaiting == "familiarity":
            level = familiarity_from(tracker) or FAMILIARITY_FROM_ANSWER[answer]
            return recommend(dispatcher, tracker, store, level, state.plan_filters(tracker))
        if awaiting == "forget":
            return self._forget(dispatcher, tracker, answer)
        dispatcher.utter_message(text=NOTHING_PENDING, buttons=NEXT_BUTTONS)
        return []

    def _confirm(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        store: CatalogueSnapshot,
        answer: str,
    ) -> list[EventType]:
        if answer == "yes":
            note_profile(tracker, state.slot_dict(tracker, state.PROFILE) or {})
            dispatcher.utter_message(text="Great.")
            level = familiarity_from(tracker)
            return recommend(dispatcher, tracker, store, level, state.plan_filters(tracker))
        return choose_archetype(dispatcher, store, NOT_QUITE)

    def _forget(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, answer: str
    ) -> list[EventType]:
        if answer != "yes":
            dispatcher.utter_message(text=FORGET_KEPT)
            return [SlotSet(state.AWAITING, None)]
        from actions.forget_me import forget

        return forget(dispatcher, tracker)
