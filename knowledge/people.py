"""Profiles of the people Pathfinder has advised, so a returning person can pick up their plan.

A person is known only by a keyed hash (HMAC-SHA256) of their channel and the channel's user id,
so the database never holds a Slack, Teams or browser id, and the ids cannot be recomputed
without the deployment's secret key. One row per person, written with a single
INSERT .. ON CONFLICT DO UPDATE, so concurrent or retried deliveries never create a second row
or half-apply an update, on SQLite and PostgreSQL alike.

The same module owns the retention rules for Rasa's conversation store (table `events`), read
with plain SQL so this package stays free of Rasa imports.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
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

from knowledge.db import REPO_ROOT
from knowledge.models import Base

PERSON_KEY_ENV = "PATHFINDER_PERSON_KEY"
DEFAULT_KEY_FILE = REPO_ROOT / "data" / "person.key"
TRACKER_DB_URL_ENV = "TRACKER_DB_URL"
DEFAULT_TRACKER_DB = REPO_ROOT / "data" / "trackers.db"
# the slot whose SlotSet(True) tells the tracker store to delete the conversation, not save it
FORGET_SLOT = "forgotten"


class PersonProfileRow(Base):
    __tablename__ = "person_profiles"

    person_id = Column(String(64), primary_key=True)
    archetypes = Column(JSON(none_as_null=True))  # [{"key": "users", "score": 0.8}], best first
    profile = Column(JSON(none_as_null=True))  # the last archetype_result payload
    familiarity = Column(String(16))
    plan = Column(JSON(none_as_null=True))  # the last pathway_plan payload
    created_at = Column(DateTime, nullable=False)  # UTC
    updated_at = Column(DateTime, nullable=False, index=True)  # UTC; retention reads this


PROFILES = PersonProfileRow.__table__

# The columns of Rasa's SQL tracker store table that retention needs (Rasa creates the table).
EVENTS = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("timestamp", Float),
)


@dataclass(frozen=True)
class PersonProfile:
    person_id: str
    archetypes: list[dict[str, Any]]
    profile: dict[str, Any] | None
    familiarity: str | None
    plan: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime

    @property
    def archetype_keys(self) -> list[str]:
        return [str(a["key"]) for a in self.archetypes]


class UnsupportedDatabase(ValueError):
    """Profiles need INSERT .. ON CONFLICT, which SQLite and PostgreSQL provide."""


def person_key() -> bytes:
    """The deployment's secret: env PATHFINDER_PERSON_KEY, else a key file made once in data/."""
    configured = os.environ.get(PERSON_KEY_ENV)
    if configured:
        return configured.encode("utf-8")
    return key_from_file(DEFAULT_KEY_FILE)


def key_from_file(path: Path) -> bytes:
    """The key kept in `path`; made once, atomically, by whichever process gets there first."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        candidate = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        candidate.write_text(secrets.token_hex(32))
        candidate.chmod(0o600)
        # link() fails if another process got there first; everyone then reads the same key
        with contextlib.suppress(FileExistsError):
            os.link(candidate, path)
        candidate.unlink()
    return path.read_text().strip().encode("utf-8")


def person_id(channel: str, user_id: str, key: bytes | None = None) -> str:
    """The stable, non-reversible id of the person behind `user_id` on `channel`."""
    if not user_id:
        raise ValueError("a person id needs the channel's user id")
    message = f"{channel or 'unknown'}\x1f{user_id}".encode()
    return hmac.new(key or person_key(), message, hashlib.sha256).hexdigest()


def short_ref(pid: str) -> str:
    """The most of a person id that may appear in a log line."""
    return pid[:8]


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _insert(engine: Engine):  # noqa: ANN202 - a dialect-specific Insert construct
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif engine.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise UnsupportedDatabase(f"profiles are not supported on {engine.dialect.name}")
    return insert(PROFILES)


def save_profile(
    engine: Engine,
    pid: str,
    *,
    profile: dict[str, Any] | None = None,
    plan: dict[str, Any] | None = None,
    familiarity: str | None = None,
    now: datetime | None = None,
) -> None:
    """Create or update the person's row in one statement; only the given parts change.

    A new profile clears the saved plan unless a plan comes with it: that plan was built for
    the archetypes the person had before.
    """
    changes: dict[str, Any] = {}
    if profile is not None:
        changes["profile"] = profile
        changes["archetypes"] = [
            {"key": a["key"], "score": a.get("score")} for a in profile.get("archetypes", [])
        ]
        changes["plan"] = plan
    if plan is not None:
        changes["plan"] = plan
    if familiarity is not None:
        changes["familiarity"] = familiarity
    now = now or utcnow()
    stmt = _insert(engine).values(person_id=pid, created_at=now, updated_at=now, **changes)
    stmt = stmt.on_conflict_do_update(
        index_elements=[PROFILES.c.person_id],
        set_={name: stmt.excluded[name] for name in [*changes, "updated_at"]},
    )
    with engine.begin() as conn:
        conn.execute(stmt)


def load_profile(engine: Engine, pid: str) -> PersonProfile | None:
    with engine.connect() as conn:
        row = conn.execute(select(PROFILES).where(PROFILES.c.person_id == pid)).first()
    if row is None:
        return None
    return PersonProfile(
        person_id=row.person_id,
        archetypes=list(row.archetypes or []),
        profile=row.profile,
        familiarity=row.familiarity,
        plan=row.plan,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def forget_person(engine: Engine, pid: str) -> int:
    """Delete everything held about the person in this database; returns the rows removed."""
    with engine.begin() as conn:
        return conn.execute(delete(PROFILES).where(PROFILES.c.person_id == pid)).rowcount


def purge_older_than(engine: Engine, age: timedelta, now: datetime | None = None) -> int:
    """Delete profiles untouched for longer than `age`; returns how many went."""
    cutoff = (now or utcnow()) - age
    with engine.begin() as conn:
        return conn.execute(delete(PROFILES).where(PROFILES.c.updated_at < cutoff)).rowcount


def default_tracker_url() -> str:
    """Rasa's conversation store: env TRACKER_DB_URL, else an embedded SQLite file."""
    return os.environ.get(TRACKER_DB_URL_ENV) or f"sqlite:///{DEFAULT_TRACKER_DB}"


def purge_conversations(
    engine: Engine, age: timedelta, now: datetime | None = None
) -> tuple[int, int]:
    """Delete whole conversations whose last event is older than `age`.

    A conversation is removed entirely or not at all, so nobody is left with half a history.
    Returns (conversations, events) removed; a database without Rasa's table has none.
    """
    if not inspect(engine).has_table(EVENTS.name):
        return 0, 0
    cutoff = ((now or utcnow()) - age).replace(tzinfo=timezone.utc).timestamp()
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
