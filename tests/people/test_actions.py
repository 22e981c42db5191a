"""The actions' side of profiles: who the person is, saving as the conversation goes, the
returning-person greeting and forget me, on real trackers and a real database."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions import forget_me
from actions.common import people as action_people
from actions.common.store import use_store
from actions.greet import ActionGreet
from knowledge import people
from knowledge.db import make_engine
from knowledge.migrate import upgrade
from knowledge.store import KnowledgeStore
from tests.actions.helpers import make_tracker, run

KEY = "actions-test-key"
PROFILE = {
    "type": "archetype_result", "primary": "embedders", "confident": True,
    "archetypes": [
        {"key": "embedders", "name": "Embedders", "score": 0.81, "evidence": ["local validation"]},
        {"key": "users", "name": "Users", "score": 0.4, "evidence": []},
    ],
}
PLAN = {
    "type": "pathway_plan", "archetypes": ["embedders", "users"], "level": "some",
    "filters": ["free"],
    "steps": [{"order": 1, "tier": "foundation", "title": "Foundations", "capability_areas": [],
               "why": "a start", "offerings": []}],
}


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: KnowledgeStore
           ) -> Iterator[Engine]:
    monkeypatch.setenv(people.PERSON_KEY_ENV, KEY)
    engine = make_engine(f"sqlite:///{tmp_path / 'knowledge.db'}")
    upgrade(engine)
    action_people.use_engine(engine)
    use_store(store)
    yield engine
    action_people.use_engine(None)
    use_store(None)


def broken_database() -> Engine:
    return make_engine("postgresql://nobody:secret@127.0.0.1:9/none")


def test_the_person_comes_from_channel_metadata_or_the_sender(engine: Engine) -> None:
    slack = make_tracker("hi", "greet", metadata={"channel": "slack", "user_id": "U024BE7LH"})
    assert action_people.person_id_for(slack) == people.person_id("slack", "U024BE7LH")
    plain = make_tracker("hi", "greet", sender_id="web-123")
    assert action_people.person_id_for(plain) == people.person_id("unknown", "web-123")


def test_profile_plan_and_level_are_saved_from_an_actions_slots(engine: Engine) -> None:
    tracker = make_tracker("", "affirm", sender_id="saver")
    events = [
        {"event": "slot", "name": "plan", "value": PLAN},
        {"event": "slot", "name": "familiarity", "value": "some"},
        {"event": "slot", "name": "awaiting", "value": None},
    ]
    assert action_people.remember(tracker, profile_payload=PROFILE)
    assert action_people.remember_from_events(tracker, events)
    saved = people.load_profile(engine, action_people.person_id_for(tracker))
    assert saved is not None
    assert saved.archetype_keys == ["embedders", "users"]
    assert saved.plan == PLAN and saved.familiarity == "some"
    assert not action_people.remember_from_events(tracker, events[2:])


def test_a_database_outage_never_breaks_the_turn_or_names_the_person(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    action_people.use_engine(broken_database())
    tracker = make_tracker("", "affirm", sender_id="sender-who-must-not-be-logged")
    with caplog.at_level(logging.WARNING):
        assert not action_people.remember(tracker, profile_payload=PROFILE)
        assert action_people.recall(tracker) is None
    assert caplog.records
    assert "sender-who-must-not-be-logged" not in caplog.text
    assert action_people.person_id_for(tracker) not in caplog.text
    assert "secret" not in caplog.text


async def test_a_new_person_gets_the_first_time_greeting(engine: Engine) -> None:
    out = await run(ActionGreet(), make_tracker("hello", "greet", sender_id="newcomer"))
    assert "Hello, I'm Pathfinder" in out.text and "forget me" in out.text
    assert "/start_assessment" in [b["payload"] for b in out.buttons]
    assert out.events == []


async def test_a_returning_person_is_welcomed_back_with_slots_restored(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATHFINDER_PUBLIC_URL", "https://pathfinder.example.nhs.uk")
    tracker = make_tracker("hello", "greet", sender_id="returner")
    people.save_profile(engine, action_people.person_id_for(tracker), profile=PROFILE, plan=PLAN,
                        familiarity="some")
    out = await run(ActionGreet(), tracker)
    assert "Welcome back" in out.text
    assert "**Embedders**" in out.text and "Users" in out.text
    assert "someone with some experience of AI is saved (1 step)" in out.text
    assert "forget me" in out.text and "/pathfinder/privacy" in out.text
    assert [b["payload"] for b in out.buttons] == ["/request_pathway", "/start_assessment"]
    assert out.buttons[0]["title"] == "Show my plan"
    assert out.slots == {
        "archetypes": ["embedders", "users"], "profile": PROFILE, "plan": PLAN,
        "familiarity": "some", "plan_filters": ["free"],
    }


async def test_a_returning_person_without_a_plan_is_offered_one(engine: Engine) -> None:
    tracker = make_tracker("hello", "greet", sender_id="halfway")
    people.save_profile(engine, action_people.person_id_for(tracker), profile=PROFILE)
    out = await run(ActionGreet(), tracker)
    assert out.buttons[0] == {"title": "Get my learning plan", "payload": "/request_pathway"}
    assert out.slots["plan"] is None and "familiarity" not in out.slots


def test_forget_deletes_the_profile_and_marks_the_conversation(engine: Engine) -> None:
    tracker = make_tracker("", "affirm", sender_id="leaver", slots={"awaiting": "forget"})
    people.save_profile(engine, action_people.person_id_for(tracker), profile=PROFILE)
    dispatcher = CollectingDispatcher()
    events = forget_me.forget(dispatcher, tracker)
    assert people.load_profile(engine, action_people.person_id_for(tracker)) is None
    assert {"event": "reset_slots", "timestamp": None} in events
    assert events[-1]["name"] == people.FORGET_SLOT and events[-1]["value"] is True
    assert "deleted" in dispatcher.messages[0]["text"]


def test_forget_says_so_when_it_cannot_delete(engine: Engine) -> None:
    action_people.use_engine(broken_database())
    dispatcher = CollectingDispatcher()
    events = forget_me.forget(dispatcher, make_tracker("", "affirm", sender_id="unlucky"))
    assert "nothing has been removed" in dispatcher.messages[0]["text"]
    assert all(e.get("name") != people.FORGET_SLOT for e in events)
