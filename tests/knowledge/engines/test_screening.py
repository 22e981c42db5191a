"""The screening policy the bot and the corpus evaluation share (knowledge/engines/screening.py)."""

from __future__ import annotations

import pytest

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.identify import CompiledLexicon, compile_lexicon, identify
from knowledge.engines.screening import MAX_QUESTIONS, question_to_ask, settle


@pytest.fixture(scope="module")
def lex(store: CatalogueSnapshot) -> CompiledLexicon:
    return compile_lexicon(store.lexicon())


def test_asks_the_engines_question_until_the_limit(lex: CompiledLexicon) -> None:
    profile = identify("I work in the NHS", lexicon=lex)
    assert question_to_ask(profile, 0) == profile.next_question == "users"
    assert question_to_ask(profile, MAX_QUESTIONS - 1) == "users"
    assert question_to_ask(profile, MAX_QUESTIONS) is None


def test_stops_when_confident(lex: CompiledLexicon) -> None:
    profile = identify("I'm the clinical safety officer for our AI triage tool", lexicon=lex)
    assert profile.confident and question_to_ask(profile, 0) is None


def test_settle_places_an_unplaced_person_as_a_user(lex: CompiledLexicon) -> None:
    profile = identify("I work in the NHS", {"creators": "no", "drivers": "no"}, lexicon=lex)
    assert profile.archetypes == ()
    settled = settle(profile)
    assert settled.archetypes == ("users",) and not settled.confident
    assert settled.next_question is None


def test_settle_respects_a_no_to_users(lex: CompiledLexicon) -> None:
    profile = identify("I work in the NHS", {"users": "no", "creators": "no"}, lexicon=lex)
    assert settle(profile).archetypes == ()


def test_settle_keeps_a_result(lex: CompiledLexicon) -> None:
    profile = identify("I'm a data scientist building models", lexicon=lex)
    assert settle(profile) is profile


def test_settle_places_a_named_job_by_its_work_after_a_no_to_users(lex: CompiledLexicon) -> None:
    profile = identify("porter", {"users": "no"}, lexicon=lex)
    assert profile.archetypes == () and question_to_ask(profile, 1) is None
    settled = settle(profile)
    assert settled.archetypes == ("users",) and settled.by_work and not settled.confident


def test_a_no_to_users_still_asks_about_other_work_the_text_hints_at(
        lex: CompiledLexicon) -> None:
    profile = identify("staff nurse, I help with testing on the ward", {"users": "no"},
                       lexicon=lex)
    assert question_to_ask(profile, 1) == "embedders"
