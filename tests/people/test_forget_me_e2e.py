"""Remember and forget, end to end: a real Rasa server and action server over REST, SQLite.

The same walk runs on PostgreSQL in tests/scale/test_scale.py (with two servers of each).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.addons.endpoints import store_sections
from bot.channels.enabled import REST_CHANNEL
from knowledge.catalogue.loader import load
from knowledge.people import profiles as people
from knowledge.storage.db import make_engine
from tests.people.client import say, walk_to_plan
from tests.people.forget_walk import forget_and_check
from tests.people.rows import rows_mentioning
from tests.support.servers import running, start_action_server, start_rasa_server, write_endpoints

KEY = "e2e-person-key-of-at-least-32-characters"

pytestmark = pytest.mark.server


@dataclass
class Bot:
    url: str
    knowledge: Engine
    trackers: Engine


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    root = tmp_path_factory.mktemp("forget-e2e")
    knowledge_url = f"sqlite:///{root / 'knowledge.db'}"
    tracker_url = f"sqlite:///{root / 'trackers.db'}"
    load(make_engine(knowledge_url))
    env = {
        "KNOWLEDGE_DB_URL": knowledge_url,
        "TRACKER_DB_URL": tracker_url,
        "PATHFINDER_PERSON_KEY": KEY,
    }
    actions = start_action_server(**env)
    endpoints = write_endpoints(root / "endpoints.yml", actions.url, store_sections(env))
    credentials = root / "credentials.yml"
    credentials.write_text(f"{REST_CHANNEL}:\n")
    try:
        rasa = start_rasa_server(endpoints, credentials, **env)
    except Exception:
        actions.stop()
        raise
    with running(actions, rasa):
        yield Bot(rasa.url, make_engine(knowledge_url), make_engine(tracker_url))


def outline(plan: dict | None) -> tuple:
    """What makes two plans the same plan (links may be decorated per channel)."""
    assert plan is not None
    return plan["archetypes"], plan["level"], [
        (step["title"], [o["key"] for o in step["offerings"]]) for step in plan["steps"]
    ]


def person(sender: str) -> str:
    return people.person_id(f"rest:{sender}", KEY.encode())


def test_a_returning_person_gets_their_profile_and_plan_back(bot: Bot) -> None:
    user = f"alice-{os.urandom(4).hex()}"
    plan = walk_to_plan(bot.url, user).custom("pathway_plan")
    saved = people.load_profile(bot.knowledge, person(user))
    assert saved is not None
    assert saved.archetype_keys[0] == "embedders" and saved.familiarity == "new"
    assert outline(saved.plan) == outline(plan)
    # neither the channel's user id nor the sender id is stored with the profile
    assert rows_mentioning(bot.knowledge, user) == {}

    # a new conversation (the old one purged by retention) starts from the saved profile
    with bot.trackers.begin() as conn:
        conn.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": f"rest:{user}"})
    welcome = say(bot.url, user, "/greet")
    assert "Welcome back" in welcome.text and "Embedders" in welcome.text
    assert "forget me" in welcome.text
    assert {"/request_pathway", "/start_assessment"} <= set(welcome.payloads)
    shown = say(bot.url, user, "/request_pathway").custom("pathway_plan")
    assert outline(shown) == outline(plan)


def test_forget_me_leaves_no_row_in_any_table(bot: Bot) -> None:
    sender = f"bob-{os.urandom(4).hex()}"
    forget_and_check(bot.url, sender, person(sender), bot.knowledge, bot.trackers)


def test_saying_no_keeps_everything(bot: Bot) -> None:
    sender = f"carol-{os.urandom(4).hex()}"
    walk_to_plan(bot.url, sender)
    assert "Shall I delete" in say(bot.url, sender, "forget me").text
    assert "haven't deleted" in say(bot.url, sender, "/deny").text
    assert people.load_profile(bot.knowledge, person(sender)) is not None
    assert rows_mentioning(bot.trackers, sender).get("events", 0) > 0
