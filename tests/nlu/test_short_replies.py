"""Short replies to the bot's own questions are NLU's to read: yes, no and "a bit of both" are
intents (filled into the assessment form's slots by their mappings) and a familiarity level is
an entity. Nothing re-reads the text afterwards, so the model must get these right."""

from __future__ import annotations

import asyncio

import pytest

from tests.nlu.test_intent_routing import classifier_intent

ANSWERS = {
    "affirm": ["yes", "Yep!", "definitely", "I do", "yeah, every day", "yes I do"],
    "deny": ["no", "nope", "not really", "I don't", "no I don't", "never"],
    "partly": ["a bit of both", "sometimes", "partly", "a little", "kind of", "I do sometimes"],
}
FAMILIARITY = {
    "complete beginner": "new",
    "I've never used AI": "new",
    "I'm new to AI": "new",
    "some experience": "some",
    "I've used it a little": "some",
    "I'm pretty experienced": "experienced",
    "new": "new",  # the level's own word, alone
    "New.": "new",
    "very new": "new",
    "lots": "experienced",
}


def _parse(agent, text: str) -> dict:  # noqa: ANN001
    return asyncio.run(agent.parse_message(text))


@pytest.mark.parametrize(("intent", "reply"),
                         [(i, r) for i, replies in ANSWERS.items() for r in replies])
def test_a_short_answer_is_its_intent(agent, intent: str, reply: str) -> None:  # noqa: ANN001
    assert classifier_intent(_parse(agent, reply)) == intent


def test_a_level_word_inside_a_sentence_is_not_a_familiarity(agent) -> None:  # noqa: ANN001
    entities = _parse(agent, "we are getting a new AI tool for triage")["entities"]
    assert not [e for e in entities if e["entity"] == "familiarity"]


@pytest.mark.parametrize(("reply", "level"), FAMILIARITY.items())
def test_a_familiarity_level_is_an_entity(agent, reply: str, level: str) -> None:  # noqa: ANN001
    entities = _parse(agent, reply)["entities"]
    assert [e["value"] for e in entities if e["entity"] == "familiarity"] == [level]
