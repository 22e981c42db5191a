"""Identify, ask, answer, correct: the assessment actions on real trackers and a real store."""

from __future__ import annotations

from typing import Any

import pytest

from actions.correct_profile import ActionCorrectProfile
from actions.explain_question import ActionExplainQuestion
from actions.fallback import ActionFallback
from actions.handle_answer import ActionHandleAnswer
from actions.identify_archetype import ActionIdentifyArchetype
from actions.recommend_pathway import ActionRecommendPathway
from actions.scope import ActionHelp, ActionOutOfScope
from actions.start_assessment import ActionStartAssessment
from tests.actions.helpers import Outcome, make_tracker, run

EMBEDDER = (
    "I'm a medical physicist and I run the local validation of our AI auto-contouring software "
    "before it goes live, and I monitor its performance afterwards."
)


async def test_clear_description_gives_an_explained_result() -> None:
    out = await run(ActionIdentifyArchetype(), make_tracker(EMBEDDER, "describe_role"))
    result = out.custom("archetype_result")
    assert result["primary"] == "embedders"
    assert result["confident"] is True
    first = result["archetypes"][0]
    assert first["key"] == "embedders" and 0 <= first["score"] <= 1
    assert any("validation" in e for e in first["evidence"])
    assert result["lead"].startswith("It sounds as if you're mainly one of the Embedders")
    assert first["match"] == f"{round(first['score'] * 100)}% match" and first["summary"]
    # sent once: the card carries its own words, and no text says the result again
    assert [m for m in out.dispatcher.messages if "Embedders" in (m.get("text") or "")] == []
    assert out.slots["awaiting"] == "confirm"
    assert out.slots["archetypes"][0] == "embedders"
    assert {b["payload"] for b in out.buttons} == {"/affirm", "/deny"}


async def test_vague_description_asks_one_question() -> None:
    out = await run(ActionIdentifyArchetype(), make_tracker("I work in the NHS", "describe_role"))
    assert not out.customs
    assert out.slots["awaiting"] == "question"
    assert out.slots["pending_question"] in ("users", "creators", "embedders", "drivers", "shapers")
    assert out.slots["questions_asked"] == 1
    assert [b["payload"] for b in out.buttons] == ["/affirm", "/deny", "/partly"]


async def test_at_most_three_questions_then_a_best_guess() -> None:
    slots = {"role_text": "I work in the NHS", "answers": {}, "questions_asked": 1}
    asked: list[str] = []
    for _ in range(5):
        tracker = make_tracker("not sure", "describe_role", slots=slots)
        out = await run(ActionIdentifyArchetype(), tracker)
        if out.slots.get("awaiting") != "question":
            break
        asked.append(out.slots["pending_question"])
        slots.update(out.slots)
        answer = await run(
            ActionHandleAnswer(),
            make_tracker("", "partly", slots={**slots, "awaiting": "question"}),
        )
        slots.update(answer.slots)
        if answer.slots.get("awaiting") != "question":
            out = answer
            break
    assert slots["questions_asked"] <= 3
    assert len(asked) == len(set(asked))  # never the same question twice


async def test_yes_to_a_question_records_the_answer() -> None:
    slots = {"awaiting": "question", "pending_question": "creators", "role_text": "I'm a GP",
             "questions_asked": 1}
    out = await run(ActionHandleAnswer(), make_tracker("/affirm", "affirm", slots=slots))
    assert out.slots["answers"]["creators"] == "yes"
    assert out.slots.get("pending_question") != "creators"


async def test_short_answer_misread_as_description_is_an_answer() -> None:
    slots = {"awaiting": "question", "pending_question": "users", "role_text": "I'm a nurse",
             "questions_asked": 1}
    out = await run(ActionIdentifyArchetype(), make_tracker("I do", "describe_role", slots=slots))
    assert out.slots["answers"]["users"] == "yes"
    assert out.slots["role_text"] == "I'm a nurse"


async def test_why_do_you_ask_explains_and_asks_again() -> None:
    slots = {"awaiting": "question", "pending_question": "embedders"}
    tracker = make_tracker("why do you ask?", "ask_why", slots=slots)
    out = await run(ActionExplainQuestion(), tracker)
    assert out.texts[0].startswith("I ask because")
    assert out.texts[-1].endswith("?")
    assert out.buttons


