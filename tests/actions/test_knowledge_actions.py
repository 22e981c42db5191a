"""Knowledge questions, greeting, handoff, fallback, a new load, and a store that is down."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.ask_courses import ActionAskCourses
from actions.common.base import STORE_DOWN
from actions.common.catalogue import say_named
from actions.common.store import use_store
from actions.compare_archetypes import ActionCompareArchetypes
from actions.explain_step import say_offering
from actions.explain_term import ActionExplainTerm, asked_phrase
from actions.fallback import ActionFallback
from actions.filter_offerings import ActionFilterOfferings
from actions.greet import ActionGreet
from actions.handoff import ActionHandoff
from actions.list_archetypes import ActionListArchetypes
from actions.privacy_notice import ActionPrivacyNotice
from actions.product_advice import ActionProductAdvice
from actions.sources_link import ActionSourcesLink
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore
from knowledge.storage.db import make_engine
from tests.actions.helpers import make_tracker, run
from tests.support.catalogue import (
    NEW_TITLE,
    OLD_TITLE,
    edit_catalogue,
    knowledge_load,
    loaded_copy,
)
from tests.support.responses import render_async, response_text


async def test_greeting_has_privacy_line_and_buttons(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHFINDER_PUBLIC_URL", "https://pathfinder.example.nhs.uk")
    out = await run(ActionGreet(), make_tracker("hello", "greet"))
    assert "forget me" in out.text and "/pathfinder/privacy" in out.text
    assert "/start_assessment" in [b["payload"] for b in out.buttons]


async def test_glossary_term_from_the_store(store: CatalogueSnapshot) -> None:
    out = await run(ActionExplainTerm(), make_tracker("what is automation bias?", "ask_definition"))
    term = store.glossary_lookup("automation bias")
    assert term is not None and term.definition in out.text


async def test_glossary_term_by_entity_and_plural() -> None:
    out = await run(ActionExplainTerm(), make_tracker(
        "tell me about hazard logs", "ask_definition",
        entities=[{"entity": "term", "value": "hazard logs"}]))
    assert out.text.lower().startswith("**hazard log")


async def test_archetype_question_answered_from_the_store(store: CatalogueSnapshot) -> None:
    out = await run(ActionExplainTerm(), make_tracker("what's a Shaper?", "ask_definition"))
    assert store.archetype("shapers").description in out.text  # type: ignore[union-attr]


async def test_unknown_term_is_honest_and_suggests_nearest() -> None:
    out = await run(ActionExplainTerm(), make_tracker("what is automaton bias?", "ask_definition"))
    assert "don't have \"automaton bias\"" in out.text
    assert any("automation bias" in b["title"].lower() for b in out.buttons)


async def test_an_unknown_phrase_rasa_cannot_repeat_gets_a_plain_question() -> None:
    out = await run(ActionExplainTerm(), make_tracker("what is x0[1]?", "ask_definition"))
    assert out.texts == [response_text("utter_which_term")]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("what is model drift?", "model drift"), ("What does DCB0160 mean?", "DCB0160"),
     ("define narrow AI please", "narrow AI")],
)
def test_asked_phrase(text: str, phrase: str) -> None:
    assert asked_phrase(text) == phrase


async def test_a_side_question_leaves_the_open_question_to_the_form() -> None:
    slots = {"requested_slot": "answer_users"}
    out = await run(ActionExplainTerm(), make_tracker(
        "what is automation bias?", "ask_definition", slots=slots, active_loop="assessment_form"))
    assert "Automation bias" in out.text
    assert "Back to my question" not in out.text and not out.events  # the form asks it again


async def test_compare_two_archetypes() -> None:
    out = await run(ActionCompareArchetypes(), make_tracker(
        "difference between a Driver and a Shaper?", "compare_archetypes"))
    assert "**Drivers**" in out.text and "**Shapers**" in out.text


async def test_list_archetypes() -> None:
    out = await run(ActionListArchetypes(), make_tracker("what are the archetypes?"))
    for name in ("Shapers", "Drivers", "Creators", "Embedders", "Users"):
        assert f"**{name}**" in out.text


async def test_handoff_uses_configured_contact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHFINDER_HANDOFF_TEAM", "the Trust Digital Learning Team")
    monkeypatch.setenv("PATHFINDER_HANDOFF_EMAIL", "digital.learning@example.nhs.uk")
    out = await run(ActionHandoff(), make_tracker(
        "can I talk to a person", "human_handoff",
        slots={"archetypes": ["users"], "familiarity": "new"}))
    payload = out.custom("handoff")
    assert payload["email"] == "digital.learning@example.nhs.uk"
    assert "Users" in payload["summary"] and "new to AI" in payload["summary"]
    assert "digital.learning@example.nhs.uk" in out.text


async def test_privacy_notice_sets_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHFINDER_PUBLIC_URL", "https://pathfinder.example.nhs.uk")
    out = await run(ActionPrivacyNotice(), make_tracker("what do you store?", "ask_privacy"))
    assert out.slots["privacy_url"] == "https://pathfinder.example.nhs.uk/pathfinder/privacy"


async def test_fallback_recovers_a_role_description() -> None:
    out = await run(ActionFallback(), make_tracker(
        "clinical safety officer for the trust, I keep the hazard log for the AI triage tool",
        "nlu_fallback"))
    assert {"event": "slot", "name": "role_text", "timestamp": None,
            "value": "clinical safety officer for the trust, I keep the hazard log for the AI "
                     "triage tool"} in out.events
    assert any(e["event"] == "followup" and e["name"] == "assessment_form" for e in out.events)


async def test_fallback_answers_a_question_naming_a_programme(store: CatalogueSnapshot) -> None:
    out = await run(ActionFallback(), make_tracker(
        "what does the NHS Fellowship in Clinical AI involve?", "nlu_fallback"))
    fellowship = store.offering("nhs_fellowship_clinical_ai")
    assert fellowship is not None and fellowship.url in out.text
    assert "role_text" not in out.slots


async def test_fallback_clarifies_then_offers_help() -> None:
    ranking = [{"name": "request_pathway", "confidence": 0.2},
               {"name": "help", "confidence": 0.15}]
    first = await run(ActionFallback(), make_tracker("blorp wibble", "nlu_fallback",
                                                     ranking=ranking))
    assert "Did you mean" in first.text
    assert [b["payload"] for b in first.buttons] == ["/request_pathway", "/help"]
    earlier = [
        {"event": "user", "text": "zzz"},
        {"event": "action", "name": "action_fallback"},
        {"event": "action", "name": "action_listen"},
    ]
    second = await run(ActionFallback(), make_tracker("qqq", "nlu_fallback", events=earlier))
    assert "/restart" in [b["payload"] for b in second.buttons]


async def test_store_down_gives_a_clear_message_and_keeps_state() -> None:
    use_store(KnowledgeStore.from_url("postgresql://nobody@127.0.0.1:9/none"))
    out = await run(ActionListArchetypes(), make_tracker("what are the archetypes?"))
    assert out.texts == [response_text(STORE_DOWN)]
    assert out.events == []


async def test_what_needs_no_catalogue_is_answered_while_the_store_is_down() -> None:
    use_store(KnowledgeStore.from_url("postgresql://nobody@127.0.0.1:9/none"))
    out = await run(ActionPrivacyNotice(), make_tracker("what do you store?", "ask_privacy"))
    assert STORE_DOWN not in out.texts
    assert any(e.get("name") == "privacy_url" for e in out.events)
    hello = await run(ActionGreet(), make_tracker("hello", "greet"))
    assert STORE_DOWN not in hello.texts and "/start_assessment" in [
        b["payload"] for b in hello.buttons
    ]


ASK_FRAMEWORK = "tell me about the AI and Digital Healthcare Technologies Capability Framework"


async def test_a_running_server_answers_from_a_new_load_and_then_without_the_database(
    tmp_path: Path,
) -> None:
    content, db = loaded_copy(tmp_path)
    store = KnowledgeStore(make_engine(f"sqlite:///{db}"), check_every=0)
    use_store(store)
    before = await run(ActionAskCourses(), make_tracker(ASK_FRAMEWORK, "ask_courses"))
    assert OLD_TITLE in before.text

    edit_catalogue(content)
    knowledge_load(content, db)
    after = await run(ActionAskCourses(), make_tracker(ASK_FRAMEWORK, "ask_courses"))
    assert NEW_TITLE in after.text and OLD_TITLE not in after.text

    store.engine.dispose()
    db.unlink()  # the database goes away mid-conversation
    meanwhile = await run(ActionAskCourses(), make_tracker(ASK_FRAMEWORK, "ask_courses"))
    assert meanwhile.texts == after.texts


async def test_restart_clears_and_says_so() -> None:
    from actions.restart import ActionRestart

    out = await run(ActionRestart(), make_tracker("start over", "restart"))
    assert out.events == [{"event": "restart", "timestamp": None}]
    assert "start again" in out.text and "/start_assessment" in [b["payload"] for b in out.buttons]


async def test_courses_on_a_topic_name_each_match_with_its_facts(store: CatalogueSnapshot) -> None:
    out = await run(ActionAskCourses(), make_tracker("any courses on automation bias?",
                                                     "ask_courses"))
    report = store.offering("report1_understanding_confidence")
    assert report is not None
    assert "automation bias" in out.text
    line = next(t for t in out.text.splitlines() if report.title in t)
    assert report.url in line and report.provider in line and "level 2" in line
    assert report.duration in line and "free" in line


async def test_free_and_online_without_a_profile_lists_the_catalogue() -> None:
    out = await run(ActionAskCourses(), make_tracker("which courses are free and online?",
                                                     "ask_courses"))
    assert "free, online" in out.text
    assert "what do you do" not in out.text.lower()
    assert out.text.count("](http") >= 3
    assert "tell me about your role" in out.text.lower()


async def test_filter_without_a_profile_answers_from_the_catalogue() -> None:
    out = await run(ActionFilterOfferings(), make_tracker("only free ones", "filter_offerings"))
    assert "Here's what the catalogue has" in out.text and "free" in out.text
    assert "role first" not in out.text


async def test_a_named_programme_gets_its_own_details(store: CatalogueSnapshot) -> None:
    fellowship = store.offering("nhs_fellowship_clinical_ai")
    assert fellowship is not None
    for action, intent in ((ActionAskCourses(), "ask_courses"),
                           (ActionExplainTerm(), "ask_definition")):
        out = await run(action, make_tracker(
            "what does the NHS Fellowship in Clinical AI involve?", intent))
        assert fellowship.summary in out.text and fellowship.url in out.text
        ai = store.glossary_lookup("artificial intelligence")
        assert ai is not None and ai.definition not in out.text


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("what's DART-Ed?", "DART-Ed"),  # a term that is also in a course's name
        ("what is the AI and Digital Regulations Service?", "AI and Digital Regulations Service"),
        ("what's the topol fellowship?", "Topol Digital Fellowship"),  # more than "Topol"
    ],
)
async def test_a_term_or_a_course_whichever_the_question_names(text: str, answer: str) -> None:
    out = await run(ActionExplainTerm(), make_tracker(text, "ask_definition"))
    assert out.text.startswith(f"**{answer}**")


async def test_a_term_inside_a_longer_question_is_still_explained(store: CatalogueSnapshot) -> None:
    out = await run(ActionExplainTerm(), make_tracker(
        "so what does automation bias actually mean for me?", "ask_definition"))
    term = store.glossary_lookup("automation bias")
    assert term is not None and term.definition in out.text


async def test_nothing_matching_is_said_plainly() -> None:
    out = await run(ActionAskCourses(), make_tracker("courses about quantum knitting",
                                                     "ask_courses"))
    assert out.text.startswith("I couldn't find anything in the catalogue on quantum knitting")


async def test_conditions_nothing_meets_show_the_nearest_on_the_topic() -> None:
    out = await run(ActionAskCourses(), make_tracker("in person course on automation bias",
                                                     "ask_courses"))
    assert "I couldn't find anything" in out.text and "on the same topic" in out.text
    assert "](http" in out.text


async def test_sources_sets_the_decisions_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHFINDER_PUBLIC_URL", "https://pathfinder.example.nhs.uk")
    out = await run(ActionSourcesLink(), make_tracker("where does your advice come from?",
                                                      "ask_sources"))
    assert out.slots["decisions_url"] == (
        "https://pathfinder.example.nhs.uk/pathfinder/how-pathfinder-decides"
    )


async def test_sources_link_is_left_out_without_a_public_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PATHFINDER_PUBLIC_URL", raising=False)
    out = await run(ActionSourcesLink(), make_tracker("what is this based on?", "ask_sources"))
    assert out.slots["decisions_url"] is None


async def test_product_advice_names_no_product_and_points_to_the_guides(
    store: CatalogueSnapshot,
) -> None:
    out = await run(ActionProductAdvice(), make_tracker("which AI scribe should we buy?",
                                                        "ask_product_advice"))
    for key in ("buyers_guide_ai", "nice_evidence_standards_framework"):
        guide = store.offering(key)
        assert guide is not None and guide.url in out.text


async def test_a_comparison_says_how_two_archetypes_work_together_when_the_content_does(
    store: CatalogueSnapshot,
) -> None:
    pairs = [(a, b) for a in store.archetypes() for b in store.archetypes() if a.key < b.key]
    linked = next((a, b) for a, b in pairs if a.works_with.get(b.key) or b.works_with.get(a.key))
    plain = next(((a, b) for a, b in pairs
                  if not (a.works_with.get(b.key) or b.works_with.get(a.key))), None)
    for pair, says_how in ((linked, True), (plain, False)):
        if pair is None:
            continue
        out = await run(ActionCompareArchetypes(), make_tracker(
            f"difference between {pair[0].name} and {pair[1].name}?", "compare_archetypes"))
        assert out.text.startswith(f"**{pair[0].name}**: {pair[0].summary}")
        assert ("How they work together:" in out.text) is says_how
        assert out.text.endswith("describe responsibilities with AI, not job titles.")


async def test_fallback_buttons_use_each_routes_words_and_start_the_assessment_for_a_role() -> None:
    ranking = [{"name": "describe_role", "confidence": 0.3},
               {"name": "compare_archetypes", "confidence": 0.2}]
    out = await run(ActionFallback(), make_tracker("hmm", "nlu_fallback", ranking=ranking))
    assert out.buttons == [
        {"title": "Describe my role", "payload": "/start_assessment"},
        {"title": "Compare archetypes", "payload": "/compare_archetypes"},
        {"title": "Something else", "payload": "/help"},
    ]


async def test_handoff_without_a_contact_route_says_who_can_put_them_in_touch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("PATHFINDER_HANDOFF_EMAIL", "PATHFINDER_HANDOFF_URL"):
        monkeypatch.delenv(name, raising=False)
    out = await run(ActionHandoff(), make_tracker("can I talk to a person", "human_handoff"))
    assert "You can reach them" not in out.text
    assert "line manager or learning and development department" in out.text
    assert out.text.endswith(out.custom("handoff")["summary"])


async def test_an_unconfirmed_offering_is_flagged_where_it_is_named(
    store: CatalogueSnapshot,
) -> None:
    unconfirmed = next(o for o in store.all_offerings() if not o.verified)
    confirmed = next(o for o in store.all_offerings() if o.verified)
    for offering, flagged in ((unconfirmed, True), (confirmed, False)):
        dispatcher = CollectingDispatcher()
        say_named(dispatcher, offering)
        say_offering(dispatcher, offering)
        named, detail = (m["text"] for m in await render_async(dispatcher.messages, {}))
        assert named.startswith(f"**{offering.title}** ({offering.provider}): {offering.summary}")
        assert ("I haven't yet been able to confirm" in named) is flagged
        assert ("check the link." in detail) is flagged
        assert detail.endswith(f"Link: {offering.url}")


def assessment_followed(out) -> bool:  # noqa: ANN001
    return {"event": "followup", "name": "assessment_form"} in [
        {k: e.get(k) for k in ("event", "name")} for e in out.events]


async def test_a_course_question_that_gives_the_job_goes_on_to_the_assessment() -> None:
    text = "I'm a practice nurse, what courses are there on AI?"
    out = await run(ActionAskCourses(), make_tracker(text, "ask_courses"))
    assert out.slots["role_text"] == text and assessment_followed(out)
    # the job was the only topic: no "nothing on practice nurse", the plan will answer it
    assert not out.dispatcher.messages
    topic = "I'm a practice nurse, are there any courses on automation bias?"
    out = await run(ActionAskCourses(), make_tracker(topic, "ask_courses"))
    assert "automation bias" in out.text.lower() and assessment_followed(out)
    assert "If you tell me about your role" not in out.text  # they just did
    topic = await run(ActionAskCourses(), make_tracker("any courses on automation bias?",
                                                       "ask_courses"))
    assert "role_text" not in topic.slots and "If you tell me about your role" in topic.text
