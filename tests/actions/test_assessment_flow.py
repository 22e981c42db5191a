"""Identify, ask, answer, correct: the assessment form's actions on real trackers and a real store.

Rasa runs the form itself; these tests replay what it does between the actions (fill the slot
the form asked for, ask for the next one) with `converse`, and the conversation tests in
tests/conversations and tests/e2e run the real thing.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from actions.ask_assessment import QUESTIONS
from actions.assessment_result import ActionAssessmentResult
from actions.common.assessment import required_slots
from actions.common.store import current_catalogue, use_store
from actions.compare_archetypes import ActionCompareArchetypes
from actions.correct_profile import ActionCorrectProfile
from actions.explain_question import ActionExplainQuestion
from actions.fallback import ActionFallback
from actions.recommend_pathway import ActionRecommendPathway
from actions.scope import (
    ActionAiAndJobs,
    ActionClinicalQuestion,
    ActionHelp,
    ActionNothingOpen,
    ActionOutOfScope,
)
from actions.start_assessment import ActionStartAssessment
from actions.validate_assessment_form import ValidateAssessmentForm
from knowledge.catalogue.store import KnowledgeStore
from knowledge.engines.views import ARCHETYPE_KEYS
from tests.actions.helpers import Outcome, ask, make_tracker, run
from tests.support.responses import domain as bot_domain
from tests.support.servers import REPO as REPO_ROOT

FORM = "assessment_form"
FORMS = yaml.safe_load((REPO_ROOT / "bot/domain/forms.yml").read_text())  # the validator's domain
EMBEDDER = (
    "I'm a medical physicist and I run the local validation of our AI auto-contouring software "
    "before it goes live, and I monitor its performance afterwards."
)


def next_slot(slots: dict[str, Any]) -> str | None:
    """The slot the form asks for next: the first required one still empty."""
    tracker = make_tracker(slots=slots, active_loop=FORM)
    required = required_slots(current_catalogue(), tracker)
    return next((s for s in required if slots.get(s) is None), None)


def form_followed(out: Outcome) -> bool:
    return any(e.get("event") == "followup" and e.get("name") == FORM for e in out.events)


async def converse(first: str, intent: str, holds: set[str], action: Any = None,
                   limit: int = 4) -> tuple[Outcome, int, list[str]]:
    """Play a conversation from a first message, answering each screening question truthfully
    for someone who holds `holds`; return the form's last step (the result, or the choice of
    archetypes), the number of user turns and the questions asked."""
    if action is None:  # the describe_role rule opens the form directly
        out = await describe(first, intent)
    else:
        out = await run(action, make_tracker(first, intent))
        assert form_followed(out) and not out.dispatcher.messages  # the form does the talking
    slots = {name: value for name, value in out.slots.items() if name != "requested_slot"}
    turns, asked = 1, []
    while (slot := next_slot(slots)) and slot.startswith("answer_") and turns < limit:
        key = slot.removeprefix("answer_")
        assert key not in asked
        asked.append(key)
        slots[slot] = "yes" if key in holds else "no"
        turns += 1
    tracker = make_tracker(slots=slots, active_loop=FORM)
    if next_slot(slots) == "profile_confirmed":
        return await ask("profile_confirmed", tracker), turns, asked
    return await run(ActionAssessmentResult(), tracker), turns, asked


async def describe(text: str, intent: str = "describe_role", opens: bool = True,
                   **given: Any) -> Outcome:
    """A message about the person's work, as the describe_role rule hands it to the form (which
    it opens, unless it is running already): its validation action adds it to the role text
    and asks what is still open."""
    tracker = make_tracker(text, intent, **{"active_loop": FORM, **given})
    if opens:
        tracker.events.append({"event": "active_loop", "name": FORM})
    return await run(ValidateAssessmentForm(), tracker, domain=FORMS)


def held(out: Outcome) -> list[str]:
    return [a["key"] for a in out.custom("archetype_result")["archetypes"]]


def asked_for(slot: str) -> list[dict[str, Any]]:
    """The events of a form that asked for `slot` and heard the person's reply."""
    return [{"event": "slot", "name": "requested_slot", "value": slot}]


# --- the form's questions, chosen per person ---------------------------------------------------

