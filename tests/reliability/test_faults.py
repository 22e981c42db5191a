"""Faults while a conversation is under way: action server, catalogue, lock and tracker stores.

One Rasa server for the module, started as Pathfinder starts it (`bot.addons.rasa_run`, SQLite
conversation store, Redis lock store, strict REST channel). Between turns the action server is
stopped, replaced by a silent port, or started with a dead database, and Redis and the
conversation store are taken away; each is then brought back on the same address.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from actions.common.base import STORE_DOWN
from bot.addons.endpoints import endpoints_yaml
from bot.addons.resilient_actions import UNAVAILABLE_RESPONSE
from bot.channels.rest import SERVER_TROUBLE
from knowledge.catalogue.loader import load
from knowledge.storage.db import make_engine
from tests.reliability.support import (
    ROLE,
    STRICT_REST,
    Chat,
    FixedReplyServer,
    SilentServer,
    card,
    closed_port,
    start_pathfinder,
    texts,
)
from tests.support.redis import RedisServer
from tests.support.responses import response_text
from tests.support.servers import Server, free_port, start_action_server

UNAVAILABLE = response_text(UNAVAILABLE_RESPONSE)

pytestmark = pytest.mark.server

ACTION_TIMEOUT = 4
FAMILIARITY_NEW = '/inform_familiarity{"familiarity": "new"}'


@dataclass
class Stack:
    rasa: Server
    actions: Server
    action_port: int
    knowledge_url: str
    trackers: Path
    redis: RedisServer

    def restart_actions(self, **env: str) -> None:
        """Stop the action server and start it again on the same port."""
        self.actions.stop()
        self.actions = start_action_server(
            self.action_port, **{"KNOWLEDGE_DB_URL": self.knowledge_url, **env}
        )

    def stop_actions(self) -> None:
        self.actions.stop()

    def restart_redis(self) -> None:
        self.redis.stop()
        self.redis = RedisServer(port=self.redis.port)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    folder = tmp_path_factory.mktemp("faults")
    knowledge_url = f"sqlite:///{folder / 'knowledge.db'}"
    load(make_engine(knowledge_url))
    trackers = folder / "trackers.db"
    tracker_url = f"sqlite:///{trackers}"
    lock_redis = RedisServer()
    stores = {"TRACKER_DB_URL": tracker_url, "LOCK_STORE_URL": lock_redis.url(1)}
    port = free_port()
    actions = start_action_server(port, KNOWLEDGE_DB_URL=knowledge_url)
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(endpoints_yaml({"ACTION_ENDPOINT_URL": f"{actions.url}/webhook",
                                         **stores}))
    credentials = folder / "credentials.yml"
    credentials.write_text(f"{STRICT_REST}:\n")
    try:
        rasa = start_pathfinder(
            endpoints, credentials, extra_args=["--enable-api"],
            PATHFINDER_ACTION_TIMEOUT=str(ACTION_TIMEOUT), **stores,
        )
    except Exception:
        actions.stop()
        lock_redis.stop()
        raise
    result = Stack(rasa, actions, port, knowledge_url, trackers, lock_redis)
    try:
        yield result
    finally:
        rasa.stop()
        result.actions.stop()
        result.redis.stop()


def _to_familiarity_question(chat: Chat) -> None:
    assert "Pathfinder" in texts(chat.say("hello"))
    assert card(chat.say(ROLE), "archetype_result")["primary"] == "users"
    assert "How familiar are you with AI" in texts(chat.say("yes"))
    assert chat.slots()["profile_confirmed"] is True


def test_action_server_down_then_back(stack: Stack) -> None:
    chat = Chat(stack.rasa.url)
    _to_familiarity_question(chat)
    stack.stop_actions()
    try:
        replies = chat.say(FAMILIARITY_NEW)
        assert texts(replies) == UNAVAILABLE
        assert chat.slots()["archetypes"] == ["users"]
        assert requests.get(stack.rasa.url, timeout=10).status_code == 200
    finally:
        stack.restart_actions()
    plan = card(chat.say(FAMILIARITY_NEW), "pathway_plan")
    assert plan["archetypes"] == ["users"] and plan["level"] == "new"
    assert plan["steps"][0]["tier"] == "foundation"


def test_hanging_action_server_times_out_politely(stack: Stack) -> None:
    chat = Chat(stack.rasa.url)
    assert "Automation bias" in texts(chat.say("what is automation bias?"))
    stack.stop_actions()
    silent = SilentServer(stack.action_port)
    try:
        started = time.monotonic()
        replies = chat.say("what is automation bias?")
        waited = time.monotonic() - started
        assert texts(replies) == UNAVAILABLE
        assert ACTION_TIMEOUT - 0.5 <= waited < ACTION_TIMEOUT + 20
    finally:
        silent.close()
        stack.restart_actions()
    assert "Automation bias" in texts(chat.say("what is automation bias?"))


def test_malformed_action_response_is_refused_politely(stack: Stack) -> None:
    chat = Chat(stack.rasa.url)
    stack.stop_actions()
    broken = FixedReplyServer(stack.action_port, {"events": [{"event": "slot"}], "responses": []})
    try:
        assert texts(chat.say("what is automation bias?")) == UNAVAILABLE
    finally:
        broken.close()
        stack.restart_actions()
    assert "Automation bias" in texts(chat.say("what is automation bias?"))


def test_knowledge_database_down_then_back(stack: Stack) -> None:
    chat = Chat(stack.rasa.url)
    dead = f"postgresql://pathfinder@127.0.0.1:{closed_port()}/knowledge"
    stack.restart_actions(KNOWLEDGE_DB_URL=dead)
    try:
        assert "Pathfinder" in texts(chat.say("hello"))
        store_down = response_text(STORE_DOWN)
        assert texts(chat.say(ROLE)) == store_down
        assert texts(chat.say("what is automation bias?")) == store_down
        assert requests.get(f"{stack.actions.url}/health", timeout=10).status_code == 200
    finally:
        stack.restart_actions()
    assert card(chat.say(ROLE), "archetype_result")["primary"] == "users"
    assert "Automation bias" in texts(chat.say("what is automation bias?"))


def test_lock_store_down_then_back(stack: Stack) -> None:
    chat = Chat(stack.rasa.url)
    _to_familiarity_question(chat)
    stack.redis.stop()
    try:
        response = chat.post(FAMILIARITY_NEW)
        assert response.status_code == 503
        assert response.json() == {"error": "unavailable", "message": SERVER_TROUBLE}
        assert requests.get(stack.rasa.url, timeout=10).status_code == 200
    finally:
        stack.restart_redis()
    plan = card(chat.say(FAMILIARITY_NEW), "pathway_plan")
    assert plan["archetypes"] == ["users"] and plan["level"] == "new"


def test_conversation_store_lost_mid_run(stack: Stack) -> None:
    """Rasa falls back to memory for the turn (context lost), then resumes from the database."""
    chat = Chat(stack.rasa.url)
    _to_familiarity_question(chat)
    with sqlite3.connect(stack.trackers) as db:
        db.execute("ALTER TABLE events RENAME TO events_away")
    try:
        assert "about your role first" in texts(chat.say("show me my learning plan"))
        assert requests.get(stack.rasa.url, timeout=10).status_code == 200
    finally:
        with sqlite3.connect(stack.trackers) as db:
            db.execute("ALTER TABLE events_away RENAME TO events")
    assert chat.slots()["archetypes"] == ["users"]
    plan = card(chat.say(FAMILIARITY_NEW), "pathway_plan")
    assert plan["archetypes"] == ["users"]
