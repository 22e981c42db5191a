"""Identify, ask, answer, correct: the assessment actions on real trackers and a real store."""

from __future__ import annotations

from actions.correct_profile import ActionCorrectProfile
from actions.explain_question import ActionExplainQuestion
from actions.handle_answer import ActionHandleAnswer
from actions.identify_archetype import ActionIdentifyArchetype
from actions.start_assessment import ActionStartAssessment
from tests.actions.helpers import make_tracker, run

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
    assert "Embedders" in out.text and "Why I think so" in out.text
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
