"""Whole conversations over HTTP with the real Rasa server (REST channel) and action server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.support.payloads import assert_valid_payload
from tests.support.servers import (
    Server,
    running,
    start_action_server,
    start_rasa_server,
    write_endpoints,
)

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def rasa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("rest")
    actions = start_action_server(PATHFINDER_OFFLINE="1")
    credentials = folder / "credentials.yml"
    credentials.write_text("bot.channels.rest.PathfinderRestInput:\n")  # as make serve runs it
    server = start_rasa_server(write_endpoints(folder / "endpoints.yml", actions.url), credentials)
    with running(actions, server):
        yield server


class Conversation:
    def __init__(self, server: Server):
        self.url = f"{server.url}/webhooks/rest/webhook"
        self.sender = f"e2e-{uuid.uuid4().hex[:8]}"

    def say(self, text: str) -> list[dict[str, Any]]:
        response = requests.post(self.url, json={"sender": self.sender, "message": text},
                                 timeout=30)
        assert response.status_code == 200, response.text
        messages = response.json()
        assert messages, f"no reply to {text!r}"
        for message in messages:
            assert message["recipient_id"] == self.sender
            if "custom" in message:
                assert_valid_payload(message["custom"])
        return messages


def custom(messages: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = [m["custom"] for m in messages if m.get("custom", {}).get("type") == kind]
    assert found, f"no {kind} in {messages}"
    return found[0]


def text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def payloads(messages: list[dict[str, Any]]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons", [])]


def identify(conversation: Conversation, description: str) -> dict[str, Any]:
    return custom(conversation.say(description), "archetype_result")


def test_greeting_to_plan(rasa: Server) -> None:
    c = Conversation(rasa)
    greeting = c.say("hello")
    assert "privacy" in text(greeting).lower() and "/start_assessment" in payloads(greeting)
    result = identify(c, "I'm a reporting radiographer and we use an AI tool that flags fractures")
    assert result["primary"] == "users" and result["confident"]
    assert "/inform_familiarity" in " ".join(payloads(c.say("yes")))
    plan = custom(c.say('/inform_familiarity{"familiarity": "new"}'), "pathway_plan")
    assert plan["archetypes"] == ["users"] and plan["level"] == "new"
    assert [s["order"] for s in plan["steps"]] == list(range(1, len(plan["steps"]) + 1))
    assert plan["steps"][0]["tier"] == "foundation"


@pytest.mark.parametrize(
    ("description", "primary"),
    [
        ("I'm a data scientist and I build machine learning models for the trust", "creators"),
        ("I'm the clinical safety officer and I keep the hazard log for our AI triage tool",
         "embedders"),
        ("As CCIO I lead our AI strategy and sign off business cases for AI tools", "drivers"),
        ("I work at the MHRA on regulating AI as a medical device", "shapers"),
    ],
)
def test_each_archetype_in_one_turn(rasa: Server, description: str, primary: str) -> None:
    result = identify(Conversation(rasa), description)
    assert result["primary"] == primary
    assert result["archetypes"][0]["evidence"]


def test_multi_archetype_and_merged_plan(rasa: Server) -> None:
    c = Conversation(rasa)
    result = identify(c, "I'm a cardiologist who uses an AI ECG tool in clinic and I'm also "
                         "building a model with our data science team")
    keys = [a["key"] for a in result["archetypes"]]
    assert {"users", "creators"} <= set(keys)
    c.say("yes")
    plan = custom(c.say("I have some experience with AI"), "pathway_plan")
    offerings = [o["title"] for s in plan["steps"] for o in s["offerings"]]
    assert len(offerings) == len(set(offerings))
    assert set(plan["archetypes"]) >= {"users", "creators"}


def test_unsure_asks_questions_then_answers(rasa: Server) -> None:
    c = Conversation(rasa)
    first = c.say("I work in the NHS")
    assert payloads(first) == ["/affirm", "/deny", "/partly"]
    why = c.say("why do you ask?")
    assert "I ask because" in text(why) and payloads(why) == ["/affirm", "/deny", "/partly"]
    replies = c.say("yes")
    for _ in range(3):
        if any("custom" in m for m in replies):
            break
        replies = c.say("no")
    assert custom(replies, "archetype_result")["archetypes"]


def test_correction_reorders_the_result(rasa: Server) -> None:
    c = Conversation(rasa)
    identify(c, "I'm a GP and I use an AI note-taking tool in my consultations")
    corrected = custom(c.say("I'm more of a Driver really"), "archetype_result")
    assert corrected["primary"] == "drivers"


def test_follow_ups_on_the_plan(rasa: Server) -> None:
    c = Conversation(rasa)
    identify(c, "I'm a practice nurse and our surgery uses an AI tool to flag high-risk patients")
    c.say("yes")
    plan = custom(c.say("I'm new to AI"), "pathway_plan")
    first = c.say("what should I do first?")
    assert plan["steps"][0]["title"] in text(first)
    free = custom(c.say("only free options please"), "pathway_plan")
    assert free["filters"] == ["free"]
    assert all(o["cost"] in ("free", "funded") for s in free["steps"] for o in s["offerings"])
    detail = c.say("tell me more about step 2")
    assert text(detail).startswith("**Step 2")
    summary = custom(c.say("send me a summary"), "plan_summary")
    assert summary["content"].startswith("# My AI learning plan")


def test_glossary_and_archetype_questions(rasa: Server) -> None:
    c = Conversation(rasa)
    assert "Automation bias" in text(c.say("what is automation bias?"))
    assert "**Shapers**" in text(c.say("what's a Shaper?"))
    compared = text(c.say("what's the difference between a Driver and a Shaper?"))
    assert "**Drivers**" in compared and "**Shapers**" in compared
    listed = text(c.say("what are the archetypes?"))
    assert all(f"**{n}**" in listed for n in ("Shapers", "Drivers", "Creators", "Embedders"))
    unknown = text(c.say("what is a flux capacitor?"))
    assert "don't have" in unknown


def test_support_paths(rasa: Server) -> None:
    c = Conversation(rasa)
    assert "automated assistant" in text(c.say("am I talking to a bot?"))
    handoff = custom(c.say("can I talk to a real person?"), "handoff")
    assert handoff["summary"]
    assert "can't give clinical advice" in text(c.say("what dose of amoxicillin for a child?"))
    assert "outside what I can help with" in text(c.say("what's the weather tomorrow?"))
    assert "/start_assessment" in payloads(c.say("what can you do?"))


def test_restart_by_words_clears_the_conversation(rasa: Server) -> None:
    c = Conversation(rasa)
    identify(c, "I'm a radiologist and I review scans the AI has flagged")
    assert "start again" in text(c.say("start over"))
    replies = c.say("show me my learning plan")
    assert "about your role first" in text(replies)
    assert not any("custom" in m for m in replies)


def test_conversations_are_separate(rasa: Server) -> None:
    a, b = Conversation(rasa), Conversation(rasa)
    identify(a, "I'm a data engineer building the training data pipeline for our AI model")
    replies = b.say("send me a summary")
    assert "nothing to summarise" in text(replies)


def test_empty_and_huge_messages_get_clear_errors(rasa: Server) -> None:
    c = Conversation(rasa)
    empty = requests.post(c.url, json={"sender": c.sender, "message": ""}, timeout=30)
    assert empty.status_code == 400 and empty.json()["message"]
    huge = "I am a nurse and I use the AI tool. " * 300
    too_long = requests.post(c.url, json={"sender": c.sender, "message": huge}, timeout=30)
    assert too_long.status_code == 413 and too_long.json()["message"]
    assert c.say("I am a nurse and I use the AI tool that flags sepsis")


ASK_ROLE = "Tell me a little about your job"
OUT_OF_SCOPE = "outside what I can help with"


@pytest.mark.parametrize("message", [
    "physio in msk what should i learn about ai",
    "im a porter what ai stuff should i know about",
    "paramedic here, no ai in the ambulance yet but we're getting some soon",
    "told to do some ai training, I'm a ward clerk",
])
def test_work_described_informally_is_never_a_dead_end(rasa: Server, message: str) -> None:
    replies = Conversation(rasa).say(message)
    said = text(replies)
    assert OUT_OF_SCOPE not in said and ASK_ROLE not in said
    if any("custom" in m for m in replies):
        assert custom(replies, "archetype_result")["primary"] == "users"
    else:
        assert payloads(replies) == ["/affirm", "/deny", "/partly"]


def test_what_do_you_do_is_asked_once(rasa: Server) -> None:
    c = Conversation(rasa)
    assert ASK_ROLE in text(c.say("find my archetype"))
    again = c.say("find my archetype")
    assert ASK_ROLE not in text(again) and payloads(again) == ["/affirm", "/deny", "/partly"]
