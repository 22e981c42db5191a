"""Channel-neutral reading of the structured messages the actions send.

Slack and Teams draw the same cards in different formats; this module turns the payloads into
plain records once, so both renderers agree on wording and tolerate missing fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from knowledge.wording import FAMILIARITY_WORDS, WORDS, gap_line, offering_facts, only_options

RESTART_BUTTON = {"title": "Start over", "payload": "/restart"}


@dataclass(frozen=True)
class ArchetypeEntry:
    name: str
    percent: int | None
    evidence: list[str]


@dataclass(frozen=True)
class Offering:
    title: str
    url: str
    facts: list[str]


@dataclass(frozen=True)
class PlanPart:
    """A part of a plan that is not a step: the needs not yet covered, or funded places."""

    heading: str
    note: str
    lines: list[str]
    offerings: list[Offering]


@dataclass(frozen=True)
class Step:
    heading: str
    why: str
    areas: list[str]
    offerings: list[Offering]


def archetype_entries(payload: dict[str, Any]) -> list[ArchetypeEntry]:
    """Archetypes best first, each with a match percentage and its reasons."""
    entries = []
    for item in payload.get("archetypes") or []:
        if not isinstance(item, dict):
            continue
        name = str(item.get("name") or item.get("key") or "").strip()
        if not name:
            continue
        score = item.get("score")
        percent = round(float(score) * 100) if isinstance(score, (int, float)) else None
        evidence = [_upper_first(str(e)) for e in item.get("evidence") or [] if str(e).strip()]
        entries.append(ArchetypeEntry(name, percent, evidence))
    return entries


def archetype_heading(payload: dict[str, Any]) -> str:
    return "Your AI workforce archetype" if payload.get("confident") else (
        "Your likely AI workforce archetype"
    )


def plan_intro(payload: dict[str, Any]) -> str:
    """One line saying whom the plan is for and at what level."""
    names = [str(a).replace("_", " ").capitalize() for a in payload.get("archetypes") or []]
    level = payload.get("level")
    parts = []
    if names:
        parts.append("For " + ", ".join(names))
    if level:
        parts.append(FAMILIARITY_WORDS.get(level, str(level)))
    filters = [str(f) for f in payload.get("filters") or []]
    if filters:
        parts.append(only_options(filters))
    return " · ".join(parts)


def plan_steps(payload: dict[str, Any]) -> list[Step]:
    steps = []
    for number, step in enumerate(payload.get("steps") or [], start=1):
        if not isinstance(step, dict):
            continue
        order = step.get("order") or number
        offerings = [
            _offering(o)
            for o in step.get("offerings") or []
            if isinstance(o, dict) and o.get("url")
        ]
        steps.append(
            Step(
                heading=f"{order}. {step.get('title') or 'Step'}",
                why=str(step.get("why") or ""),
                areas=[str(a) for a in step.get("capability_areas") or []],
                offerings=offerings,
            )
        )
    return steps


def plan_parts(payload: dict[str, Any]) -> list[PlanPart]:
    """The gaps, then (with only free options) the funded places, each under its heading."""
    filters = [str(f) for f in payload.get("filters") or []]
    parts = []
    gaps = [g for g in payload.get("gaps") or [] if isinstance(g, dict)]
    if gaps:
        parts.append(PlanPart(WORDS.gaps_heading, "", [gap_line(g, filters) for g in gaps], []))
    funded = [
        _offering(o) for o in payload.get("funded_places") or []
        if isinstance(o, dict) and o.get("url")
    ]
    if funded:
        parts.append(PlanPart(WORDS.funded_heading, WORDS.funded_note, [], funded))
    return parts


def _offering(item: dict[str, Any]) -> Offering:
    return Offering(
        title=str(item.get("title") or item.get("url")),
        url=str(item.get("tracked_url") or item["url"]),  # counted redirect when offered
        facts=offering_facts(item),
    )


def _upper_first(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]
