"""The words for plans (levels, costs, delivery, step titles, gaps) and helpers for splicing
catalogue text into the bot's sentences.

The words themselves live in `content/plan_wording.yml` so they are reviewed like the
catalogue; this module checks that file once, at import, so a missing or misspelt entry fails
loudly instead of showing a raw key to a member of staff.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Extra, validator

from knowledge.catalogue.schema import COSTS, DELIVERIES
from knowledge.engines.views import ARCHETYPE_NAMES, FAMILIARITY_LEVELS, LEVEL_BANDS, StepReason

WORDING_FILE = Path(__file__).resolve().parents[1] / "catalogue" / "content" / "plan_wording.yml"


class _Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        allow_mutation = False


class StepTitles(_Strict):
    foundation: str
    foundation_experienced: str
    specialist: str
    product: str
    cpd: str
    later: str
    further: str


class StepLeads(_Strict):
    foundation: str
    specialist: str
    product: str
    cpd: str
    later: str
    further: str


class CardWords(_Strict):
    """The headings and opening sentences of the cards, the same on every channel."""

    archetype_title: str
    archetype_title_guess: str
    archetype_lead: str
    archetype_lead_guess: str
    archetype_lead_by_work: str
    match: str
    example: str
    example_illustrative: str
    plan_title: str
    summary_title: str
    handoff_title: str
    plan_intro: str
    summary_lead: str
    handoff_lead: str
    handoff_routes: str
    handoff_no_routes: str


def _exactly(keys: tuple[str, ...]):  # noqa: ANN202
    def check(value: dict[str, str]) -> dict[str, str]:
        if set(value) != set(keys):
            raise ValueError(f"needs exactly the keys {', '.join(keys)}")
        return value

    return check


class PlanWording(_Strict):
    familiarity: dict[str, str]
    cost: dict[str, str]
    delivery: dict[str, str]
    level: str
    level_bands: dict[str, str]
    unverified: str
    titles: StepTitles
    continued: str
    leads: StepLeads
    need_heading: str
    need_holder: str
    gaps_heading: str
    gap: str
    gap_filtered: str
    gap_reason: str
    funded_heading: str
    funded_note: str
    only_options: str
    familiarity_buttons: dict[str, str]
    cards: CardWords

    _familiarity = validator("familiarity", allow_reuse=True)(_exactly(FAMILIARITY_LEVELS))
    _buttons = validator("familiarity_buttons", allow_reuse=True)(_exactly(FAMILIARITY_LEVELS))
    _cost = validator("cost", allow_reuse=True)(_exactly(COSTS))
    _delivery = validator("delivery", allow_reuse=True)(_exactly(DELIVERIES))
    _level_bands = validator("level_bands", allow_reuse=True)(_exactly(tuple(LEVEL_BANDS)))

    def lead(self, tier: str) -> str:
        return getattr(self.leads, tier)

    def level_words(self, level: object) -> str:
        return self.level.format(level=level)


WORDS = PlanWording.parse_obj(yaml.safe_load(WORDING_FILE.read_text(encoding="utf-8")))
FAMILIARITY_WORDS = WORDS.familiarity
COST_WORDS = WORDS.cost
DELIVERY_WORDS = WORDS.delivery
LEVEL_BAND_WORDS = WORDS.level_bands


def offering_facts(item: Mapping[str, Any]) -> list[str]:
    """Provider, delivery, level, time and cost of an offering payload, in the bot's words."""
    level, delivery, cost = item.get("level"), item.get("delivery"), item.get("cost")
    facts = [
        item.get("provider"),
        DELIVERY_WORDS.get(delivery, delivery) if delivery else None,
        WORDS.level_words(level) if level not in (None, "") else None,
        item.get("duration"),
        COST_WORDS.get(cost, cost) if cost else None,
        WORDS.unverified if item.get("verified") is False else None,
    ]
    return [str(f) for f in facts if f]


def options_words(filters: Sequence[str], joiner: str = " and ") -> str:
    return joiner.join(str(f) for f in filters)


def only_options(filters: Sequence[str]) -> str:
    """'only free and online options', or '' with no filters."""
    return WORDS.only_options.format(options=options_words(filters)) if filters else ""


def gap_line(gap: Mapping[str, Any], filters: Sequence[str]) -> str:
    """The open statement that nothing in the catalogue meets a need, and why it matters."""
    area = lower_first(str(gap.get("area") or gap.get("area_key") or ""))
    if gap.get("filtered") and filters:
        said = WORDS.gap_filtered.format(options=options_words(filters, " "), area=area)
    else:
        said = WORDS.gap.format(area=area)
    reason = str(gap.get("why") or "")
    if not reason:
        return said
    key = str(gap.get("archetype") or "")
    holder = ARCHETYPE_NAMES.get(key, key)
    return f"{said} " + WORDS.gap_reason.format(archetype=holder, reason=sentence_tail(reason))


def step_reasons(step: Mapping[str, Any]) -> tuple[str, list[StepReason]]:
    """A plan step's lead and its needs under each archetype's heading, read from its payload
    for every drawing of the plan (each lays them out; none groups or words them itself).

    A step saved before steps carried their reasons apart keeps its whole `why` as the lead.
    """
    items = step.get("reasons")
    if not isinstance(items, list):
        return str(step.get("lead") or step.get("why") or "").strip(), []
    reasons = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        points = tuple(str(p).strip() for p in item.get("points") or [] if str(p).strip())
        heading = str(item.get("heading") or "").strip()
        if heading and points:
            reasons.append(StepReason(str(item.get("archetype") or ""), heading, points))
    return str(step.get("lead") or "").strip(), reasons


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def lower_first(text: str) -> str:
    """`text` to follow a colon or 'who': first letter lowered unless it starts an acronym."""
    text = text.strip()
    if text and not _is_acronym(text.split(" ", 1)[0]):
        text = text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence_tail(text: str) -> str:
    """`text` lowered at the start and closed with a full stop."""
    text = lower_first(text)
    return text if text.endswith((".", "!", "?")) else text + "."

