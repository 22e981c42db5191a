"""Catalogue questions answered from the real catalogue: conditions, names, topics, nothing."""

from __future__ import annotations

import pytest

from knowledge.catalogue.search import is_long, named_provider, parse_query, search
from knowledge.catalogue.snapshot import CatalogueSnapshot


@pytest.mark.parametrize(
    ("text", "cost", "delivery", "band", "length"),
    [
        ("which courses are free and online?", "free", "online", None, None),
        ("anything face-to-face for beginners", None, "in_person", "foundation", None),
        ("advanced training with a bursary", "funded", None, "advanced", None),
        ("a short e-learning module", None, "online", None, "short"),
        ("courses on automation bias", None, None, None, None),
    ],
)
def test_conditions_are_read_from_the_question(
    text: str, cost: str | None, delivery: str | None, band: str | None, length: str | None
) -> None:
    query = parse_query(text)
    assert (query.cost, query.delivery, query.band, query.length) == (
        cost, delivery, band, length)


def test_condition_and_question_words_are_not_topic_words() -> None:
    assert parse_query("which courses are free and online?").words == ()
    assert parse_query("any free courses on model drift please").words == ("model", "drift")


def test_free_and_online_lists_only_what_is_free_and_online(store: CatalogueSnapshot) -> None:
    answer = search(store, "which courses are free and online?")
    assert answer.matches
    assert all(o.cost == "free" and o.delivery == "online" for o in answer.matches)
    expected = {o.key for o in store.all_offerings() if (o.cost, o.delivery) == ("free", "online")}
    assert {o.key for o in answer.matches} == expected


def test_a_named_programme_is_found_by_its_name(store: CatalogueSnapshot) -> None:
    answer = search(store, "what does the NHS Fellowship in Clinical AI involve?")
    assert [o.key for o in answer.named] == ["nhs_fellowship_clinical_ai"]


def test_a_name_with_a_slip_or_a_short_form_is_still_found(store: CatalogueSnapshot) -> None:
    assert [o.key for o in search(store, "tell me about the NHS Felowship in Clinical AI").named
            ] == ["nhs_fellowship_clinical_ai"]
    assert [o.key for o in search(store, "what's the topol fellowship?").named] == [
        "topol_digital_fellowship"]
    assert [o.key for o in search(store, "what is DCB0129").named] == [
        "dcb0129_clinical_safety_manufacturers"]


def test_a_glossary_term_finds_the_offerings_that_cover_it(store: CatalogueSnapshot) -> None:
    answer = search(store, "any courses on automation bias?")
    assert answer.topics == ("automation bias",)
    assert "report1_understanding_confidence" in {o.key for o in answer.matches}
    assert not answer.named


def test_a_capability_area_finds_its_offerings(store: CatalogueSnapshot) -> None:
    answer = search(store, "is there anything about ethics?")
    assert answer.topics == ("Ethics",)
    assert answer.matches
    assert all("ethics" in o.areas or "ethics_legal_regulatory" in o.areas
               for o in answer.matches)


def test_topic_words_tolerate_typos(store: CatalogueSnapshot) -> None:
    exact = {o.key for o in search(store, "learning about regulation").matches}
    slipped = {o.key for o in search(store, "learning about regulaton").matches}
    assert exact and slipped == exact


def test_a_provider_is_a_topic(store: CatalogueSnapshot) -> None:
    answer = search(store, "courses by NICE")
    assert answer.matches
    assert all("NICE" in o.provider for o in answer.matches)


def test_a_provider_named_in_full_stands_for_its_offerings(store: CatalogueSnapshot) -> None:
    answer = search(store, "tell me about the NHS Digital Academy")
    assert answer.topics == ("NHS Digital Academy",)
    assert [o.key for o in answer.matches] == [
        o.key for o in store.all_offerings() if "NHS Digital Academy" in o.provider]
    assert named_provider("free stuff from NHS England", store.all_offerings())[0] == "NHS England"
    free = search(store, "free stuff from NHS England")
    assert free.matches and all(o.cost == "free" and "NHS England" in o.provider
                                for o in free.matches)


def test_one_word_or_words_no_provider_holds_name_no_provider(store: CatalogueSnapshot) -> None:
    offerings = store.all_offerings()
    assert named_provider("courses by NICE", offerings) is None  # one word: a topic, as before
    assert named_provider("who is the chief executive of my trust", offerings) is None
    # part of a provider's name is a topic: "NHS England clinical safety team" is not named
    assert named_provider("courses on clinical safety", offerings) is None
    assert search(store, "courses on clinical safety").topics == ("clinical safety",)


def test_level_and_length_conditions_hold(store: CatalogueSnapshot) -> None:
    short = search(store, "short beginner courses")
    assert short.matches
    assert all(o.level in (1, 2) and not is_long(o) for o in short.matches)
    advanced = search(store, "advanced courses on evaluating AI")
    assert advanced.matches and all(o.level >= 3 for o in advanced.matches)


def test_conditions_that_rule_out_the_topic_give_the_topic_without_them(
    store: CatalogueSnapshot,
) -> None:
    answer = search(store, "in person course on automation bias")  # the catalogue has none
    assert not answer.matches
    assert answer.relaxed == ("conditions",)
    assert answer.nearest and all(o.delivery != "in_person" for o in answer.nearest)
    assert all("cognitive_biases" in o.areas for o in answer.nearest)


def test_a_term_no_offering_covers_falls_back_to_related_terms(store: CatalogueSnapshot) -> None:
    answer = search(store, "anything about model drift")
    assert not answer.matches
    assert answer.relaxed == ("topic",) and answer.nearest


def test_nothing_at_all_is_said_plainly(store: CatalogueSnapshot) -> None:
    answer = search(store, "courses about quantum knitting")
    assert not answer.matches and not answer.nearest and not answer.named
    assert answer.topics == ("quantum knitting",)


def test_a_profile_puts_the_persons_own_offerings_first(store: CatalogueSnapshot) -> None:
    answer = search(store, "what courses do you have", archetypes=["creators"])
    mine = ["creators" in o.archetypes for o in answer.matches]
    assert any(mine) and mine == sorted(mine, reverse=True)


def test_a_word_inside_a_longer_term_is_not_a_second_term(store: CatalogueSnapshot) -> None:
    found = [t.term for t in store.find_terms_in("so what does automation bias mean for me")]
    assert found == ["automation bias"]
