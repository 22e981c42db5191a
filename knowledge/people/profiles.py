"""Profiles of the people Pathfinder has advised, so a returning person can pick up their plan.

A person is known only by a keyed hash (HMAC-SHA256) of their person key (knowledge.people.identity:
`slack:<team>:<user>`, `entra:<tenant>:<object id>`, ...), so the database never holds a Slack,
Teams or browser id, and the ids cannot be recomputed without the deployment's secret key.
One row per person, written with a single
INSERT .. ON CONFLICT DO UPDATE, so concurrent or retried deliveries never create a second row
or half-apply an update, on SQLite and PostgreSQL alike. Retention of the conversations
themselves, in Rasa's store, is the Rasa side's (bot.addons.retention).
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

from sqlalchemy import JSON, Column, DateTime, String, Table, delete, select
from sqlalchemy.engine import Engine

from knowledge.catalogue.tables import Base
from knowledge.storage.db import REPO_ROOT

PERSON_KEY_ENV = "PATHFINDER_PERSON_KEY"
DEFAULT_KEY_FILE = REPO_ROOT / "data" / "person.key"
MAX_SESSION_SECONDS = 24 * 3600  # the longest a widget session token may live (and a revocation)
MIN_KEY_BYTES = 32  # HMAC-SHA256 keys shorter than its output weaken it
LOG_REF_LENGTH = 10


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


class RevokedSessionRow(Base):
    """A conversation whose session tokens issued before `revoked_at` are no longer accepted
    (forget me); kept until the last such token would have expired anyway."""

    __tablename__ = "revoked_sessions"

    ref = Column(String(64), primary_key=True)  # keyed hash of the conversation id
    revoked_at = Column(DateTime, nullable=False)  # UTC
    expires_at = Column(DateTime, nullable=False, index=True)  # UTC


REVOKED = RevokedSessionRow.__table__

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


class WeakKey(ValueError):
    """A secret key shorter than MIN_KEY_BYTES; refused rather than used."""


def checked_key(key: bytes, origin: str) -> bytes:
    """`key` if it is long enough, else WeakKey naming where it came from (never its value)."""
    if len(key) < MIN_KEY_BYTES:
        raise WeakKey(
            f"{origin} is too short: use at least {MIN_KEY_BYTES} random characters "
            "(for example the output of `openssl rand -hex 32`)."
        )
    return key


def person_key() -> bytes:
    """The deployment's secret: env PATHFINDER_PERSON_KEY, else a key file made once in data/."""
    configured = os.environ.get(PERSON_KEY_ENV)
    if configured:
        return checked_key(configured.encode("utf-8"), PERSON_KEY_ENV)
    return key_from_file(DEFAULT_KEY_FILE)


def key_from_file(path: Path) -> bytes:
    """The key kept in `path`; made once, atomically, by whichever process gets there first.

    The candidate file is created with mode 0600 in the same call (O_CREAT|O_EXCL), so the key
    is never readable by others, not even for a moment, whatever the umask.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        candidate = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(descriptor, secrets.token_hex(32).encode("ascii"))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        # link() fails if another process got there first; everyone then reads the same key
        with contextlib.suppress(FileExistsError):
            os.link(candidate, path)
        candidate.unlink()
    return checked_key(path.read_text().strip().encode("utf-8"), str(path))


def person_id(key_of_person: str, key: bytes | None = None) -> str:
    """The stable, non-reversible id of a person (`knowledge.people.identity.person_key`)."""
    if not key_of_person:
        raise ValueError("a person id needs the person's key")
    return hmac.new(key or person_key(), key_of_person.encode(), hashlib.sha256).hexdigest()


def log_ref(value: str, key: bytes | None = None) -> str:
    """A short keyed hash of a chat, user or conversation id, for log lines instead of it."""
    digest = hmac.new(key or person_key(), b"log\x1f" + value.encode(), hashlib.sha256)
    return digest.hexdigest()[:LOG_REF_LENGTH]


def short_ref(pid: str) -> str:
    """The most of a person id that may appear in a log line."""
    return pid[:8]


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _insert(engine: Engine, table: Table = PROFILES):  # noqa: ANN202 - dialect-specific Insert
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif engine.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise UnsupportedDatabase(f"profiles are not supported on {engine.dialect.name}")
    return insert(table)


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
    """Delete profiles untouched for longer than `age`, and revocations no longer needed;
    returns how many profiles went."""
    now = now or utcnow()
    with engine.begin() as conn:
        conn.execute(delete(REVOKED).where(REVOKED.c.expires_at < now))
        return conn.execute(delete(PROFILES).where(PROFILES.c.updated_at < now - age)).rowcount


def _session_ref(conversation: str, key: bytes | None) -> str:
    return hmac.new(key or person_key(), b"session\x1f" + conversation.encode(),
                    hashlib.sha256).hexdigest()


def revoke_sessions(
    engine: Engine, conversation: str, lifetime: timedelta, now: datetime | None = None,
    key: bytes | None = None,
) -> None:
    """Refuse every session token of `conversation` issued until now (tokens live `lifetime`)."""
    now = now or utcnow()
    stmt = _insert(engine, REVOKED).values(
        ref=_session_ref(conversation, key), revoked_at=now, expires_at=now + lifetime
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[REVOKED.c.ref],
        set_={"revoked_at": stmt.excluded.revoked_at, "expires_at": stmt.excluded.expires_at},
    )
    with engine.begin() as conn:
        conn.execute(stmt)


def revoked_at(engine: Engine, conversation: str, key: bytes | None = None) -> datetime | None:
    """When the conversation's session tokens were last revoked (UTC), or None."""
    with engine.connect() as conn:
        return conn.execute(
            select(REVOKED.c.revoked_at).where(REVOKED.c.ref == _session_ref(conversation, key))
        ).scalar()