async def test_clear_description_gives_an_explained_result() -> None:
    out, turns, asked = await converse(EMBEDDER, "describe_role", {"embedders"})
    assert turns == 1 and not asked
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
    assert out.responses == ["utter_confirm_profile"]
    assert out.slots["archetypes"][0] == "embedders"


async def test_the_validation_action_names_the_next_question() -> None:
    slots = {"role_text": "I work in the NHS"}
    out = await run(ValidateAssessmentForm(), make_tracker(slots=slots, active_loop=FORM),
                    domain=FORMS)
    assert out.slots["requested_slot"].removeprefix("answer_") in ARCHETYPE_KEYS


async def test_vague_description_asks_one_question() -> None:
    out = await describe("I work in the NHS")
    assert out.slots["role_text"] == "I work in the NHS" and not out.customs
    slot = out.slots["requested_slot"]
    assert slot == next_slot(out.slots) and slot.removeprefix("answer_") in ARCHETYPE_KEYS
    assert out.responses == ["utter_first_screening_question"]
    assert out.dispatcher.messages[0]["question"].endswith("?")


async def test_later_questions_have_no_lead_and_a_side_question_brings_the_same_one_back() -> None:
    slots = {"role_text": "I work in the NHS", "answer_creators": "no"}
    slot = next_slot(slots)
    assert slot and slot != "answer_creators"
    fresh = await ask(slot, make_tracker("no", "deny", slots=slots,
                                         events=asked_for("answer_creators")))
    assert fresh.responses == ["utter_screening_question"]
    again = await ask(slot, make_tracker("why?", "ask_why", slots=slots, events=asked_for(slot)))
    assert again.responses == ["utter_screening_question_again"]


async def test_at_most_three_questions_then_a_best_guess() -> None:
    out, turns, asked = await converse("I work in the NHS", "describe_role", {"users"}, limit=10)
    assert len(asked) <= 3 and len(set(asked)) == len(asked)
    assert held(out)[0] == "users"


async def test_an_answer_moves_the_form_on() -> None:
    slots = {"role_text": "I'm a GP", "answer_creators": "yes"}
    assert next_slot(slots) != "answer_creators"
    tracker = make_tracker(slots=slots, active_loop=FORM)
    assert "answer_creators" in required_slots(current_catalogue(), tracker)  # kept, answered


async def test_no_role_yet_asks_for_it_first() -> None:
    assert next_slot({}) == "role_text"
    assert next_slot({"role_text": ""}) != "role_text"


async def test_why_do_you_ask_explains_the_open_question() -> None:
    slots = {"requested_slot": "answer_embedders", "role_text": "I work in the NHS"}
    out = await run(ActionExplainQuestion(), make_tracker("why do you ask?", "ask_why",
                                                          slots=slots, active_loop=FORM))
    assert out.responses == ["utter_why_this_question"]
    assert out.dispatcher.messages[0]["reason"]
    assert not out.buttons  # the form asks the question again


async def test_why_do_you_ask_without_a_question() -> None:
    out = await run(ActionExplainQuestion(), make_tracker("why?", "ask_why"))
    assert out.responses == ["utter_why_questions"]


async def test_not_quite_offers_the_archetypes() -> None:
    slots = {"profile_confirmed": False, "archetypes": ["users"]}
    out = await run(ActionAssessmentResult(), make_tracker("/deny", "deny", slots=slots))
    assert out.responses == ["utter_not_quite"]
    assert len(out.buttons) == 5
    assert all(b["payload"].startswith("/correct_archetype") for b in out.buttons)


OFFERED = [{"event": "bot", "text": "No problem. Which of these fits you better?",
            "metadata": {"utter_action": "utter_not_quite"}}]
EMBEDDERS = [{"entity": "archetype", "value": "embedders"}]


@pytest.mark.parametrize(("intent", "action"), [("compare_archetypes", ActionCompareArchetypes()),
                                                ("nlu_fallback", ActionFallback())])
async def test_an_archetype_typed_when_offered_is_picked_as_its_button_would(
        intent: str, action: Any) -> None:
    slots = {"role_text": "I'm a radiographer", "archetypes": ["users"], "answer_users": "no"}
    out = await run(action, make_tracker("Embedders", intent, EMBEDDERS, slots=slots,
                                         events=OFFERED))
    assert out.slots["answer_embedders"] == "yes" and form_followed(out)
    assert not out.dispatcher.messages  # the form shows the new result


