"""Plans, filters, follow-ups and summaries."""

from __future__ import annotations

from typing import Any

import pytest

from actions.assessment_result import ActionAssessmentResult
from actions.explain_step import ActionExplainStep, step_number
from actions.filter_offerings import ActionFilterOfferings, filters_from
from actions.first_step import ActionFirstStep
from actions.recommend_pathway import ActionRecommendPathway
from actions.send_summary import ActionSendSummary
from knowledge.engines.wording import WORDS
from tests.actions.helpers import ask, make_tracker, run
from tests.support.catalogue import store_without

USER = {"archetypes": ["users"], "profile": {"type": "archetype_result", "primary": "users",
        "confident": True, "archetypes": [{"key": "users", "name": "Users", "score": 0.8,
                                           "evidence": ["you said you use an AI tool"]}]}}


async def plan_for(**slots) -> dict:  # noqa: ANN003
    out = await run(ActionRecommendPathway(), make_tracker("", "request_pathway", slots=slots))
    return out.custom("pathway_plan")


async def test_confirming_asks_familiarity_first() -> None:
    out = await ask("familiarity", make_tracker(
        "yes", "affirm", slots={**USER, "profile_confirmed": True}))
    assert out.responses == ["utter_profile_confirmed", "utter_familiarity_question"]
    assert "How familiar are you with AI" in out.text
    assert len(out.buttons) == 3
    assert not out.customs


async def test_the_familiarity_answer_ends_the_assessment_with_the_plan() -> None:
    slots = {**USER, "profile_confirmed": True, "familiarity": "some"}
    out = await run(ActionAssessmentResult(), make_tracker(
        "a bit", "partly", slots=slots,
        events=[{"event": "slot", "name": "requested_slot", "value": "familiarity"}]))
    assert out.custom("pathway_plan")["level"] == "some"
    assert "utter_profile_confirmed" not in out.responses  # said when the level was asked


async def test_familiarity_button_gives_the_plan() -> None:
    tracker = make_tracker(
        '/inform_familiarity{"familiarity": "new"}', "inform_familiarity", slots=USER,
        entities=[{"entity": "familiarity", "value": "new"}],
    )
    out = await run(ActionRecommendPathway(), tracker)
    plan = out.custom("pathway_plan")
    assert plan["archetypes"] == ["users"] and plan["level"] == "new"
    assert plan["steps"][0]["tier"] == "foundation"
    assert out.slots["familiarity"] == "new"
    assert "https://" in out.text  # links in the text rendering too


async def test_familiarity_in_words_comes_from_the_nlu_entity() -> None:
    out = await run(ActionRecommendPathway(), make_tracker(
        "I'm a complete beginner with AI", "inform_familiarity", slots=USER,
        entities=[{"entity": "familiarity", "value": "new"}]))
    assert out.custom("pathway_plan")["level"] == "new"


async def test_familiarity_known_from_before_is_kept() -> None:
    out = await run(ActionRecommendPathway(), make_tracker(
        "show me my plan", "request_pathway", slots={**USER, "familiarity": "some"}))
    assert out.custom("pathway_plan")["level"] == "some"


async def test_plan_without_a_profile_asks_about_the_role() -> None:
    out = await run(ActionRecommendPathway(), make_tracker("what training?", "request_pathway"))
    assert not out.customs
    assert "your role" in out.text


async def test_a_plan_asked_for_during_the_assessment_waits_for_it() -> None:
    """Mid-assessment, "new" (or "just show me the plan") keeps the level and says the plan
    comes once the person is placed: not that their role is unknown."""
    tracker = make_tracker("new", "inform_familiarity", active_loop="assessment_form",
                           slots={"role_text": "I work in the pharmacy dispensary"},
                           entities=[{"entity": "familiarity", "value": "new"}])
    out = await run(ActionRecommendPathway(), tracker)
    assert out.responses == ["utter_plan_after_assessment"] and not out.customs
    assert out.slots["familiarity"] == "new"


async def test_only_free_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHFINDER_PUBLIC_URL", "https://pathfinder.example.nhs.uk")
    out = await run(ActionFilterOfferings(), make_tracker(
        "show me only free options", "filter_offerings", slots={**USER, "familiarity": "some"}))
    plan = out.custom("pathway_plan")
    assert plan["filters"] == ["free"]
    offerings = [o for s in plan["steps"] for o in s["offerings"]]
    assert offerings and all(o["cost"] == "free" and not o["competitive"] for o in offerings)
    funded = plan["funded_places"]
    assert funded and all(o["cost"] == "funded" and o["competitive"] for o in funded)
    text = out.texts[0]
    heading = text.index(WORDS.funded_heading)
    assert all(text.index(o["url"]) > heading for o in funded), "funded places stand apart"
    assert all(text.index(o["url"]) < heading for o in offerings)
    assert all(o["tracked_url"] for o in out.customs[0]["funded_places"])


async def test_the_card_links_through_the_counter_and_the_plan_kept_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATHFINDER_PUBLIC_URL", "https://pathfinder.example.nhs.uk")
    out = await run(ActionFilterOfferings(), make_tracker(
        "show me only free options", "filter_offerings", slots={**USER, "familiarity": "some"}))
    card, kept = out.custom("pathway_plan"), out.slots["plan"]
    shown = [o for s in card["steps"] for o in s["offerings"]] + card["funded_places"]
    stored = [o for s in kept["steps"] for o in s["offerings"]] + kept["funded_places"]
    assert shown and all(o["tracked_url"].startswith("https://pathfinder.example.nhs.uk/")
                         for o in shown)
    assert [o["key"] for o in stored] == [o["key"] for o in shown]
    assert all("tracked_url" not in o and "facts" not in o for o in stored)


