"""The shape every Pathfinder action shares: read slots, call `knowledge`, reply.

Once the catalogue has been read, a database outage no longer stops an answer (the last
snapshot serves); before that, it becomes a clear message instead of a crash, and the
conversation (slots and history) is kept so the person can carry on when it is back.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar, cast

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.assessment import record_role
from actions.common.people import remember_from_events
from actions.common.store import current_catalogue
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import StoreUnavailable

logger = logging.getLogger(__name__)

STORE_DOWN = "utter_store_down"


class _SnapshotOnFirstRead:
    """The catalogue snapshot one action reads: fetched at its first read, then the same one to
    the end of the action. An action that reads nothing (a greeting, the privacy notice) so
    answers even before the database has first been reached."""

    def __init__(self) -> None:
        self._snapshot: CatalogueSnapshot | None = None

    def __getattr__(self, name: str) -> Any:
        if self._snapshot is None:
            self._snapshot = current_catalogue()
        return getattr(self._snapshot, name)


class KnowledgeAction(Action, ABC):
    action_name: str = ""
    # The test by which this action, at the start of a conversation, reads the latest message
    # as the person's role instead of giving its own reply (actions/scope.py); None where it
    # never does. The routing test (tests/nlu/test_corpus_routing.py) reads it from here.
    reads_work: ClassVar[Callable[[CatalogueSnapshot, str], bool] | None] = None

    def name(self) -> str:
        return self.action_name

    def role_if_work(self, tracker: Tracker, store: CatalogueSnapshot,
                     text: str) -> list[EventType] | None:
        """The events that take `text` as the person's role, when `reads_work` says it
        describes their work; None otherwise, so the action gives its own reply."""
        if self.reads_work is not None and self.reads_work(store, text):
            return record_role(tracker, text)
        return None

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            events = self.act(dispatcher, tracker, cast(CatalogueSnapshot, _SnapshotOnFirstRead()))
            remember_from_events(tracker, events)
            return events
        except StoreUnavailable as err:
            logger.warning("%s: knowledge store unavailable: %s", self.action_name, err)
            dispatcher.utter_message(response=STORE_DOWN)
            return []

    @abstractmethod
    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        """The action's work, reading one catalogue snapshot throughout."""
