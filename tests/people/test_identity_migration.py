"""Migration 0005: old conversations and profiles move to the namespaced ids, or are removed.

Old-style data is written the way the previous code wrote it (raw conversation ids, person ids
hashed from metadata) into a real Rasa tracker store and a knowledge database at revision
0002, then the real Alembic upgrade runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from datetime import timedelta
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from bot import contract
from bot.addons.tracker_store import ForgettingSQLTrackerStore
from knowledge.people import profiles as people
from knowledge.storage.db import make_engine
from knowledge.storage.migrate import upgrade
from tests.support.postgres import shared_postgres

KEY = "migration-test-key-of-at-least-32-characters"
DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "bot" / "domain"))
PROFILE = {"type": "archetype_result", "archetypes": [{"key": "users", "score": 0.9}]}
TENANT, OBJECT = "7d1b0f5e-tenant", "0a5e-object"


def old_person(channel: str, user: str) -> str:
    return hmac.new(KEY.encode(), f"{channel}\x1f{user}".encode(), hashlib.sha256).hexdigest()


def old_conversation(sender: str, *messages: tuple[str, dict]) -> DialogueStateTracker:
    at = time.time()
    events = [ActionExecuted("action_listen", timestamp=at)]
    for n, (channel, metadata) in enumerate(messages, 1):
        events += [
            UserUttered("hello", {"name": "greet", "confidence": 1.0}, timestamp=at + n,
                        input_channel=channel, metadata=metadata),
            ActionExecuted("action_listen", timestamp=at + n),
        ]
    return DialogueStateTracker.from_events(sender, events, slots=DOMAIN.slots)


@pytest.fixture(params=["sqlite files", "one postgresql database"])
def urls(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """(knowledge, trackers): two SQLite files, or both in one PostgreSQL database."""
    if request.param == "sqlite files":
        return f"sqlite:///{tmp_path / 'knowledge.db'}", f"sqlite:///{tmp_path / 'trackers.db'}"
    url = shared_postgres().create_database("identity")
    return url, url


@pytest.fixture()
def migrated(urls: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> tuple[Engine, Engine]:
    """Old data in both databases, then the upgrade to the newest revision."""
    knowledge_url, tracker_url = urls
    monkeypatch.setenv(people.PERSON_KEY_ENV, KEY)
    monkeypatch.setenv(contract.TRACKER_DB_URL_ENV, tracker_url)
    store = ForgettingSQLTrackerStore(domain=DOMAIN, host=tracker_url)
    trackers = [
        old_conversation("U1", ("slack", {"channel": "slack", "user": "U1", "team": "T1"})),
        old_conversation("29:abc", ("teams", {"channel": "teams", "aad_object_id": OBJECT,
                                              "tenant_id": TENANT})),
        old_conversation("a" * 32, ("widget", {"channel": "widget"})),
        old_conversation("alice", ("rest", {})),
        # a REST caller who claimed Slack user U2's identity, and U2's own conversation
        old_conversation("mallory", ("rest", {"channel": "slack", "user": "U2"})),
        old_conversation("U2", ("slack", {"channel": "slack", "user": "U2", "team": "T1"})),
        # one conversation id used through two channels
        old_conversation("U3", ("slack", {"channel": "slack", "user": "U3", "team": "T1"}),
                         ("rest", {})),
    ]
    for tracker in trackers:
        asyncio.run(store.save(tracker))
    store.engine.dispose()

    knowledge = make_engine(knowledge_url)
    upgrade(knowledge, "0002_people")
    for pid in (old_person("slack", "U1"), old_person("teams", "29:abc"),
                old_person("widget", "a" * 32), old_person("rest", "alice"),
                old_person("slack", "U2"), old_person("slack", "U3"),
                old_person("slack", "U-nobody")):
        people.save_profile(knowledge, pid, profile=PROFILE)
    upgrade(knowledge)
    return knowledge, make_engine(tracker_url)


def senders(trackers: Engine) -> set[str]:
    with trackers.connect() as conn:
        return set(conn.execute(text("SELECT DISTINCT sender_id FROM events")).scalars())


def profile_ids(knowledge: Engine) -> set[str]:
    with knowledge.connect() as conn:
        return set(conn.execute(select(people.PROFILES.c.person_id)).scalars())


def test_conversations_are_renamed_into_their_channels_namespace(
    migrated: tuple[Engine, Engine]
) -> None:
    _, trackers = migrated
    assert senders(trackers) == {
        "slack:T1:U1", f"teams:{TENANT}:{OBJECT}", "widget:" + "a" * 32, "rest:alice",
        "rest:mallory", "slack:T1:U2",
    }  # U3, spoken to through two channels, cannot be given to one person: deleted


def test_profiles_follow_their_person_and_claimed_or_orphaned_ones_go(
    migrated: tuple[Engine, Engine]
) -> None:
    knowledge, _ = migrated
    key = KEY.encode()
    assert profile_ids(knowledge) == {
        people.person_id("slack:T1:U1", key),
        people.person_id(f"entra:{TENANT}:{OBJECT}", key),
        people.person_id("widget:" + "a" * 32, key),
        people.person_id("rest:alice", key),
    }  # U2 was claimed by a REST caller, U3's conversation was mixed, U-nobody had none


def test_the_upgrade_adds_the_session_revocations_table(migrated: tuple[Engine, Engine]) -> None:
    knowledge, _ = migrated
    people.revoke_sessions(knowledge, "widget:" + "b" * 32, lifetime=timedelta(hours=8))
    assert people.revoked_at(knowledge, "widget:" + "b" * 32) is not None
    assert people.revoked_at(knowledge, "widget:" + "c" * 32) is None

