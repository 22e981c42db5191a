"""Plain-text (light Markdown) renderings of results and plans.

Every channel gets this text alongside the structured payload, so a channel that cannot draw
cards (the terminal, a plain client) still shows everything that matters, links included.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from knowledge.snapshot import CatalogueSnapshot
from knowledge.views import ArchetypeProfile, Offering, PlanOffering
from knowledge.wording import (
    FAMILIARITY_WORDS,
    WORDS,
    gap_line,
    lower_first,
    offering_facts,
    only_options,
    upper_first,
)


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def profile_text(profile: ArchetypeProfile, store: CatalogueSnapshot) -> str:
    primary = store.archetype(profile.archetypes[0])
    assert primary is not None
    lines = [
        f"It sounds as if you're mainly one of the **{primary.name}**: "
        f"{lower_first(primary.summary)}"
    ]
    if not profile.confident:
        lines[0] = (
            f"My best guess is that you're one of the **{primary.name}**: "
            f"{lower_first(primary.summary)}"
        )
    reasons = _reasons(profile, primary.key)
    if reasons:
        lines.append("Why I think so:")
        lines += [f"- {r}" for r in reasons]
    for key in profile.archetypes[1:]:
        other = store.archetype(key)
        assert other is not None
        extra = _reasons(profile, key)
        because = f" ({extra[0]})" if extra else ""
        lines.append(f"You also look like one of the **{other.name}**{because}.")
    persona = primary.persona_for(profile.staff_group)
    example = "An example" if persona.verified else "An illustrative example"
    lines.append(f"{example}: *{persona.title}*, who {lower_first(persona.ai_work)}")
    return "\n".join(lines)


def _reasons(profile: ArchetypeProfile, key: str, limit: int = 3) -> list[str]:
    reasons = [upper_first(r) for r in profile.reasons(key)]
    return reasons[:limit]


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


def plan_text(plan: dict[str, Any], names: Sequence[str]) -> str:
    """The plan payload as numbered steps with their offerings and links, then what is open."""
    filters = plan.get("filters") or []
    only = f" ({only_options(filters)})" if filters else ""
    lines = [
        WORDS.messages.plan_intro.format(
            archetypes=join_names(names),
            familiarity=FAMILIARITY_WORDS.get(plan["level"], plan["level"]),
            only=only,
        )
    ]
    for step in plan["steps"]:
        lines.append(f"**{step['order']}. {step['title']}**: {step['why']}")
        lines += [f"   - {offering_line(o)}" for o in step["offerings"]]
    return "\n".join(lines + _open_parts(plan, bullet="- "))


def _open_parts(plan: dict[str, Any], bullet: str, heading: str = "**{}**") -> list[str]:
    """The needs nothing meets yet and, with only free options, the funded places apart."""
    lines: list[str] = []
    filters = plan.get("filters") or []
    if plan.get("gaps"):
        lines.append(heading.format(WORDS.gaps_heading))
        lines += [f"{bullet}{gap_line(g, filters)}" for g in plan["gaps"]]
    if plan.get("funded_places"):
        lines += [heading.format(WORDS.funded_heading), WORDS.funded_note]
        lines += [f"{bullet}{offering_line(o)}" for o in plan["funded_places"]]
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
            lines += [f"### {step['order']}. {step['title']}", "", step["why"], ""]
            if step.get("capability_areas"):
                lines += [f"Capability areas: {', '.join(step['capability_areas'])}.", ""]
            lines += [f"- {offering_line(o)}" for o in step["offerings"]]
            lines.append("")
    if plan:
        open_parts = _open_parts(plan, bullet="- ", heading="## {}")
        lines += [line for part in open_parts for line in (part, "")]
    lines.append(
        "Archetypes and pathways follow the NHS AI Lab and Health Education England research "
        "on healthcare workers' confidence in AI (2022)."
    )
    return "\n".join(lines).strip() + "\n"