async def test_why_do_you_ask_without_a_question() -> None:
    out = await run(ActionExplainQuestion(), make_tracker("why?", "ask_why"))
    assert "archetypes are defined by what people do" in out.text


async def test_not_quite_offers_the_archetypes() -> None:
    slots = {"awaiting": "confirm", "archetypes": ["users"]}
    out = await run(ActionHandleAnswer(), make_tracker("/deny", "deny", slots=slots))
    assert len(out.buttons) == 5
    assert all(b["payload"].startswith("/correct_archetype") for b in out.buttons)


async def test_correction_makes_an_archetype_primary() -> None:
    slots = {"role_text": "I'm a GP and I use an AI scribe in consultations",
             "archetypes": ["users"], "awaiting": "confirm"}
    out = await run(
        ActionCorrectProfile(),
        make_tracker("I'm more of a Driver really", "correct_archetype", slots=slots,
                     entities=[{"entity": "archetype", "value": "drivers"}]),
    )
    result = out.custom("archetype_result")
    assert result["primary"] == "drivers"
    assert "users" in [a["key"] for a in result["archetypes"]]


async def test_correction_removes_an_archetype() -> None:
    slots = {"role_text": "I'm a GP and I use an AI scribe, and I'm building a model too",
             "archetypes": ["users", "creators"]}
    out = await run(
        ActionCorrectProfile(),
        make_tracker("no, I don't use it myself", "correct_archetype", slots=slots),
    )
    assert "users" not in out.slots["archetypes"]
    assert "creators" in out.slots["archetypes"]


async def test_start_assessment_clears_the_previous_one() -> None:
    out = await run(ActionStartAssessment(), make_tracker("", "start_assessment",
                                                          slots={"role_text": "old"}))
    assert out.slots["role_text"] is None and out.slots["questions_asked"] == 0
    assert out.responses == ["utter_ask_role"] and out.slots["awaiting"] == "role"


# --- no dead ends, one conversation per class of issue 10 --------------------------------------

async def converse(first: str, intent: str, holds: set[str], action: Any = None,
                   limit: int = 4) -> tuple[Outcome, int]:
    """Play a conversation from a first message, answering each screening question truthfully
    for someone who holds `holds`; return the result and the number of user turns."""
    out = await run(action or ActionIdentifyArchetype(), make_tracker(first, intent))
    slots = dict(out.slots)
    turns = 1
    while slots.get("awaiting") == "question" and turns < limit:
        assert "utter_ask_role" not in out.responses
        yes = slots["pending_question"] in holds
        tracker = make_tracker("/affirm" if yes else "/deny", "affirm" if yes else "deny",
                               slots=slots)
        out = await run(ActionHandleAnswer(), tracker)
        slots.update(out.slots)
        turns += 1
    return out, turns


def held(out: Outcome) -> list[str]:
    return [a["key"] for a in out.custom("archetype_result")["archetypes"]]


@pytest.mark.parametrize("text, intent, action, expected", [
    # no AI yet, but it is coming: placed by the work they will do, never out of scope
    ("I'm a physiotherapist, we don't have any AI yet but an AI triage tool is coming to our "
     "service next year", "out_of_scope", ActionOutOfScope(), ["users"]),
    # informal, lower case, no punctuation, names a job and asks what to learn
    ("occupational therapist in the community what should i learn about ai", "help",
     ActionHelp(), ["users"]),
    ("whats the best way for a community nurse to learn about ai", "request_pathway",
     ActionRecommendPathway(), ["users"]),
    # told to do AI training: taking a course is not building a model
    ("Receptionist at a GP practice. I've been told to do some AI training, I'm not technical "
     "at all", "describe_role", None, ["users"]),
    # non-clinical staff acting on a model's output
    ("I'm a medical secretary and I act on what the AI flags in the referral letters",
     "describe_role", None, ["users"]),
    # managers who decide what their service buys are Drivers
    ("I'm the service manager and I decide which AI tools our service buys", "describe_role",
     None, ["drivers"]),
    # national bodies that approve AI are Shapers
    ("I work at the MHRA approving AI medical devices", "describe_role", None, ["shapers"]),
    # checking a tool before go-live is Embedder work; using it too is a second archetype
    ("I check the AI triage tool before it goes live on our wards and I use it on my shifts",
     "describe_role", None, ["embedders", "users"]),
    # the organisation adopting a tool is not the person implementing it
    ("The trust is rolling out an AI scribe next month, I'm a staff nurse", "describe_role",
     None, ["users"]),
    # set a tool up and also use it
    ("I set up the AI scribe for our practice and I use it in my own consultations",
     "describe_role", None, ["embedders", "users"]),
    # leads the business case and will use it too
    ("I lead the business case for the AI tool and I'll use it in clinic too", "describe_role",
     None, ["drivers", "users"]),
])
async def test_each_class_is_placed_in_one_turn(text: str, intent: str, action: Any,
                                                expected: list[str]) -> None:
    out, turns = await converse(text, intent, set(expected), action)
    assert turns == 1
    assert held(out)[:len(expected)] == expected
    assert "utter_out_of_scope" not in out.responses and "utter_help" not in out.responses