async def test_an_archetype_named_without_an_offer_is_not_a_pick() -> None:
    out = await run(ActionCompareArchetypes(), make_tracker("Embedders", "compare_archetypes",
                                                            EMBEDDERS))
    assert out.responses == ["utter_compare_which"] and not out.slots


async def test_an_archetype_named_at_does_that_sound_right_is_a_choice_not_a_yes() -> None:
    slots = {"role_text": "I'm a radiographer", "archetypes": ["users"],
             "profile_confirmed": True}  # "I think embedders", taken for a yes
    tracker = make_tracker("I think embedders", "affirm", EMBEDDERS, slots=slots,
                           events=asked_for("profile_confirmed"), active_loop=FORM)
    out = await run(ValidateAssessmentForm(), tracker, domain=FORMS)
    assert out.slots["answer_embedders"] == "yes" and out.slots["profile_confirmed"] is None
    same = make_tracker("users", "affirm", [{"entity": "archetype", "value": "users"}],
                        slots=slots, events=asked_for("profile_confirmed"), active_loop=FORM)
    assert (await run(ValidateAssessmentForm(), same, domain=FORMS)).slots[
        "profile_confirmed"] is True  # its own main archetype: a yes


async def test_yes_that_is_me_asks_familiarity_unless_it_is_known() -> None:
    slots = {"role_text": EMBEDDER, "profile_confirmed": True}
    assert next_slot(slots) == "familiarity"
    assert next_slot({**slots, "familiarity": "new"}) is None


async def test_yes_that_is_me_with_familiarity_known_goes_on_to_the_plan() -> None:
    slots = {"profile_confirmed": True, "archetypes": ["users"], "familiarity": "new",
             "profile": {"primary": "users"}}
    out = await run(ActionAssessmentResult(), make_tracker(
        "/affirm", "affirm", slots=slots, events=asked_for("profile_confirmed")))
    assert out.responses == [
        "utter_profile_confirmed", "utter_plan_go_further", "utter_ask_plan_useful"
    ]
    assert out.custom("pathway_plan")["level"] == "new"


async def test_the_result_is_not_shown_twice_after_a_side_question() -> None:
    slots = {"role_text": EMBEDDER}
    first = await ask("profile_confirmed", make_tracker(slots=slots))
    slots.update(first.slots)
    again = await ask("profile_confirmed", make_tracker(
        "what is automation bias?", "ask_definition", slots=slots,
        events=asked_for("profile_confirmed")))
    assert again.responses == ["utter_confirm_profile_again"] and not again.customs


async def test_correction_makes_an_archetype_primary() -> None:
    slots = {"role_text": "I'm a GP and I use an AI scribe in consultations",
             "archetypes": ["users"], "profile_confirmed": None}
    out = await run(
        ActionCorrectProfile(),
        make_tracker("I'm more of a Driver really", "correct_archetype", slots=slots,
                     entities=[{"entity": "archetype", "value": "drivers"}]),
    )
    assert out.slots["answer_drivers"] == "primary" and form_followed(out)
    slots.update(out.slots)
    assert next_slot(slots) == "profile_confirmed"
    result = (await ask("profile_confirmed", make_tracker(slots=slots))).custom(
        "archetype_result")
    assert result["primary"] == "drivers"
    assert "users" in [a["key"] for a in result["archetypes"]]


async def test_correction_removes_an_archetype() -> None:
    slots = {"role_text": "I'm a GP and I use an AI scribe, and I'm building a model too",
             "archetypes": ["users", "creators"]}
    out = await run(
        ActionCorrectProfile(),
        make_tracker("no, I don't use it myself", "correct_archetype", slots=slots),
    )
    slots.update(out.slots)
    shown = await ask("profile_confirmed", make_tracker(slots=slots))
    assert "users" not in shown.slots["archetypes"]
    assert "creators" in shown.slots["archetypes"]


async def test_start_assessment_clears_the_previous_one() -> None:
    old = {"role_text": "old", "answer_users": "yes", "profile_confirmed": True}
    out = await run(ActionStartAssessment(), make_tracker("", "start_assessment", slots=old))
    assert out.slots == {"role_text": None, "answer_users": None, "profile_confirmed": None}
    assert next_slot(out.slots) == "role_text"


