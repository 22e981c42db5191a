"""The actions' side of profiles: who the person is, saving as the conversation goes, the
returning-person greeting and forget me, on real trackers and a real database."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions import forget_me
from actions.common import people as action_people
from actions.common.store import use_store
from actions.greet import ActionGreet
from bot import contract
from knowledge.catalogue.store import KnowledgeStore
from knowledge.people import profiles as people
from knowledge.people.identity import rest_conversation
from knowledge.storage.db import make_engine
from knowledge.storage.migrate import upgrade
from tests.actions.helpers import make_tracker, run

KEY = "actions-test-key-of-at-least-32-characters"
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
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, knowledge_store: KnowledgeStore
           ) -> Iterator[Engine]:
    monkeypatch.setenv(people.PERSON_KEY_ENV, KEY)
    engine = make_engine(f"sqlite:///{tmp_path / 'knowledge.db'}")
    upgrade(engine)
    action_people.use_engine(engine)
    use_store(knowledge_store)
    yield engine
    action_people.use_engine(None)
    use_store(None)


def broken_database() -> Engine:
    return make_engine("postgresql://nobody:secret@127.0.0.1:9/none")


def on_channel(channel: str, conversation: str, text: str = "", intent: str = "affirm",
               **kwargs: object) -> Tracker:
    """A tracker whose latest message arrived on `channel`, as Rasa records it."""
    tracker = make_tracker(text, intent, sender_id=conversation, **kwargs)
    tracker.events[-1]["input_channel"] = channel
    return tracker


def rest(name: str, text: str = "", intent: str = "affirm", **kwargs: object) -> Tracker:
    return on_channel("rest", rest_conversation(name), text, intent, **kwargs)


def test_the_person_comes_from_the_conversation_id_never_from_metadata(engine: Engine) -> None:
    slack = on_channel("slack", "slack:T1:U024BE7LH")
    assert action_people.person_id_for(slack) == people.person_id("slack:T1:U024BE7LH")
    teams = on_channel("teams", "teams:tenant-1:object-1")
    assert action_people.person_id_for(teams) == people.person_id("entra:tenant-1:object-1")
    claimed = rest("web-123", metadata={"channel": "slack", "user_id": "U024BE7LH"})
    assert action_people.person_id_for(claimed) == people.person_id("rest:web-123")
    # an id that does not start with the channel it arrived on belongs to nobody
    assert action_people.person_id_for(on_channel("rest", "slack:T1:U024BE7LH")) is None
    assert action_people.person_id_for(make_tracker("hi", "greet", sender_id="bare")) is None


def test_profile_plan_and_level_are_saved_from_an_actions_slots(engine: Engine) -> None:
    tracker = rest("saver", "", "affirm")
    events = [
        {"event": "slot", "name": "plan", "value": PLAN},
        {"event": "slot", "name": "familiarity", "value": "some"},
        {"event": "slot", "name": "profile_confirmed", "value": True},
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
    tracker = rest("sender-who-must-not-be-logged", "", "affirm")
    with caplog.at_level(logging.WARNING):
        assert not action_people.remember(tracker, profile_payload=PROFILE)
        assert action_people.recall(tracker) is None
    assert caplog.records
    assert "sender-who-must-not-be-logged" not in caplog.text
    assert action_people.person_id_for(tracker) not in caplog.text
    assert "secret" not in caplog.text


async def test_a_new_person_gets_the_first_time_greeting(engine: Engine) -> None:
    out = await run(ActionGreet(), rest("newcomer", "hello", "greet"))
    assert "Hello, I'm Pathfinder" in out.text and "forget me" in out.text
    assert "/start_assessment" in [b["payload"] for b in out.buttons]
    assert out.events == []


async def test_a_returning_person_is_welcomed_back_with_slots_restored(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATHFINDER_PUBLIC_URL", "https://pathfinder.example.nhs.uk")
    tracker = rest("returner", "hello", "greet")
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
    tracker = rest("halfway", "hello", "greet")
    people.save_profile(engine, action_people.person_id_for(tracker), profile=PROFILE)
    out = await run(ActionGreet(), tracker)
    assert out.buttons[0] == {"title": "Get my learning plan", "payload": "/request_pathway"}
    assert out.slots["plan"] is None and "familiarity" not in out.slots


def test_forget_deletes_the_profile_and_marks_the_conversation(engine: Engine) -> None:
    tracker = rest("leaver", "", "affirm")
    people.save_profile(engine, action_people.person_id_for(tracker), profile=PROFILE)
    dispatcher = CollectingDispatcher()
    events = forget_me.forget(dispatcher, tracker)
    assert people.load_profile(engine, action_people.person_id_for(tracker)) is None
    assert {"event": "reset_slots", "timestamp": None} in events
    assert events[-1]["name"] == contract.FORGET_SLOT and events[-1]["value"] is True
    assert dispatcher.messages[0]["response"] == "utter_forgotten"


def test_forget_says_so_when_it_cannot_delete(engine: Engine) -> None:
    action_people.use_engine(broken_database())
    dispatcher = CollectingDispatcher()
    events = forget_me.forget(dispatcher, rest("unlucky", "", "affirm"))
    assert dispatcher.messages[0]["response"] == "utter_not_forgotten"
    assert all(e.get("name") != contract.FORGET_SLOT for e in events)
