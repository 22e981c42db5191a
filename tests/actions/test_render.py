"""The plan as Markdown to keep (`summary_markdown`): each step's lead, then the needs it meets
as bullets under a heading per archetype held, as every other drawing of the plan shows them."""

from __future__ import annotations

from typing import Any

from actions.common.render import summary_markdown
from knowledge.catalogue.snapshot import CatalogueSnapshot
from tests.support import step_reasons


def step_said(markdown: str, step: dict[str, Any]) -> step_reasons.Said:
    """What the Markdown says under a step's heading before its capability areas."""
    lines = markdown.split("\n")
    start = lines.index(f"### {step['order']}. {step['title']}") + 1
    return step_reasons.said_in(filter(None, lines[start:]), "- ", "**",
                                ("Capability areas:", "- [", "#"))


def test_each_step_lists_its_needs_under_a_heading_per_archetype(
    store: CatalogueSnapshot,
) -> None:
    plan = step_reasons.two_archetype_plan(store)
    step_reasons.check_covers_the_cases(plan["steps"])
    markdown = summary_markdown(None, plan, step_reasons.LEVEL)
    for step in plan["steps"]:
        assert step_said(markdown, step) == step_reasons.expected(step), step["title"]
        if step["needs"]:
            assert step["why"] not in markdown


def test_a_plan_saved_before_steps_carried_reasons_keeps_its_why(
    store: CatalogueSnapshot,
) -> None:
    plan = step_reasons.two_archetype_plan(store)
    for step in plan["steps"]:
        step.pop("lead", None)
        step.pop("reasons")
    markdown = summary_markdown(None, plan, step_reasons.LEVEL)
    for step in plan["steps"]:
        assert step_said(markdown, step) == [("lead", step["why"])]
