"""Forget me, once confirmed: delete the person's profile here and mark the conversation.

The action server deletes the profile rows it owns; the marker slot tells the tracker store
(bot.addons.tracker_store) to delete the conversation's events instead of saving them, so no
row about the person is left in either database once the reply has gone out.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import people
from bot.contract import FORGET_SLOT

logger = logging.getLogger(__name__)

# the wording, with what Slack or Teams keep in their own history, is in the domain responses
FORGOTTEN = "utter_forgotten"
NOT_FORGOTTEN = "utter_not_forgotten"


def forget(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Delete the profile; on success reset the slots and set the tracker store's marker."""
    try:
        people.forget(tracker)
    except SQLAlchemyError as err:
        logger.warning("forget me failed: %s", type(err).__name__)
        dispatcher.utter_message(response=NOT_FORGOTTEN)
        return []
    dispatcher.utter_message(response=FORGOTTEN)
    return [AllSlotsReset(), SlotSet(FORGET_SLOT, True)]


class ActionForgetMe(Action):
    """Runs only straight after the person has said yes to "Shall I delete everything?"."""

    def name(self) -> str:
        return "action_forget_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return forget(dispatcher, tracker)
