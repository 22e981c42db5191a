"""Retention for Rasa's conversation store: whole conversations idle for longer than an age go.

Rasa's SQL tracker store keeps one row per event in its table `events`; this is the only code
outside Rasa that reads that table (besides the forget-me delete in `tracker_store`). It uses
plain SQL on the columns it needs, so the retention job (`python -m bot.purge`) runs without
loading Rasa.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Engine

# the columns of Rasa's SQLTrackerStore table that retention needs (Rasa creates the table)
EVENTS = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("timestamp", Float),
)


def purge_conversations(
    engine: Engine, age: timedelta, now: datetime | None = None
) -> tuple[int, int]:
    """Delete whole conversations whose last event is older than `age` (`now` is naive UTC).

    A conversation is removed entirely or not at all, so nobody is left with half a history.
    Returns (conversations, events) removed; a database without Rasa's table has none.
    """
    if not inspect(engine).has_table(EVENTS.name):
        return 0, 0
    moment = now or datetime.now(timezone.utc).replace(tzinfo=None)
    cutoff = (moment - age).replace(tzinfo=timezone.utc).timestamp()
    stale = (
        select(EVENTS.c.sender_id)
        .group_by(EVENTS.c.sender_id)
        .having(func.max(EVENTS.c.timestamp) < cutoff)
    )
    with engine.begin() as conn:
        conversations = conn.execute(select(func.count()).select_from(stale.subquery())).scalar()
        events = conn.execute(
            delete(EVENTS).where(EVENTS.c.sender_id.in_(stale.scalar_subquery()))
        ).rowcount
    return int(conversations or 0), events
