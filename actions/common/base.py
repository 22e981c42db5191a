"""The shape every Pathfinder action shares: read slots, call `knowledge`, reply.

Once the catalogue has been read, a database outage no longer stops an answer (the last
snapshot serves); before that, it becomes a clear message instead of a crash, and the
conversation (slots and history) is kept so the person can carry on when it is back.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.people import remember_from_events
from actions.common.store import current_catalogue
from knowledge.snapshot import CatalogueSnapshot
from knowledge.store import StoreUnavailable

logger = logging.getLogger(__name__)

STORE_DOWN = (
    "Sorry, I can't reach my course catalogue right now, so I can't finish this step. "
    "Nothing you've told me is lost: please try again in a few minutes."
)


class ConversationAction(Action, ABC):
    """An action on the conversation alone: it reads no catalogue, so it answers even before
    the database has first been reached."""

    action_name: str = ""

    def name(self) -> str:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        events = self.respond(dispatcher, tracker)
        remember_from_events(tracker, events)
        return events

    @abstractmethod
    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """The action's work."""


class KnowledgeAction(ConversationAction, ABC):
    """An action that reads the catalogue: one snapshot throughout, whatever loads meanwhile."""

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        try:
            return self.act(dispatcher, tracker, current_catalogue())
        except StoreUnavailable as err:
            logger.warning("%s: knowledge store unavailable: %s", self.action_name, err)
            dispatcher.utter_message(text=STORE_DOWN)
            return []

    @abstractmethod
    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        """The action's work, reading one catalogue snapshot throughout."""
