"""One card model: the actions' worded cards, drawn by Slack, Teams and as text (no server).

Each card is built from the real catalogue by the actions' own builders, checked against the
contract, and then every drawing of it must say the same words: those in the card.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest

from actions.common.render import archetype_card, handoff_card, plan_card, summary_card
from actions.common.settings import HandoffContact
from bot.channels import cards, slack_blocks, teams_cards
from bot.channels.card_text import card_text
from bot.channels.rest import RestOutput
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.advisor import identify
from knowledge.engines.advisor import plan as build_plan
from knowledge.engines.wording import COST_WORDS, DELIVERY_WORDS, WORDS, offering_facts
from tests.support import step_reasons
from tests.support.payloads import assert_valid_payload

ROLE = ("I'm a radiographer and I run the local validation of our AI fracture detection tool "
        "before it goes live, and I also use it on my reporting lists")
DRAWINGS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "slack": slack_blocks.card_message,
    "teams": teams_cards.card_attachment,
    "text": card_text,
}


def shown(drawing: str, card: dict[str, Any]) -> str:
    """Every string a drawing of the card holds, one a line, to search."""
    drawn = DRAWINGS[drawing](card)
    assert drawn, f"{drawing} drew nothing"
    return "\n".join(_strings(drawn))


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.fixture(scope="module")
def free_plan(store: CatalogueSnapshot) -> dict[str, Any]:
    payload = build_plan(store, ["users", "creators"], "new", filters=["free"]).to_payload()
    card = plan_card(payload, ["Users", "Creators"])
    assert_valid_payload(card)
    return card


@pytest.fixture(scope="module")
def profile_card(store: CatalogueSnapshot) -> dict[str, Any]:
    card = archetype_card(identify(store, ROLE), store)
    assert_valid_payload(card)
    return card


def test_the_plan_card_carries_every_fact_in_the_wording_files_words(
    store: CatalogueSnapshot, free_plan: dict[str, Any]
) -> None:
    data = build_plan(store, ["users", "creators"], "new", filters=["free"]).to_payload()
    offerings = [o for s in free_plan["steps"] for o in s["offerings"]] + free_plan["funded_places"]
    originals = [o for s in data["steps"] for o in s["offerings"]] + data["funded_places"]
    assert [o["facts"] for o in offerings] == [offering_facts(o) for o in originals]
    for offering in offerings:
        assert DELIVERY_WORDS[offering["delivery"]] in offering["facts"]
        assert COST_WORDS[offering["cost"]] in offering["facts"]
        assert WORDS.level_words(offering["level"]) in offering["facts"]
    assert free_plan["intro"].startswith("Here's a learning pathway for you as one of the Users")
    assert "only free options" in free_plan["intro"]
    assert "gaps_heading" not in data  # the engine's plan stays data; the card adds the words


@pytest.mark.parametrize("drawing", DRAWINGS)
def test_every_drawing_of_a_plan_says_the_cards_words(
    drawing: str, free_plan: dict[str, Any], store: CatalogueSnapshot
) -> None:
    text = shown(drawing, free_plan)
    assert free_plan["title"] in text and free_plan["intro"] in text
    for step in free_plan["steps"]:
        assert step["title"] in text
        for offering in step["offerings"]:
            assert offering["title"] in text and " · ".join(offering["facts"]) in text
    assert free_plan["gaps_heading"] in text
    assert all(gap["text"] in text for gap in free_plan["gaps"])
    funded = text.index(free_plan["funded_heading"])
    assert all(text.index(o["title"]) > funded for o in free_plan["funded_places"])
    unconfirmed = plan_card(build_plan(store, ["creators"], "new").to_payload(), ["Creators"])
    assert WORDS.unverified in shown(drawing, unconfirmed)


@pytest.mark.parametrize("drawing", DRAWINGS)
def test_every_drawing_of_a_result_explains_it(drawing: str, profile_card: dict[str, Any]) -> None:
    text = shown(drawing, profile_card)
    assert profile_card["title"] in text and profile_card["example"] in text
    assert profile_card["lead"] in text
    for item in profile_card["archetypes"]:
        assert item["name"] in text and item["match"] in text


def test_the_result_names_the_primary_archetype_and_what_it_means(
    profile_card: dict[str, Any],
) -> None:
    primary = profile_card["archetypes"][0]
    assert primary["key"] == profile_card["primary"]
    assert profile_card["lead"] == WORDS.cards.archetype_lead.format(
        archetype=primary["name"], summary=primary["summary"][0].lower() + primary["summary"][1:])
    assert profile_card["example"].startswith(("An example: ", "An illustrative example: "))


@pytest.mark.parametrize("drawing", DRAWINGS)
def test_every_drawing_of_a_handoff_gives_the_route_and_the_summary(drawing: str) -> None:
    contact = HandoffContact("the digital learning team", "learning@example.nhs.uk", None)
    card = handoff_card(contact, "The digital learning team can help.", "Archetypes: Users.")
    assert_valid_payload(card)
    text = shown(drawing, card)
    for words in (card["title"], card["lead"], "learning@example.nhs.uk", "Archetypes: Users."):
        assert words in text


def test_the_plan_to_keep_is_shown_as_text_with_its_lead() -> None:
    card = summary_card("# My AI learning plan (Pathfinder)\n\n- a step\n", b"%PDF-1.3 test")
    assert_valid_payload(card)
    text = card_text(card)
    assert text is not None and text.index(card["lead"]) < text.index("# My AI learning plan")
    slack = slack_blocks.card_message(card)
    assert slack is not None and "*My AI learning plan (Pathfinder)*" in json.dumps(slack)
    assert teams_cards.card_attachment(card) is None  # Teams offers the file instead


def test_a_message_that_is_not_a_card_is_left_to_the_channel() -> None:
    for payload in ({"type": "something_else"}, {"type": "pathway_plan", "steps": []}, {}):
        assert all(draw(payload) is None for draw in DRAWINGS.values())


def test_rest_returns_a_card_once_with_its_text_beside_it(free_plan: dict[str, Any]) -> None:
    output = RestOutput()
    asyncio.run(output.send_custom_json("someone", free_plan))
    assert output.messages == [
        {"recipient_id": "someone", "custom": free_plan, "text": card_text(free_plan)}
    ]


# A step's reasons: the lead once, then a heading per archetype held and a bullet per need ------


@pytest.fixture(scope="module")
def two_archetype_card(store: CatalogueSnapshot) -> dict[str, Any]:
    card = plan_card(step_reasons.two_archetype_plan(store), step_reasons.NAMES)
    assert_valid_payload(card)
    step_reasons.check_covers_the_cases(card["steps"])
    return card


def _step_heading(step: dict[str, Any]) -> str:
    return f"{step['order']}. {step['title']}"


def _text_reasons(card: dict[str, Any], step: dict[str, Any]) -> step_reasons.Said:
    lines = (card_text(card) or "").split("\n")
    start = lines.index(f"**{_step_heading(step)}**") + 1
    return step_reasons.said_in(lines[start:], "- ", "*", (f"{cards.AREAS}:", "   - ", "**"))


def _slack_reasons(card: dict[str, Any], step: dict[str, Any]) -> step_reasons.Said:
    drawn = slack_blocks.card_message(card)
    assert drawn is not None
    heading = f"*{slack_blocks.escape(_step_heading(step))}*"
    texts = [b["text"]["text"] for b in drawn["blocks"] if b["type"] == "section"]
    lines = next(t for t in texts if t.split("\n")[0] == heading).split("\n")[1:]
    return step_reasons.said_in(lines, "• ", "_", (f"_{cards.AREAS}",))


def _teams_reasons(card: dict[str, Any], step: dict[str, Any]) -> step_reasons.Said:
    drawn = teams_cards.card_attachment(card)
    assert drawn is not None
    containers = [b for b in drawn["content"]["body"] if b["type"] == "Container"]
    items = next(c["items"] for c in containers if c["items"][0]["text"] == _step_heading(step))
    said: step_reasons.Said = []
    for item in items[1:]:
        text = item["text"]
        if text.startswith((f"{cards.AREAS}:", "[")):
            break
        if text.startswith("- "):
            said += [("point", point.removeprefix("- ")) for point in text.split("\n\n")]
        elif item.get("weight") == "Bolder":
            said.append(("heading", text))
        else:
            said.append(("lead", text))
    return said


REASONS_DRAWN = {"slack": _slack_reasons, "teams": _teams_reasons, "text": _text_reasons}


@pytest.mark.parametrize("drawing", REASONS_DRAWN)
def test_every_drawing_lists_a_steps_needs_under_a_heading_per_archetype(
    drawing: str, two_archetype_card: dict[str, Any]
) -> None:
    for step in two_archetype_card["steps"]:
        said = REASONS_DRAWN[drawing](two_archetype_card, step)
        assert said == step_reasons.expected(step), step["title"]
        assert [k for k, _ in said].count("lead") == (1 if step.get("lead") else 0)
    # the one paragraph is gone: no drawing shows a step's whole why
    assert all(s["why"] not in shown(drawing, two_archetype_card)
               for s in two_archetype_card["steps"] if s["needs"])


@pytest.mark.parametrize("drawing", REASONS_DRAWN)
def test_a_plan_saved_before_steps_carried_reasons_still_shows_its_why(
    drawing: str, two_archetype_card: dict[str, Any]
) -> None:
    old = json.loads(json.dumps(two_archetype_card))
    for step in old["steps"]:
        step.pop("lead", None)
        step.pop("reasons")
    for step in old["steps"]:
        assert REASONS_DRAWN[drawing](old, step) == [("lead", step["why"])]


def test_slack_escapes_the_reasons(two_archetype_card: dict[str, Any]) -> None:
    card = json.loads(json.dumps(two_archetype_card))
    card["steps"][0]["reasons"][0]["points"] = ["<!channel> & you"]
    text = json.dumps(slack_blocks.card_message(card), ensure_ascii=False)
    assert "<!channel>" not in text and "• &lt;!channel&gt; &amp; you" in text


def test_teams_lets_no_link_form_in_the_reasons(two_archetype_card: dict[str, Any]) -> None:
    card = json.loads(json.dumps(two_archetype_card))
    card["steps"][0]["reasons"][0]["points"] = ["see [this](https://example.test)"]
    text = json.dumps(teams_cards.card_attachment(card))
    assert "[this]" not in text and "- see (this)(https://example.test)" in text
