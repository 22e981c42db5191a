"""What every drawing of a plan step should say for its reasons, worked out from the step's
`needs` (not from the `reasons` the drawings read), to compare each drawing against.

A step reads: its lead once (when it has one), then for each archetype held whose needs it
meets a heading in the wording file's words, and under it one point a need, in the need's own
words, in the order of the step's needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.advisor import plan
from knowledge.engines.views import ARCHETYPE_NAMES
from knowledge.engines.wording import WORDS

# An Embedder who is also a User: steps that meet needs of both (under two headings), steps
# with a lead and "part 2" steps without one, and a closing step with a lead and no needs.
ARCHETYPES = ("embedders", "users")
NAMES = [ARCHETYPE_NAMES[a] for a in ARCHETYPES]
LEVEL = "some"

Said = list[tuple[str, str]]  # ("lead" | "heading" | "point", words), in reading order


def two_archetype_plan(store: CatalogueSnapshot) -> dict[str, Any]:
    """The engine's plan payload for an Embedder who is also a User."""
    return plan(store, ARCHETYPES, LEVEL).to_payload()


def expected(step: dict[str, Any]) -> Said:
    said: Said = [("lead", step["lead"])] if step.get("lead") else []
    holder = None
    for need in step.get("needs") or []:
        if need["archetype"] != holder:
            holder = need["archetype"]
            said.append(("heading", WORDS.need_heading.format(archetype=ARCHETYPE_NAMES[holder])))
        said.append(("point", need["why"]))
    return said


def check_covers_the_cases(steps: list[dict[str, Any]]) -> None:
    """The plan the tests draw has each kind of step they are about."""
    kinds = [[kind for kind, _ in expected(s)] for s in steps]
    assert any(k[:1] == ["lead"] and k.count("heading") == 2 for k in kinds)
    assert any(k[:1] == ["heading"] for k in kinds), "no step without a lead"
    assert any(k == ["lead"] for k in kinds), "no step with a lead alone"


def said_in(lines: Iterable[str], bullet: str, mark: str, stop: tuple[str, ...]) -> Said:
    """A drawing's lines after a step's heading, up to the first starting with one of `stop`,
    read as points (after `bullet`), headings (wrapped in `mark`) and otherwise the lead."""
    said: Said = []
    for line in lines:
        if line.startswith(stop):
            break
        if line.startswith(bullet):
            said.append(("point", line[len(bullet):]))
        elif len(line) > 2 * len(mark) and line.startswith(mark) and line.endswith(mark):
            said.append(("heading", line[len(mark):-len(mark)]))
        else:
            said.append(("lead", line))
    return said
