"""'Was this plan useful?': asked once after a plan, answered by buttons, noted anonymously."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from actions.common.feedback import REASON_BUTTONS, USEFULNESS_BUTTONS
from actions.rate_plan import ALREADY, NO_PLAN, ActionRatePlan
from actions.recommend_pathway import ActionRecommendPathway
from knowledge.catalogue.store import KnowledgeStore
from knowledge.insights.events import insight_events
from knowledge.insights.feedback import REASONS, USEFULNESS
from tests.actions.helpers import make_tracker, run
from tests.actions.test_pathway_actions import USER, plan_for
from tests.support.responses import response_text


def _count(store: KnowledgeStore, **where: str) -> int:
    query = select(func.count()).select_from(insight_events)
    for name, value in where.items():
        query = query.where(insight_events.c[name] == value)
    with store.engine.connect() as conn:
        return conn.execute(query).scalar_one()


def _press(button: dict, slots: dict) -> object:
    """A tracker for a button press: Rasa parses `/intent{"entity": "value"}` itself."""
    intent, _, entities = button["payload"][1:].partition("{")
    values = json.loads("{" + entities)
    return make_tracker(button["payload"], intent, slots=slots,
                        entities=[{"entity": k, "value": v} for k, v in values.items()])


async def test_the_question_follows_the_first_plan_only() -> None:
    tracker = make_tracker("", "request_pathway", slots={**USER, "familiarity": "new"})
    first = await run(ActionRecommendPathway(), tracker)
    assert first.texts[-1].startswith("One quick, optional question")
    assert [b["title"] for b in first.buttons[-3:]] == list(USEFULNESS.values())
    assert first.slots["feedback"] == "asked"
    again = await run(ActionRecommendPathway(), make_tracker(
        "", "request_pathway", slots={**USER, "familiarity": "new", "feedback": "asked"}))
    assert not any(t.startswith("One quick") for t in again.texts)


async def test_useful_is_noted_once_with_the_plans_facts(knowledge_store: KnowledgeStore) -> None:
    plan = await plan_for(**USER, familiarity="new")
    before = _count(knowledge_store, kind="plan_rated", usefulness="useful")
    slots = {**USER, "plan": plan, "feedback": "asked"}
    out = await run(ActionRatePlan(), _press(USEFULNESS_BUTTONS[0], slots))
    assert out.slots["feedback"] == "rated" and "Thank you" in out.text
    assert _count(knowledge_store, kind="plan_rated", usefulness="useful") == before + 1
    twice = await run(ActionRatePlan(), _press(USEFULNESS_BUTTONS[0],
                                               {**slots, "feedback": "rated"}))
    assert twice.text == response_text(ALREADY)
    assert _count(knowledge_store, kind="plan_rated", usefulness="useful") == before + 1


async def test_not_for_me_asks_why_from_the_short_list(knowledge_store: KnowledgeStore) -> None:
    plan = await plan_for(**USER, familiarity="new")
    slots = {**USER, "plan": plan, "feedback": "asked"}
    out = await run(ActionRatePlan(), _press(USEFULNESS_BUTTONS[2], slots))
    assert out.slots["feedback"] == "reason_asked"
    assert [b["title"] for b in out.buttons] == list(REASONS.values())
    before = _count(knowledge_store, kind="reason_given", reason="wrong_level")
    wrong_level = next(b for b in REASON_BUTTONS if "wrong_level" in b["payload"])
    why = await run(ActionRatePlan(), _press(wrong_level, {**slots, "feedback": "reason_asked"}))
    assert why.slots["feedback"] == "rated" and "show all options" in why.text
    assert _count(knowledge_store, kind="reason_given", reason="wrong_level") == before + 1


async def test_asking_in_words_shows_the_buttons_and_stores_nothing(
    knowledge_store: KnowledgeStore,
) -> None:
    plan = await plan_for(**USER, familiarity="new")
    before = _count(knowledge_store, kind="plan_rated")
    out = await run(ActionRatePlan(), make_tracker(
        "I'd like to give feedback: it was brilliant", "rate_plan", slots={**USER, "plan": plan}))
    assert out.buttons == USEFULNESS_BUTTONS
    assert _count(knowledge_store, kind="plan_rated") == before


async def test_no_plan_yet() -> None:
    out = await run(ActionRatePlan(), _press(USEFULNESS_BUTTONS[0], USER))
    assert out.text == response_text(NO_PLAN) and not out.slots