async def test_executive_with_a_digital_brief_gets_a_result_at_once() -> None:
    out, turns = await converse("I'm the director of finance and hold the digital brief on our "
                                "board", "describe_role", {"drivers"})
    assert turns == 1 and held(out)[0] == "drivers"


async def test_thin_description_goes_straight_to_the_questions() -> None:
    out, turns = await converse("band 5 healthcare assistant", "describe_role", {"users"})
    assert turns == 2 and held(out) == ["users"]


async def test_users_question_covers_future_use() -> None:
    out = await run(ActionIdentifyArchetype(), make_tracker("staff nurse", "describe_role"))
    assert out.slots["pending_question"] == "users"
    assert "will you soon use" in out.texts[-1]


async def test_what_do_you_do_is_never_asked_twice() -> None:
    first = await run(ActionStartAssessment(), make_tracker("", "start_assessment"))
    assert first.responses == ["utter_ask_role"]
    again = await run(ActionStartAssessment(),
                      make_tracker("", "start_assessment", slots=first.slots))
    assert again.responses == [] and again.slots["awaiting"] == "question"
    unsure = await run(ActionHandleAnswer(), make_tracker("not sure", "deny", slots=first.slots))
    assert unsure.responses == [] and unsure.slots["awaiting"] == "question"


async def test_ruling_everything_out_offers_a_choice_not_the_first_question() -> None:
    out, turns = await converse("I work in the NHS", "describe_role", set(), limit=10)
    assert turns <= 4 and not out.customs
    assert "utter_ask_role" not in out.responses
    assert len(out.buttons) == 5
    assert all(b["payload"].startswith("/correct_archetype") for b in out.buttons)


async def test_unanswered_questions_end_with_users_as_a_best_guess() -> None:
    slots = {"role_text": "I work in the NHS", "answers": {"creators": "no", "drivers": "no",
                                                           "embedders": "no"},
             "questions_asked": 3, "awaiting": "question", "pending_question": "shapers"}
    out = await run(ActionHandleAnswer(), make_tracker("/deny", "deny", slots=slots))
    result = out.custom("archetype_result")
    assert result["primary"] == "users" and result["confident"] is False
    assert "My best guess" in out.text


async def test_out_of_scope_and_help_still_answer_when_no_work_is_described() -> None:
    out = await run(ActionOutOfScope(), make_tracker("what's the weather tomorrow?",
                                                     "out_of_scope"))
    assert out.responses == ["utter_out_of_scope"] and not out.slots
    out = await run(ActionHelp(), make_tracker("what can you do?", "help"))
    assert out.responses == ["utter_help"]


async def test_fallback_reads_an_unclassified_description_as_a_role() -> None:
    out = await run(ActionFallback(), make_tracker("paramedic, we might be getting an ai triage "
                                                   "thing soon", "nlu_fallback"))
    assert held(out) == ["users"]


async def test_the_example_shown_fits_the_persons_staff_group() -> None:
    pharmacist = (
        "Community pharmacist. The PMR system now flags prescriptions with possible "
        "interactions using AI and I check each one it flags."
    )
    out = await run(ActionIdentifyArchetype(), make_tracker(pharmacist, "describe_role"))
    assert out.custom("archetype_result")["primary"] == "users"
    assert "Community pharmacist using AI-flagged prescription checks" in out.text
    general = await run(ActionIdentifyArchetype(), make_tracker(
        "I use an AI tool at work and act on what it suggests.", "describe_role"))
    assert "Community pharmacist" not in general.text
