"""The cards the actions send, worded once, and the plain-text renderings of plans.

A result goes to the channels once, as a structured message (docs/payloads.md) that carries
its own words: headings, the sentence that explains it, and each offering's level, cost and
delivery as `knowledge.engines.wording` says them. Every channel draws that one message, natively or
as text (bot/channels/card_text.py), so no channel keeps word lists of its own. The Markdown
here is for what is text by nature: an offering in a sentence, and the summary document.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Sequence
from datetime import date
from typing import Any

from actions.common.settings import HandoffContact
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.documents.plan_pdf import FILENAME as PDF_FILENAME
from knowledge.engines.views import ArchetypeProfile, Offering, PlanOffering
from knowledge.engines.wording import (
    FAMILIARITY_WORDS,
    WORDS,
    gap_line,
    lower_first,
    offering_facts,
    only_options,
    step_reasons,
)

CARD = WORDS.cards
SUMMARY_FILENAME = "pathfinder-plan.md"


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def offering_line(o: PlanOffering | Offering | dict[str, Any]) -> str:
    """One offering as a Markdown link and its facts; catalogue offerings and plan ones alike."""
    if isinstance(o, dict):
        item = o
    elif isinstance(o, PlanOffering):
        item = o.to_payload()
    else:
        item = {k: getattr(o, k) for k in
                ("title", "url", "provider", "delivery", "level", "duration", "cost", "verified")}
    return f"[{item.get('title')}]({item.get('url')}): " + " · ".join(offering_facts(item))


def archetype_card(profile: ArchetypeProfile, store: CatalogueSnapshot) -> dict[str, Any]:
    """The `archetype_result` message: the result, the words that explain it and an example."""
    payload = profile.to_payload()
    primary = store.archetype(profile.archetypes[0])
    assert primary is not None
    for item in payload["archetypes"]:
        held = store.archetype(item["key"])
        assert held is not None
        item["summary"] = held.summary
        item["match"] = CARD.match.format(percent=round(item["score"] * 100))
    lead = (CARD.archetype_lead_by_work if profile.by_work
            else CARD.archetype_lead if profile.confident else CARD.archetype_lead_guess)
    persona = primary.persona_for(profile.staff_group)
    example = CARD.example if persona.verified else CARD.example_illustrative
    payload.update(
        title=CARD.archetype_title if profile.confident else CARD.archetype_title_guess,
        lead=lead.format(archetype=primary.name, summary=lower_first(primary.summary)),
        example=example.format(title=persona.title, work=lower_first(persona.ai_work)),
    )
    return payload


def plan_card(plan: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """The `pathway_plan` message: the plan with its heading, intro and every fact in words."""
    card = copy.deepcopy(plan)
    filters = card.get("filters") or []
    only = f" ({only_options(filters)})" if filters else ""
    card["title"] = CARD.plan_title
    card["intro"] = CARD.plan_intro.format(
        archetypes=join_names(names),
        familiarity=FAMILIARITY_WORDS.get(card["level"], card["level"]),
        only=only,
    )
    offerings = [o for step in card["steps"] for o in step["offerings"]]
    for offering in offerings + list(card.get("funded_places") or []):
        offering["facts"] = offering_facts(offering)
    for gap in card.get("gaps") or []:
        gap["text"] = gap_line(gap, filters)
    if card.get("gaps"):
        card["gaps_heading"] = WORDS.gaps_heading
    if card.get("funded_places"):
        card["funded_heading"], card["funded_note"] = WORDS.funded_heading, WORDS.funded_note
    return card


def summary_card(markdown: str, pdf: bytes) -> dict[str, Any]:
    """The `plan_summary` message: the plan to keep, as Markdown and as a PDF."""
    return {
        "type": "plan_summary",
        "title": CARD.summary_title,
        "lead": CARD.summary_lead,
        "format": "markdown",
        "filename": SUMMARY_FILENAME,
        "content": markdown,
        "pdf": {
            "filename": PDF_FILENAME,
            "media_type": "application/pdf",
            "base64": base64.b64encode(pdf).decode("ascii"),
        },
    }


def handoff_card(contact: HandoffContact, lead: str, summary: str) -> dict[str, Any]:
    """The `handoff` message: who can help, how to reach them and what to pass on."""
    return {
        "type": "handoff",
        "title": CARD.handoff_title,
        "lead": lead,
        "team": contact.team,
        "email": contact.email,
        "url": contact.url,
        "summary": summary,
    }


def _open_parts(plan: dict[str, Any]) -> list[str]:
    """The needs nothing meets yet and, with only free options, the funded places apart."""
    lines: list[str] = []
    filters = plan.get("filters") or []
    if plan.get("gaps"):
        lines.append(f"## {WORDS.gaps_heading}")
        lines += [f"- {gap_line(g, filters)}" for g in plan["gaps"]]
    if plan.get("funded_places"):
        lines += [f"## {WORDS.funded_heading}", WORDS.funded_note]
        lines += [f"- {offering_line(o)}" for o in plan["funded_places"]]
    return lines


def _reason_lines(step: dict[str, Any]) -> list[str]:
    """A step's lead, then each archetype's heading and its needs as bullets, blank-separated."""
    lead, reasons = step_reasons(step)
    lines = [lead, ""] if lead else []
    for reason in reasons:
        lines += [f"**{reason.heading}**", ""] + [f"- {point}" for point in reason.points] + [""]
    return lines


def summary_markdown(
    profile: dict[str, Any] | None, plan: dict[str, Any] | None, familiarity: str | None
) -> str:
    """A portable record of the profile and plan, e.g. for an appraisal conversation."""
    lines = ["# My AI learning plan (Pathfinder)", "", f"Created {date.today().isoformat()}.", ""]
    if profile and profile.get("archetypes"):
        lines += ["## My AI workforce archetypes", ""]
        for item in profile["archetypes"]:
            lines.append(f"- **{item['name']}** (match {round(item['score'] * 100)}%)")
            lines += [f"  - {e}" for e in item.get("evidence", [])]
        lines.append("")
    if familiarity:
        lines += [f"Familiarity with AI: {FAMILIARITY_WORDS.get(familiarity, familiarity)}.", ""]
    if plan and plan.get("steps"):
        lines += ["## Pathway", ""]
        for step in plan["steps"]:
            lines += [f"### {step['order']}. {step['title']}", ""] + _reason_lines(step)
            if step.get("capability_areas"):
                lines += [f"Capability areas: {', '.join(step['capability_areas'])}.", ""]
            lines += [f"- {offering_line(o)}" for o in step["offerings"]]
            lines.append("")
    if plan:
        lines += [line for part in _open_parts(plan) for line in (part, "")]
    lines.append(
        "Archetypes and pathways follow the NHS AI Lab and Health Education England research "
        "on healthcare workers' confidence in AI (2022)."
    )
    return "\n".join(lines).strip() + "\n"