async def test_what_do_you_do_is_never_asked_twice() -> None:
    slots = {"requested_slot": "role_text"}
    again = await run(ActionStartAssessment(), make_tracker("", "start_assessment", slots=slots,
                                                            active_loop=FORM))
    assert again.slots == {"role_text": ""}
    assert (next_slot(again.slots) or "").startswith("answer_")


async def test_a_description_during_the_form_is_added_without_restarting_it() -> None:
    slots = {"role_text": "I work in the NHS", "requested_slot": "answer_users"}
    out = await describe("I also sign off the business cases for AI", opens=False, slots=slots,
                         events=asked_for("answer_users"))
    assert out.slots["role_text"].startswith("I work in the NHS\nI also sign off")
    assert out.slots["profile_confirmed"] is None  # the result is to be confirmed again
    assert not form_followed(out)  # the form is running already


async def test_an_answer_to_what_do_you_do_is_not_added_twice() -> None:
    text = "I'm a ward nurse and we use an AI early warning score"
    tracker = make_tracker(text, "describe_role", events=asked_for("role_text"),
                           slots={"role_text": text, "requested_slot": "role_text"},
                           active_loop=FORM)
    tracker.events.append({"event": "slot", "name": "role_text", "value": text})  # Rasa's mapping
    out = await run(ValidateAssessmentForm(), tracker, domain=FORMS)
    assert "role_text" not in out.slots and out.slots["requested_slot"] != "role_text"


async def test_a_description_that_answers_the_open_question_is_an_answer() -> None:
    slots = {"role_text": EMBEDDER, "requested_slot": "profile_confirmed"}
    tracker = make_tracker("I'm new to AI", "describe_role", events=asked_for("profile_confirmed"),
                           slots={**slots, "familiarity": "new"}, active_loop=FORM)
    tracker.events.append({"event": "slot", "name": "familiarity", "value": "new"})
    out = await run(ValidateAssessmentForm(), tracker, domain=FORMS)
    assert "role_text" not in out.slots


async def test_a_description_again_after_a_failed_opening_is_not_added_twice() -> None:
    slots = {"role_text": "I'm a ward nurse", "requested_slot": None}  # the form opened, no more
    out = await describe("I'm a ward nurse", opens=False, slots=slots)
    assert "role_text" not in out.slots


async def test_a_description_is_kept_while_the_catalogue_cannot_be_read() -> None:
    use_store(KnowledgeStore.from_url("postgresql://nobody@127.0.0.1:9/none"))
    out = await describe("I'm a ward nurse")
    assert out.responses == ["utter_store_down"]
    assert out.slots == {"role_text": "I'm a ward nurse", "profile_confirmed": None}
    assert out.events[-1]["event"] == "action_execution_rejected"  # the form's step stops


async def test_only_a_description_of_the_role_is_added_to_it() -> None:
    slots = {"role_text": "I work in the NHS"}
    out = await describe("why do you ask?", "ask_why", opens=False, slots=slots,
                         events=asked_for("answer_users"))
    assert "role_text" not in out.slots


def test_every_archetype_has_an_answer_slot_and_a_question() -> None:
    domain = yaml.safe_load((REPO_ROOT / "bot/domain/slots.yml").read_text())["slots"]
    form = yaml.safe_load((REPO_ROOT / "bot/domain/forms.yml").read_text())["forms"][FORM]
    for key in ARCHETYPE_KEYS:
        assert f"answer_{key}" in domain and f"answer_{key}" in form["required_slots"]
        assert f"answer_{key}" in QUESTIONS


def test_rasa_has_nothing_of_its_own_to_ask_the_validation_actions_questions_with() -> None:
    """Else the form would ask each of them a second time, after the validation action."""
    names = set(bot_domain().action_names_or_texts)
    for slot in QUESTIONS:
        for name in (f"action_ask_{FORM}_{slot}", f"utter_ask_{FORM}_{slot}",
                     f"action_ask_{slot}", f"utter_ask_{slot}"):
            assert name not in names


