"""Every role description of the corpus reaches the assessment, through the NLU model as the bot
runs it: routed as a role description (or a correction, whose action reads one without a
correction as more description), or to an intent whose action reads a description of work as
one whatever the classifier made of it (actions/scope.py, fallback.py, ask_courses.py,
recommend_pathway.py). The corpus evaluation (docs/identification.md) plays the identification
engine only; this is the step before it, on the same independently written descriptions."""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

import actions
from actions.common.base import KnowledgeAction
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.evaluation.corpus import HALVES, load_corpus

RULES = Path(__file__).resolve().parents[2] / "bot" / "data" / "rules"
READ_AS_ROLE = {"describe_role", "correct_archetype"}
Check = Callable[[CatalogueSnapshot, str], bool]


def _opening_rules() -> Iterator[tuple[list[str], list[str]]]:
    """(intents, actions) of each rule that can answer the first message of a conversation:
    no condition, and an intent (or a choice of intents) as its first step."""
    for path in sorted(RULES.glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules", []):
            steps = rule.get("steps", [])
            if rule.get("condition") or not steps:
                continue
            first = steps[0]
            intents = [first["intent"]] if "intent" in first else \
                [s["intent"] for s in first.get("or", []) if "intent" in s]
            if intents:
                yield intents, [s["action"] for s in steps[1:] if "action" in s]


def _actions_by_name() -> dict[str, type[KnowledgeAction]]:
    for module in pkgutil.iter_modules(actions.__path__):
        importlib.import_module(f"actions.{module.name}")
    found: dict[str, type[KnowledgeAction]] = {}
    todo = list(KnowledgeAction.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.action_name:
            found[cls.action_name] = cls
    return found


def recovering_intents() -> dict[str, Check]:
    """intent -> the test its rule's action applies before giving its usual reply, read from the
    rules and the actions themselves (KnowledgeAction.reads_work), so neither is repeated here."""
    by_name = _actions_by_name()
    recovers: dict[str, Check] = {}
    for intents, names in _opening_rules():
        checks = [by_name[n].reads_work for n in names if n in by_name and by_name[n].reads_work]
        for intent in intents:
            if checks:
                recovers[intent] = checks[0]
    return recovers


RECOVERS = recovering_intents()
FLOORS = {"tuning": 0.99, "heldout": 0.98}  # the shares reached so far, kept


def reaches_assessment(intent: str, text: str, store: CatalogueSnapshot) -> bool:
    if intent in READ_AS_ROLE:
        return True
    check = RECOVERS.get(intent)
    return check is not None and check(store, text)


@pytest.fixture(scope="module")
def routed(agent, store: CatalogueSnapshot) -> dict[str, tuple[int, int]]:  # noqa: ANN001
    """Per half: (descriptions reaching the assessment, descriptions)."""
    corpus = load_corpus()

    async def intents(texts: list[str]) -> list[str]:
        return [(await agent.parse_message(t))["intent"]["name"] for t in texts]

    shares = {}
    for half in HALVES:
        texts = [case.text for case in corpus.in_half(half)]
        reached = sum(reaches_assessment(i, t, store)
                      for i, t in zip(asyncio.run(intents(texts)), texts, strict=True))
        shares[half] = (reached, len(texts))
    return shares


@pytest.mark.parametrize("half", HALVES)
def test_role_descriptions_reach_the_assessment(routed: dict, half: str) -> None:
    reached, total = routed[half]
    assert reached / total >= FLOORS[half], f"{half}: {reached} of {total} reach the assessment"


def test_a_message_about_something_else_does_not(store: CatalogueSnapshot) -> None:
    assert not reaches_assessment("affirm", "yes", store)
    assert not reaches_assessment("ask_courses", "any courses on automation bias?", store)
    assert not reaches_assessment("greet", "hello, I'm a nurse", store)


def test_the_recovering_intents_are_read_from_the_rules() -> None:
    assert {"nlu_fallback", "out_of_scope", "help", "clinical_question", "affirm",
            "ask_courses"} <= set(RECOVERS)
    assert "greet" not in RECOVERS and "bot_challenge" not in RECOVERS
