"""Rasa's SQL tracker store, configured by one URL, cheaper per turn, and able to forget.

Same table (`events`, one row per event) and same rows as Rasa's SQLTrackerStore, on SQLite
and PostgreSQL alike; what differs is the cost of a turn and one extra duty:

* One engine per database URL in the process (`knowledge.storage.db.make_engine`): a SQLite
  file keeps its connections (WAL, synchronous=NORMAL) instead of opening, checkpointing and
  closing one at every use, which Rasa's engine does on SQLAlchemy 1.4.
* A save inserts only the new events, in one statement and one commit, with SQLAlchemy Core;
  a retrieve reads only the `data` column. Rasa's own does the same through the ORM, an
  object per row. The two statements are built once per store, not at every call.
* A save knows how many of the tracker's events are stored already when the tracker is the
  one this store retrieved (`_loaded`: the count read with it, kept while the tracker lives);
  only for another tracker does it count them in the table first, as Rasa's does. Between
  retrieve and save a conversation is locked by Rasa's lock store (shared by every Rasa server
  of a deployment, see bot.addons.endpoints), so no other server adds to it meanwhile.
* The tracker a save has just stored is kept in the process (`_kept`, the last
  `KEPT_CONVERSATIONS` conversations) and handed back by the next retrieve of that sender, when
  one indexed query shows the table still holds exactly the events it held then (their number
  and the newest row's id) and the tracker has not grown since (a turn that failed before its
  save). Any other server of a deployment writing to the conversation, a purge, or a forget
  changes those, and the conversation is read from the table as before: the table stays the
  one truth, the kept tracker only spares decoding and replaying every event at every turn.
* Rasa Open Source has no way to delete a conversation (RasaHQ/rasa#10719). When the forget-me
  action sets the marker slot (bot.contract.FORGET_SLOT), this store deletes every event row of
  that sender instead of saving the turn, so nothing about the person remains. The reply that
  confirms it has already been produced; the next message starts a new, empty conversation.

endpoints.yml:
    tracker_store:
      type: bot.addons.tracker_store.ForgettingSQLTrackerStore
      url: ${TRACKER_DB_URL}   # optional: else TRACKER_DB_URL, else SQLite data/trackers.db
"""

from __future__ import annotations

import json
import logging
import os
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from itertools import islice
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.constants import POSTGRESQL_SCHEMA
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import bindparam, delete, func, insert, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import sessionmaker
from sqlalchemy.sql import Select

from bot.contract import FORGET_SLOT, default_tracker_url
from knowledge.storage.db import make_engine

logger = logging.getLogger(__name__)

KEPT_CONVERSATIONS = 100  # saved trackers kept for the next turn (module docstring)


@dataclass(frozen=True)
class _Kept:
    """A tracker as saved, with the newest row then and its domain (how many of its events are
    stored is `_loaded`'s to know)."""

    tracker: DialogueStateTracker
    newest: int
    domain: Domain


class ForgettingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore from a single URL, saving only new events, forgetting on request."""

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
        if host.startswith("sqlite:///"):  # the shared engine makes the folder Rasa expects
            make_engine(host)
        super().__init__(domain=domain, host=host, event_broker=event_broker, **kwargs)
        if self._may_share_engine():
            url = self.engine.url.render_as_string(hide_password=False)
            self.engine.dispose()
            self.engine = make_engine(url)
            self.sessionmaker = sessionmaker(bind=self.engine)
        self.table = self.SQLEvent.__table__
        self._session_query = self._session_events()
        self._count_query = select(func.count()).select_from(self._session_query.subquery())
        self._state_query = self._session_state()
        self._insert = insert(self.table)
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._loaded: dict[int, tuple[weakref.ref[DialogueStateTracker], int]] = {}

    def _may_share_engine(self) -> bool:
        """Rasa's engine can give way to the process's one, unless it holds the database
        itself (in-memory SQLite) or Rasa's POSTGRESQL_SCHEMA setting, applied only there."""
        url = self.engine.url
        in_memory = url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")
        return not in_memory and not os.environ.get(POSTGRESQL_SCHEMA)

    def _session_events(self) -> Select:
        """The `data` of the events of a sender (the `sender_id` parameter) since their latest
        session start, as Rasa reads them (oldest first; all events if no session was ever
        started)."""
        events = self.table
        sender = bindparam("sender_id")
        started = (
            select(func.max(events.c.timestamp))
            .where(events.c.sender_id == sender,
                   events.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        return (
            select(events.c.data)
            .where(events.c.sender_id == sender,
                   or_(events.c.timestamp >= started, started.is_(None)))
            .order_by(events.c.id)
        )

    def _session_state(self) -> Select:
        """How many events `_session_events` would read, and the newest one's row id."""
        session = self._session_events().add_columns(self.table.c.id).subquery()
        return select(func.count(), func.max(session.c.id))

    def _keep(self, conn: Connection, tracker: DialogueStateTracker) -> None:
        """Keep the tracker just saved, if it holds exactly what a retrieve would read."""
        stored, newest = conn.execute(self._state_query,
                                      {"sender_id": tracker.sender_id}).one()
        self._kept.pop(tracker.sender_id, None)
        if stored == len(tracker.events) and newest is not None:
            self._kept[tracker.sender_id] = _Kept(tracker, newest, self.domain)
            while len(self._kept) > KEPT_CONVERSATIONS:
                self._kept.popitem(last=False)

    def _kept_tracker(self, conn: Connection, sender_id: str) -> DialogueStateTracker | None:
        kept = self._kept.pop(sender_id, None)
        if kept is None:
            return None
        stored, newest = conn.execute(self._state_query, {"sender_id": sender_id}).one()
        unchanged = stored == self._known_stored(kept.tracker) == len(kept.tracker.events)
        if not (unchanged and newest == kept.newest and kept.domain is self.domain):
            return None
        self._kept[sender_id] = kept  # the most recently used, last out
        return kept.tracker

    def _remember(self, tracker: DialogueStateTracker, stored: int) -> None:
        """Note that the first `stored` events of `tracker` are in the table."""
        key = id(tracker)
        self._loaded[key] = (weakref.ref(tracker, lambda _: self._loaded.pop(key, None)),
                             stored)

    def _known_stored(self, tracker: DialogueStateTracker) -> int | None:
        known = self._loaded.get(id(tracker))
        return known[1] if known is not None and known[0]() is tracker else None

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        with self.engine.connect() as conn:
            kept = self._kept_tracker(conn, sender_id)
            if kept is not None:
                return kept
            rows = conn.execute(self._session_query, {"sender_id": sender_id}).scalars().all()
        if not self.domain or not rows:
            return None
        tracker = DialogueStateTracker.from_dict(
            sender_id, [json.loads(data) for data in rows], self.domain.slots
        )
        if len(tracker.events) == len(rows):
            self._remember(tracker, len(rows))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        known = self._known_stored(tracker)
        if forget_requested(tracker, since=known or 0):
            removed = self.delete_conversation(tracker.sender_id)
            logger.info("Deleted a conversation on request (%d events).", removed)
            return
        await self.stream_events(tracker)
        with self.engine.begin() as conn:
            stored = known if known is not None else self._stored(conn, tracker.sender_id)
            new = list(islice(tracker.events, stored, None))
            if new:
                conn.execute(self._insert, [_row(tracker.sender_id, e) for e in new])
            self._keep(conn, tracker)
        self._remember(tracker, len(tracker.events))

    def _stored(self, conn: Connection, sender_id: str) -> int:
        """How many of the session's events are in the table already."""
        return int(conn.execute(self._count_query, {"sender_id": sender_id}).scalar_one())

    def delete_conversation(self, sender_id: str) -> int:
        """Delete every event of `sender_id`, across all sessions; returns how many."""
        self._kept.pop(sender_id, None)
        with self.engine.begin() as conn:
            return conn.execute(
                delete(self.table).where(self.table.c.sender_id == sender_id)
            ).rowcount


def _row(sender_id: str, event: Event) -> dict[str, Any]:
    """The row Rasa's SQLTrackerStore writes for `event`."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def forget_requested(tracker: DialogueStateTracker, since: int = 0) -> bool:
    """Whether this turn set the forget marker. A save with it deletes instead of storing, so
    it is never among stored events: only those from `since` (how many are stored) are read."""
    return any(
        isinstance(e, SlotSet) and e.key == FORGET_SLOT and e.value is True
        for e in islice(tracker.events, since, None)
    )