async def test_the_validation_action_asks_the_question_it_chooses() -> None:
    slots = {"role_text": "I work in the NHS", "answer_creators": "no"}
    out = await run(ValidateAssessmentForm(), make_tracker(
        "no", "deny", slots=slots, events=asked_for("answer_creators"), active_loop=FORM),
        domain=FORMS)
    asked = out.slots["requested_slot"]
    assert asked == next_slot(slots) and asked != "answer_creators"
    assert out.responses == ["utter_screening_question"]
    assert out.dispatcher.messages[0]["question"].endswith("?")


async def test_the_result_is_shown_by_the_validation_action_and_its_slots_set() -> None:
    slots = {"role_text": EMBEDDER}
    out = await run(ValidateAssessmentForm(), make_tracker(slots=slots, active_loop=FORM),
                    domain=FORMS)
    assert out.slots["requested_slot"] == "profile_confirmed"
    assert out.custom("archetype_result")["primary"] == "embedders"
    assert out.responses == ["utter_confirm_profile"]
    assert out.slots["archetypes"][0] == "embedders"


async def test_the_role_is_left_to_the_form_to_ask() -> None:
    out = await run(ValidateAssessmentForm(), make_tracker(active_loop=FORM), domain=FORMS)
    assert out.slots == {"requested_slot": "role_text"} and not out.dispatcher.messages


# --- no dead ends, one conversation per class of issue 10 --------------------------------------

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
    out, turns, _ = await converse(text, intent, set(expected), action)
    assert turns == 1
    assert held(out)[:len(expected)] == expected
    assert "utter_out_of_scope" not in out.responses and "utter_help" not in out.responses


async def test_executive_with_a_digital_brief_gets_a_result_at_once() -> None:
    out, turns, _ = await converse("I'm the director of finance and hold the digital brief on "
                                   "our board", "describe_role", {"drivers"})
    assert turns == 1 and held(out)[0] == "drivers"


async def test_thin_description_goes_straight_to_the_questions() -> None:
    out, turns, _ = await converse("band 5 healthcare assistant", "describe_role", {"users"})
    assert turns == 2 and held(out) == ["users"]


async def test_users_question_covers_future_use() -> None:
    out = await describe("staff nurse")
    assert out.slots["requested_slot"] == "answer_users"
    assert "will you soon use" in out.dispatcher.messages[0]["question"]


async def test_ruling_everything_out_offers_a_choice_not_the_first_question() -> None:
    out, turns, _ = await converse("I work in the NHS", "describe_role", set(), limit=10)
    assert turns <= 4 and not out.customs
    assert out.responses == ["utter_choose_archetype"]
    assert len(out.buttons) == 5
    assert all(b["payload"].startswith("/correct_archetype") for b in out.buttons)


async def test_a_frontline_job_with_no_ai_is_placed_by_its_work_not_asked_to_choose() -> None:
    out, turns, asked = await converse("hca on a dementia ward", "describe_role", set())
    assert asked == ["users"] and turns == 2  # no questions about leading or implementing AI
    result = out.custom("archetype_result")
    assert result["primary"] == "users" and result["confident"] is False
    assert result["lead"].startswith("You said AI isn't part of your own work yet")
    assert result["archetypes"][0]["match"] == "50% match"
    assert out.responses == ["utter_confirm_profile"]


async def test_unanswered_questions_end_with_users_as_a_best_guess() -> None:
    slots = {"role_text": "I work in the NHS", "answer_creators": "no", "answer_drivers": "no",
             "answer_embedders": "no"}
    assert next_slot(slots) == "profile_confirmed"
    out = await ask("profile_confirmed", make_tracker(slots=slots))
    result = out.custom("archetype_result")
    assert result["primary"] == "users" and result["confident"] is False
    assert "My best guess" in out.text


async def test_out_of_scope_and_help_still_answer_when_no_work_is_described() -> None:
    out = await run(ActionOutOfScope(), make_tracker("what's the weather tomorrow?",
                                                     "out_of_scope"))
    assert out.responses == ["utter_out_of_scope"] and not out.slots
    out = await run(ActionHelp(), make_tracker("what can you do?", "help"))
    assert out.responses == ["utter_help"]
    out = await run(ActionNothingOpen(), make_tracker("yes", "affirm"))
    assert out.responses == ["utter_nothing_open"] and not out.slots


