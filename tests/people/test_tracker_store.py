"""The tracker store saves what Rasa's would, forgets a conversation completely, and retention
purges whole ones."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import event, func, select, text
from sqlalchemy.engine import Engine

from bot import contract
from bot.addons import tracker_store
from bot.addons.retention import purge_conversations
from bot.addons.tracker_store import ForgettingSQLTrackerStore
from knowledge.storage.db import make_engine
from tests.people.rows import rows_mentioning
from tests.support.postgres import shared_postgres

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "bot" / "domain"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('trackers') / 'sub' / 'trackers.db'}"
    return shared_postgres().create_database("trackers")


@pytest.fixture(scope="module")
def store(url: str) -> Iterator[ForgettingSQLTrackerStore]:
    store = ForgettingSQLTrackerStore(domain=DOMAIN, host=url)
    yield store
    store.engine.dispose()


def conversation(sender: str, started: float | None = None) -> DialogueStateTracker:
    at = started or time.time()
    return DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_listen", timestamp=at),
        UserUttered("I'm a radiographer", {"name": "describe_role", "confidence": 1.0},
                    timestamp=at + 1),
        ActionExecuted("validate_assessment_form", timestamp=at + 2),
        BotUttered("It sounds as if you're one of the Users", timestamp=at + 2),
        SlotSet("archetypes", ["users"], timestamp=at + 2),
        ActionExecuted("action_listen", timestamp=at + 3),
    ], slots=DOMAIN.slots)


def event_rows(store: ForgettingSQLTrackerStore, sender: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(store.SQLEvent.__table__)
            .where(store.SQLEvent.sender_id == sender)
        ).scalar_one()


async def test_conversations_are_saved_as_usual(store: ForgettingSQLTrackerStore) -> None:
    await store.save(conversation("saved"))
    assert event_rows(store, "saved") == 6
    retrieved = await store.retrieve("saved")
    assert retrieved is not None and retrieved.get_slot("archetypes") == ["users"]


def stored_rows(engine: Engine, sender: str) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data "
            "FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender})]


async def test_a_save_appends_only_the_events_not_yet_stored(
    store: ForgettingSQLTrackerStore,
) -> None:
    tracker = conversation("growing")
    await store.save(tracker)
    await store.save(tracker)  # nothing new: nothing written
    assert event_rows(store, "growing") == 6
    again = await store.retrieve("growing")
    assert again is not None
    again.update(UserUttered("and I train others", {"name": "describe_role",
                                                    "confidence": 0.9}))
    again.update(ActionExecuted("action_listen"))
    await store.save(again)
    assert event_rows(store, "growing") == 8
    final = await store.retrieve("growing")
    assert final is not None and [e.as_dict() for e in final.events] == [
        e.as_dict() for e in again.events]


async def test_a_tracker_the_store_did_not_read_is_counted_in_the_table(
    store: ForgettingSQLTrackerStore,
) -> None:
    await store.save(conversation("counted"))
    longer = DialogueStateTracker.from_dict(
        "counted", [e.as_dict() for e in (await store.retrieve("counted")).events], DOMAIN.slots)
    longer.update(UserUttered("and I train others", {"name": "describe_role",
                                                     "confidence": 0.9}))
    await store.save(longer)
    assert event_rows(store, "counted") == 7


async def test_saving_a_tracker_it_read_needs_no_count(store: ForgettingSQLTrackerStore) -> None:
    await store.save(conversation("known"))
    tracker = await store.retrieve("known")
    assert tracker is not None
    tracker.update(ActionExecuted("action_listen"))
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        await store.save(tracker)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert statements[0].split()[0] == "INSERT"  # no count of the stored events first
    assert event_rows(store, "known") == 7


def statements_during(store: ForgettingSQLTrackerStore) -> tuple[list[str], object]:
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    return statements, lambda: event.remove(store.engine, "before_cursor_execute", seen)


async def test_the_next_turn_gets_the_saved_tracker_without_reading_its_events(
    store: ForgettingSQLTrackerStore,
) -> None:
    tracker = conversation("kept")
    await store.save(tracker)
    statements, stop = statements_during(store)
    try:
        again = await store.retrieve("kept")
    finally:
        stop()
    assert again is tracker
    assert len(statements) == 1 and "count" in statements[0].lower()  # one check, no event data
    again.update(UserUttered("and I train others", {"name": "describe_role",
                                                    "confidence": 0.9}))
    await store.save(again)
    assert event_rows(store, "kept") == 7 and await store.retrieve("kept") is again


async def test_a_conversation_another_server_wrote_to_is_read_from_the_table(
    store: ForgettingSQLTrackerStore, url: str
) -> None:
    ours = conversation("two-servers")
    await store.save(ours)
    other = ForgettingSQLTrackerStore(domain=DOMAIN, host=url)  # a second Rasa server
    theirs = await other.retrieve("two-servers")
    assert theirs is not None and theirs is not ours
    theirs.update(UserUttered("hello from the other server", {"name": "greet",
                                                              "confidence": 1.0}))
    await other.save(theirs)
    latest = await store.retrieve("two-servers")
    assert latest is not None and latest is not ours
    assert latest.latest_message.text == "hello from the other server"
    assert len(latest.events) == 7


async def test_a_tracker_that_grew_without_a_save_is_not_handed_out(
    store: ForgettingSQLTrackerStore,
) -> None:
    tracker = conversation("failed-turn")
    await store.save(tracker)
    tracker.update(UserUttered("a turn that failed before its save",
                               {"name": "describe_role", "confidence": 0.9}))
    again = await store.retrieve("failed-turn")
    assert again is not None and again is not tracker
    assert [e.as_dict() for e in again.events] == [e.as_dict() for e in
                                                   list(tracker.events)[:6]]


async def test_a_purged_conversation_is_not_handed_out(store: ForgettingSQLTrackerStore) -> None:
    await store.save(conversation("purged", started=time.time() - 91 * 86400))
    purge_conversations(store.engine, timedelta(days=90))
    assert await store.retrieve("purged") is None


async def test_only_the_latest_conversations_are_kept(
    store: ForgettingSQLTrackerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tracker_store, "KEPT_CONVERSATIONS", 2)
    first = conversation("kept-1")
    for tracker in (first, conversation("kept-2"), conversation("kept-3")):
        await store.save(tracker)
    assert len(store._kept) == 2
    again = await store.retrieve("kept-1")  # read from the table, as before
    assert again is not None and again is not first and len(again.events) == 6


async def test_rows_are_the_rows_rasas_own_store_writes(
    store: ForgettingSQLTrackerStore, url: str
) -> None:
    stock = SQLTrackerStore(domain=DOMAIN, host=url)
    try:
        tracker = conversation("ours")
        await store.save(tracker)
        twin = conversation("stock", started=tracker.events[0].timestamp)
        await stock.save(twin)
        ours, theirs = stored_rows(store.engine, "ours"), stored_rows(store.engine, "stock")
        assert [r[1:] for r in ours] == [r[1:] for r in theirs]
        assert len(ours) == 6
    finally:
        stock.engine.dispose()


async def test_a_new_session_is_read_alone_and_saved_after_the_old_one(
    store: ForgettingSQLTrackerStore,
) -> None:
    at = time.time() - 3600
    await store.save(conversation("sessions", started=at))
    tracker = await store.retrieve("sessions")
    assert tracker is not None
    tracker.update(ActionExecuted("action_session_start", timestamp=at + 100))
    tracker.update(SessionStarted(timestamp=at + 101))
    tracker.update(ActionExecuted("action_listen", timestamp=at + 102))
    await store.save(tracker)
    assert event_rows(store, "sessions") == 9
    latest = await store.retrieve("sessions")
    assert latest is not None
    assert [e.type_name for e in latest.events] == ["session_started", "action"]
    latest.update(UserUttered("hello", {"name": "greet", "confidence": 1.0},
                              timestamp=at + 103))
    await store.save(latest)
    assert event_rows(store, "sessions") == 10
    full = await store.retrieve_full_tracker("sessions")
    assert full is not None and len(full.events) == 10


async def test_the_forget_marker_deletes_every_event(
    store: ForgettingSQLTrackerStore, url: str
) -> None:
    await store.save(conversation("forget-me"))
    await store.save(conversation("someone-else"))
    tracker = await store.retrieve("forget-me")
    assert tracker is not None
    tracker.update(UserUttered("/affirm", {"name": "affirm", "confidence": 1.0}))
    tracker.update(ActionExecuted("action_forget_me"))
    tracker.update(BotUttered("Done. I've deleted your profile"))
    tracker.update(SlotSet(contract.FORGET_SLOT, True))
    await store.save(tracker)
    assert rows_mentioning(store.engine, "forget-me") == {}
    assert await store.retrieve("forget-me") is None
    assert event_rows(store, "someone-else") == 6


async def test_a_marker_set_to_false_is_not_a_request(store: ForgettingSQLTrackerStore) -> None:
    tracker = conversation("not-forgotten")
    tracker.update(SlotSet(contract.FORGET_SLOT, False))
    await store.save(tracker)
    assert event_rows(store, "not-forgotten") == 7


async def test_retention_purges_whole_idle_conversations(store: ForgettingSQLTrackerStore) -> None:
    now = time.time()
    await store.save(conversation("idle", started=now - 91 * 86400))
    await store.save(conversation("active", started=now - 91 * 86400))
    active = await store.retrieve("active")
    assert active is not None
    active.update(UserUttered("hello again", {"name": "greet", "confidence": 1.0}))
    await store.save(active)
    conversations, events = purge_conversations(store.engine, timedelta(days=90))
    assert conversations >= 1 and events >= 6
    assert event_rows(store, "idle") == 0
    assert event_rows(store, "active") == 7  # old events kept: the conversation is alive


def test_the_store_shares_the_process_engine_for_its_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    store = ForgettingSQLTrackerStore(domain=DOMAIN, host=url)
    assert store.engine is make_engine(url)


async def test_an_in_memory_store_keeps_its_conversations() -> None:
    store = ForgettingSQLTrackerStore(domain=DOMAIN, host="sqlite://")
    await store.save(conversation("in-memory"))
    assert event_rows(store, "in-memory") == 6


def test_default_url_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'env' / 'trackers.db'}"
    monkeypatch.setenv(contract.TRACKER_DB_URL_ENV, url)
    store = ForgettingSQLTrackerStore(domain=DOMAIN)
    assert str(store.engine.url) == url
    assert (tmp_path / "env" / "trackers.db").exists()


def test_an_embedded_sqlite_store_commits_in_wal_mode(tmp_path: Path) -> None:
    store = ForgettingSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 't.db'}")
    try:
        with store.engine.connect() as conn:
            journal = conn.execute(text("PRAGMA journal_mode")).scalar_one()
            sync = conn.execute(text("PRAGMA synchronous")).scalar_one()
    finally:
        store.engine.dispose()
    assert (journal, sync) == ("wal", 1)
