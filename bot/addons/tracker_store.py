"""Rasa's SQL tracker store, configured by one URL, that can forget a conversation for good.

Rasa Open Source has no way to delete a conversation (RasaHQ/rasa#10719). When the forget-me
action sets the marker slot (knowledge.people.FORGET_SLOT), this store deletes every event row
of that sender instead of saving the turn, so nothing about the person remains. The reply that
confirms it has already been produced; the next message starts a new, empty conversation.

endpoints.yml:
    tracker_store:
      type: bot.addons.tracker_store.ForgettingSQLTrackerStore
      url: ${TRACKER_DB_URL}   # optional: else TRACKER_DB_URL, else SQLite data/trackers.db
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import delete

from knowledge.db import use_fast_sqlite_commits
from knowledge.people import FORGET_SLOT, default_tracker_url

logger = logging.getLogger(__name__)


def _ensure_sqlite_folder(url: str) -> None:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


class ForgettingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore from a single URL, deleting a conversation when asked to forget it."""

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        **kwargs: Any,
    ) -> None:
        # Rasa reads a host containing "://" as the whole SQLAlchemy URL; a plain host name
        # keeps the stock dialect/host/port/db settings working too
        host = host or default_tracker_url()
        _ensure_sqlite_folder(host)
        super().__init__(domain=domain, host=host, event_broker=event_broker, **kwargs)
        # an embedded SQLite file commits every turn: WAL keeps that cheap (knowledge.db)
        use_fast_sqlite_commits(self.engine)
        self.engine.dispose()  # connections opened while creating the tables lack the pragmas

    async def save(self, tracker: DialogueStateTracker) -> None:
        if forget_requested(tracker):
            removed = self.delete_conversation(tracker.sender_id)
            logger.info("Deleted a conversation on request (%d events).", removed)
            return
        await super().save(tracker)

    def delete_conversation(self, sender_id: str) -> int:
        """Delete every event of `sender_id`, across all sessions; returns how many."""
        with self.session_scope() as session:
            removed = session.execute(
                delete(self.SQLEvent).where(self.SQLEvent.sender_id == sender_id)
            ).rowcount
            session.commit()
        return removed


def forget_requested(tracker: DialogueStateTracker) -> bool:
    """Whether this turn set the forget marker (it is never stored, so it is always new)."""
    return any(
        isinstance(e, SlotSet) and e.key == FORGET_SLOT and e.value is True
        for e in tracker.events
    )