async def test_a_programme_asked_about_by_its_providers_name_is_answered_not_refused() -> None:
    """ "NHS Digital" is also a former employer's name: the question is about the academy, not
    a description of where the person works."""
    out = await run(ActionOutOfScope(), make_tracker("tell me about the NHS Digital Academy",
                                                     "out_of_scope"))
    assert out.responses[0] == "utter_catalogue_matches" and not out.slots
    assert "Digital Health Leadership Programme" in out.text
    unsure = await run(ActionFallback(), make_tracker("and what about the NHS Digital Academy?",
                                              "nlu_fallback"))
    assert unsure.responses[0] == "utter_catalogue_matches"
    job = await run(ActionFallback(), make_tracker("data scientist at NHS England building "
                                                   "models", "nlu_fallback"))
    assert job.slots["role_text"] and form_followed(job)  # a provider named as an employer


async def test_a_clinical_question_that_describes_work_goes_on_to_the_assessment() -> None:
    """The refusal comes from the domain first (the rule); then the role is read, not lost."""
    text = ("i work in the pharmacy dispensary, we r getting an ai thing that checks scripts. "
            "what training should i do")
    out = await run(ActionClinicalQuestion(), make_tracker(text, "clinical_question"))
    assert form_followed(out) and not out.dispatcher.messages
    assert out.slots["role_text"] == text
    plain = await run(ActionClinicalQuestion(), make_tracker(
        "what dose of amoxicillin should I give a two year old?", "clinical_question"))
    assert not plain.dispatcher.messages and not plain.slots and not form_followed(plain)


async def test_a_worry_about_jobs_that_describes_work_goes_on_to_the_assessment() -> None:
    """The answer comes from the domain first (the rule); then the role is read, or a plan is
    offered, or, mid-assessment, the form asks its question again."""
    text = "social prescribing link worker, a bit worried ai will replace the human side of it"
    out = await run(ActionAiAndJobs(), make_tracker(text, "ask_ai_and_jobs"))
    assert form_followed(out) and not out.dispatcher.messages
    assert out.slots["role_text"] == text
    plain = await run(ActionAiAndJobs(), make_tracker("will AI replace me?", "ask_ai_and_jobs"))
    assert plain.responses == ["utter_ai_and_jobs_offer"] and not form_followed(plain)
    asking = await run(ActionAiAndJobs(), make_tracker(
        "will AI replace me?", "ask_ai_and_jobs", slots={"requested_slot": "answer_users"},
        active_loop="assessment_form"))
    assert not asking.dispatcher.messages


async def test_fallback_reads_an_unclassified_description_as_a_role() -> None:
    out, _, _ = await converse("paramedic, we might be getting an ai triage thing soon",
                               "nlu_fallback", {"users"}, ActionFallback())
    assert held(out) == ["users"]


@pytest.mark.parametrize("title", ["porter", "GP", "cleaner", "consultant"])
@pytest.mark.parametrize(("intent", "action"), [("nlu_fallback", ActionFallback()),
                                                ("out_of_scope", ActionOutOfScope()),
                                                ("affirm", ActionNothingOpen())])
async def test_a_bare_job_title_is_a_role_whatever_the_classifier_made_of_it(
    title: str, intent: str, action: Any
) -> None:
    """A job title alone, of any staff group, starts the assessment, even one that says little
    about AI on its own ("porter"), whatever the classifier took it for: never "I didn't
    follow", "outside what I can help with" or "what would you like to do next?"."""
    out = await run(action, make_tracker(title, intent))
    assert form_followed(out) and not out.dispatcher.messages
    assert out.slots["role_text"] == title


async def test_the_example_shown_fits_the_persons_staff_group() -> None:
    pharmacist = (
        "Community pharmacist. The PMR system now flags prescriptions with possible "
        "interactions using AI and I check each one it flags."
    )
    out, _, _ = await converse(pharmacist, "describe_role", {"users"})
    assert out.custom("archetype_result")["primary"] == "users"
    assert "Community pharmacist using AI-flagged prescription checks" in out.text
    general, _, _ = await converse("I use an AI tool at work and act on what it suggests.",
                                   "describe_role", {"users"})
    assert "Community pharmacist" not in general.text
