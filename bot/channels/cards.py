"""The one reading of the structured messages the actions send (docs/payloads.md).

A card arrives once, already worded: its heading, the sentence that explains it, and every
offering's provider, delivery, level, time and cost in the bot's words. This module turns it
into plain records, tolerant of missing fields, so that every drawing of it (Slack Block Kit,
Teams Adaptive Cards, and the text that REST and the terminal show) lays out the same words
and none keeps word lists of its own. Only layout labels live here, once for all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from knowledge.engines.views import StepReason
from knowledge.engines.wording import step_reasons, upper_first

T = TypeVar("T")

RESTART_BUTTON = {"title": "Start over", "payload": "/restart"}
PRIMARY = "Primary"
ALSO = "Also"
AREAS = "Capability areas"
SUMMARY_TO_PASS_ON = "Summary to pass on"
EMAIL = "Email"
CONTACT_PAGE = "Contact page"


@dataclass(frozen=True)
class ArchetypeEntry:
    name: str
    role: str  # PRIMARY for the first, ALSO for the others
    match: str  # e.g. "95% match", or "" when not given
    summary: str
    evidence: list[str]


@dataclass(frozen=True)
class ArchetypeCard:
    title: str
    lead: str
    entries: list[ArchetypeEntry]
    example: str


@dataclass(frozen=True)
class Offering:
    title: str
    link: str  # the counted redirect when offered, else the provider's page
    url: str  # the provider's own page, for text
    facts: list[str]


@dataclass(frozen=True)
class Step:
    heading: str
    lead: str  # what the step's tier is for, or "" (a step that continues its tier)
    reasons: list[StepReason]  # the needs it meets: a heading per archetype, a point a need
    areas: list[str]
    offerings: list[Offering]


@dataclass(frozen=True)
class PlanPart:
    """A part of a plan that is not a step: the needs not yet covered, or funded places."""

    heading: str
    note: str
    lines: list[str]
    offerings: list[Offering]


@dataclass(frozen=True)
class PlanCard:
    title: str
    intro: str
    steps: list[Step]
    parts: list[PlanPart]


@dataclass(frozen=True)
class HandoffCard:
    title: str
    lead: str
    email: str
    url: str
    summary: str


@dataclass(frozen=True)
class SummaryCard:
    title: str
    lead: str
    content: str  # the plan as Markdown


Card = ArchetypeCard | PlanCard | HandoffCard | SummaryCard


def read(payload: dict[str, Any]) -> Card | None:
    """The card a structured message carries, or None when it has nothing to show."""
    readers = {
        "archetype_result": archetype_card,
        "pathway_plan": plan_card,
        "handoff": handoff_card,
        "plan_summary": summary_card,
    }
    reader = readers.get(str(payload.get("type")))
    return reader(payload) if reader else None


def drawn(payload: dict[str, Any], drawings: Mapping[type, Callable[[Any], T]]) -> T | None:
    """The message's card drawn by the channel's drawing for that kind of card, or None when
    it is not a card, has nothing to show, or the channel draws that kind another way."""
    card = read(payload)
    draw = drawings.get(type(card))
    return draw(card) if draw else None


def archetype_card(payload: dict[str, Any]) -> ArchetypeCard | None:
    """Archetypes best first, each with its match and its reasons; None with none."""
    entries = []
    for item in _dicts(payload.get("archetypes")):
        name = _text(item.get("name") or item.get("key"))
        if not name:
            continue
        evidence = [upper_first(_text(e)) for e in item.get("evidence") or [] if _text(e)]
        entries.append(ArchetypeEntry(name, ALSO if entries else PRIMARY, _text(item.get("match")),
                                      _text(item.get("summary")), evidence))
    if not entries:
        return None
    return ArchetypeCard(_text(payload.get("title")), _text(payload.get("lead")), entries,
                         _text(payload.get("example")))


def plan_card(payload: dict[str, Any]) -> PlanCard | None:
    """The steps in order, then the parts that are not steps; None with no steps."""
    steps = []
    for number, step in enumerate(_dicts(payload.get("steps")), start=1):
        lead, reasons = step_reasons(step)
        steps.append(Step(
            heading=f"{step.get('order') or number}. {_text(step.get('title'))}".strip(),
            lead=lead,
            reasons=reasons,
            areas=[_text(a) for a in step.get("capability_areas") or [] if _text(a)],
            offerings=_offerings(step.get("offerings")),
        ))
    if not steps:
        return None
    parts = []
    gaps = [_text(g.get("text")) for g in _dicts(payload.get("gaps")) if _text(g.get("text"))]
    if gaps:
        parts.append(PlanPart(_text(payload.get("gaps_heading")), "", gaps, []))
    funded = _offerings(payload.get("funded_places"))
    if funded:
        parts.append(PlanPart(_text(payload.get("funded_heading")),
                              _text(payload.get("funded_note")), [], funded))
    return PlanCard(_text(payload.get("title")), _text(payload.get("intro")), steps, parts)


def handoff_card(payload: dict[str, Any]) -> HandoffCard:
    return HandoffCard(
        title=_text(payload.get("title")),
        lead=_text(payload.get("lead")),
        email=_text(payload.get("email")),
        url=_text(payload.get("url")),
        summary=_text(payload.get("summary")),
    )


def summary_card(payload: dict[str, Any]) -> SummaryCard:
    return SummaryCard(_text(payload.get("title")), _text(payload.get("lead")),
                       _text(payload.get("content")))


def _offerings(items: object) -> list[Offering]:
    return [
        Offering(
            title=_text(o.get("title")) or _text(o.get("url")),
            link=_text(o.get("tracked_url") or o.get("url")),
            url=_text(o.get("url")),
            facts=[_text(f) for f in o.get("facts") or [] if _text(f)],
        )
        for o in _dicts(items)
        if o.get("url")
    ]


def _dicts(items: object) -> list[dict[str, Any]]:
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
