"""The forget-me walk and its proof, shared by the SQLite and PostgreSQL end-to-end tests."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from knowledge.people import profiles as people
from tests.people.client import say, walk_to_plan
from tests.people.rows import rows_mentioning


def forget_and_check(
    base_url: str, sender: str, pid: str, knowledge: Engine, trackers: Engine
) -> None:
    """Build a profile and plan, say "forget me", confirm, and find no row about the person."""
    walk_to_plan(base_url, sender)
    assert people.load_profile(knowledge, pid) is not None
    assert rows_mentioning(trackers, sender).get("events", 0) > 0

    asked = say(base_url, sender, "forget me")
    assert "delete" in asked.text.lower() and "/affirm" in asked.payloads, asked.messages
    done = say(base_url, sender, "/affirm")
    assert "deleted" in done.text, done.messages

    assert rows_mentioning(trackers, sender, pid) == {}
    assert rows_mentioning(knowledge, sender, pid) == {}
    fresh = say(base_url, sender, "/greet")
    assert "Welcome back" not in fresh.text and "Pathfinder" in fresh.text