async def test_a_need_nothing_covers_is_said_openly() -> None:
    thin = store_without("users", "patient_communication")
    out = await run(ActionRecommendPathway(), make_tracker(
        "", "request_pathway", slots={**USER, "familiarity": "new"}), store=thin)
    plan = out.custom("pathway_plan")
    assert [g["area_key"] for g in plan["gaps"]] == ["patient_communication"]
    text = out.texts[0]
    gaps = text.index(WORDS.gaps_heading)
    said = "No course in the catalogue covers communicating with patients about AI at your level"
    assert text.index(said) > gaps
    assert "Why it matters for Users: patients may ask how AI was used in their care" in text


async def test_unconfirmed_offerings_are_flagged_in_words() -> None:
    creator = {"archetypes": ["creators"], "familiarity": "new"}
    out = await run(ActionRecommendPathway(), make_tracker("", "request_pathway", slots=creator))
    plan = out.custom("pathway_plan")
    unconfirmed = [o for s in plan["steps"] for o in s["offerings"] if not o["verified"]]
    assert unconfirmed
    for offering in unconfirmed:
        line = next(line for line in out.texts[0].splitlines() if offering["url"] in line)
        assert "details not yet confirmed with the provider" in line


async def test_users_plan_speaks_to_judging_each_output() -> None:
    out = await run(ActionRecommendPathway(), make_tracker(
        "", "request_pathway", slots={**USER, "familiarity": "new"}))
    text = out.texts[0].lower()
    for idea in ("automation bias", "intended use", "accountable", "explain it"):
        assert idea in text, idea


@pytest.mark.parametrize(
    ("text", "current", "expected"),
    [
        ("only free ones", [], ["free"]),
        ("online please", ["free"], ["online"]),
        ("free and online", [], ["free", "online"]),
        ("show me everything again", ["free"], []),
        ("", [], ["free"]),
    ],
)
def test_filters_from_words(text: str, current: list[str], expected: list[str]) -> None:
    assert filters_from(text, current) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("tell me more about step 2", 2), ("the third one", 3), ("the last step", 4), ("hmm", None)],
)
def test_step_number(text: str, expected: int | None) -> None:
    assert step_number(text, 4) == expected


async def test_more_about_a_step() -> None:
    plan = await plan_for(**USER, familiarity="new")
    out = await run(ActionExplainStep(), make_tracker(
        "tell me more about step 2", "ask_step_detail", slots={**USER, "plan": plan}))
    assert out.text.startswith(f"**Step 2: {plan['steps'][1]['title']}**")


async def test_more_about_an_offering_by_name() -> None:
    out = await run(ActionExplainStep(), make_tracker(
        "what about the Topol Digital Fellowship?", "ask_step_detail"))
    assert "Topol" in out.text and "https://" in out.text


@pytest.mark.parametrize(("action", "intent", "work", "plain", "reply"), [
    (ActionExplainStep(), "ask_step_detail",
     "medical director of one of our two hospitals, I signed off the money for the AI discharge "
     "tool", "tell me more about step 2", "utter_no_plan_yet"),
    (ActionFilterOfferings(), "filter_offerings",
     "i'm in the bed bureau, the AI dashboard guesses how many beds will be free by 5pm and i "
     "plan the day off it", "only free ones please", None),
])
async def test_before_a_plan_a_message_describing_work_is_the_role(
    action: Any, intent: str, work: str, plain: str, reply: str | None
) -> None:
    out = await run(action, make_tracker(work, intent))
    assert out.slots["role_text"] == work and not out.dispatcher.messages
    usual = await run(action, make_tracker(plain, intent))
    assert usual.dispatcher.messages and "role_text" not in usual.slots
    assert reply is None or usual.responses == [reply]


async def test_what_should_i_do_first() -> None:
    plan = await plan_for(**USER, familiarity="new")
    out = await run(ActionFirstStep(), make_tracker(
        "what should I do first?", "ask_first_step", slots={**USER, "plan": plan}))
    first = plan["steps"][0]
    assert first["title"] in out.text and first["offerings"][0]["url"] in out.text
    assert not first["later"] and all(o["level"] <= 2 for o in first["offerings"])
    assert "Fellowship" not in out.text


async def test_summary_is_markdown_with_a_file_payload() -> None:
    plan = await plan_for(**USER, familiarity="new")
    out = await run(ActionSendSummary(), make_tracker(
        "send me a summary", "request_summary", slots={**USER, "plan": plan,
                                                        "familiarity": "new"}))
    summary = out.custom("plan_summary")
    assert summary["format"] == "markdown" and summary["filename"].endswith(".md")
    content = summary["content"]
    assert content.startswith("# My AI learning plan")
    assert "**Users**" in content and plan["steps"][0]["title"] in content


async def test_summary_keeps_funded_places_and_gaps_apart() -> None:
    plan = await plan_for(**USER, familiarity="new", plan_filters=["free"])
    assert plan["funded_places"] and plan["gaps"]
    out = await run(ActionSendSummary(), make_tracker(
        "send me a summary", "request_summary", slots={**USER, "plan": plan}))
    content = out.custom("plan_summary")["content"]
    assert f"## {WORDS.gaps_heading}" in content and f"## {WORDS.funded_heading}" in content
    funded = content.index(f"## {WORDS.funded_heading}")
    assert content.index(plan["funded_places"][0]["url"]) > funded


async def test_summary_with_nothing_yet() -> None:
    out = await run(ActionSendSummary(), make_tracker("download my plan", "request_summary"))
    assert not out.customs and "nothing to summarise" in out.text
