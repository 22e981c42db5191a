"""Start over (typed words, a button, or `/restart`): clear the conversation, then say so.

This replaces Rasa's default `action_restart` so the person sees what happened and how to
begin again, on every channel.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.common.buttons import START


class ActionRestart(Action):
    def name(self) -> str:
        return "action_restart"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_restarted", buttons=START)
        return [Restarted()]
