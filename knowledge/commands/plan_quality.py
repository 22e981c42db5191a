"""`plan-quality`: how well plans meet core needs, for every archetype x familiarity level.

For each profile (each archetype alone and a few common mixes) and each level, it builds the
real plan and counts the core needs met by a step at the person's level and those named as
gaps, with all options and with only free ones, and checks the level-fit and no-repeat rules.
`docs/plans.md` is this command's output.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from knowledge.catalogue.offline import memory_store
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR, ContentError
from knowledge.engines.plan import is_long, plan
from knowledge.engines.views import (
    ARCHETYPE_KEYS,
    ARCHETYPE_NAMES,
    FAMILIARITY_LEVELS,
    PLAN_RULES,
    Plan,
)

EXIT_CONTENT = 2
MIXES: tuple[tuple[str, ...], ...] = (
    ("users", "embedders"),
    ("drivers", "users"),
    ("creators", "embedders"),
    ("shapers", "drivers"),
    ("embedders", "users", "drivers"),
)
PROFILES: tuple[tuple[str, ...], ...] = tuple((a,) for a in ARCHETYPE_KEYS) + MIXES


@dataclass(frozen=True)
class Quality:
    archetypes: tuple[str, ...]
    level: str
    core: int
    met: int
    gaps: int
    met_free: int
    steps: int
    gap_areas: tuple[str, ...]  # the names of the areas named as gaps
    misfits: int  # offerings in a step that break the level-fit rules
    repeats: int  # repeated whys or offerings across steps

    @property
    def share_met(self) -> float:
        return self.met / self.core if self.core else 1.0


def measure(store: CatalogueSnapshot) -> list[Quality]:
    return [
        _quality(store, profile, level) for profile in PROFILES for level in FAMILIARITY_LEVELS
    ]


def _quality(store: CatalogueSnapshot, archetypes: tuple[str, ...], level: str) -> Quality:
    full = plan(archetypes, level, store=store)
    free = plan(archetypes, level, store=store, filters=["free"])
    core = sum(1 for n in store.needs_for(archetypes) if n.depth == "core")
    whys = [s.why for s in full.steps]
    keys = [o.key for s in full.steps for o in s.offerings]
    return Quality(
        archetypes=archetypes,
        level=level,
        core=core,
        met=_met(full),
        gaps=len(full.gaps),
        met_free=_met(free),
        steps=len(full.steps),
        gap_areas=tuple(g.area_name for g in full.gaps),
        misfits=_misfits(store, full),
        repeats=(len(whys) - len(set(whys))) + (len(keys) - len(set(keys))),
    )


def _met(result: Plan) -> int:
    return len({(n.archetype, n.area_key) for s in result.steps if not s.later for n in s.needs})


def _misfits(store: CatalogueSnapshot, result: Plan) -> int:
    fit = PLAN_RULES.fit[result.level]
    count = 0
    for step in (s for s in result.steps if not s.later):
        for item in step.offerings:
            offering = store.offering(item.key)
            long_too_soon = offering is not None and is_long(offering) and not fit.long_now
            count += item.level not in fit.levels or long_too_soon
    return count


def to_markdown(rows: list[Quality]) -> str:
    total_core = sum(r.core for r in rows)
    total_met = sum(r.met for r in rows)
    total_free = sum(r.met_free for r in rows)
    lines = [
        "# Plan quality: core needs met at the person's level",
        "",
        "Produced by `python -m knowledge plan-quality --out docs/plans.md` from the catalogue "
        "content. For each profile and familiarity level it builds the real plan and counts the "
        "archetypes' core needs (from `needs.yml`) that a step meets with an offering at a "
        "level that fits the person, and those the plan names openly as gaps. *Free* repeats "
        "the count with only free options. *Misfits* counts offerings in a step that break the "
        "level-fit rules (someone new sent beyond level 2 or to a long programme before the "
        "closing 'when you're ready' step; someone experienced sent to level 1); *repeats* "
        "counts repeated reasons or offerings across steps. Both should be 0.",
        "",
        "How a plan is built (`knowledge/engines/plan.py`): offerings that serve the person's "
        "archetypes, fit their level and pass their filters are chosen one at a time, the one "
        "meeting the most open core needs (weighted by how well its level suits the person) "
        "first, until no core need that the catalogue can meet is left open. The chosen "
        "offerings are laid out as foundation, specialist (one group per archetype), "
        "product-specific and CPD steps, a few to a step, and each step's reason names the "
        "needs it meets in the words of `needs.yml`. What is left open becomes a gap. A closing "
        "step offers longer or more advanced learning \"when you're ready\". With only free "
        "options, funded places people apply for are listed in a part of their own. The "
        "numbers live in `PLAN_RULES` (`knowledge/engines/views.py`); the words in "
        "`knowledge/catalogue/content/plan_wording.yml`.",
        "",
        "Levels that fit: "
        + "; ".join(
            f"{level} {', '.join(map(str, PLAN_RULES.fit[level].levels))}"
            for level in FAMILIARITY_LEVELS
        )
        + f". A long programme runs {PLAN_RULES.long_months:g} months or more.",
        "",
        f"Overall: {total_met} of {total_core} core needs met at level "
        f"({_percent(total_met, total_core)}), {total_core - total_met} named as gaps; "
        f"with only free options {total_free} met ({_percent(total_free, total_core)}).",
        "",
        "| Profile | Familiarity | Core needs | Met at level | Gaps | Met (free only) | Steps "
        "| Misfits | Repeats |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        profile = " + ".join(ARCHETYPE_NAMES[a] for a in r.archetypes)
        lines.append(
            f"| {profile} | {r.level} | {r.core} | {r.met} ({_percent(r.met, r.core)}) "
            f"| {r.gaps} | {r.met_free} ({_percent(r.met_free, r.core)}) | {r.steps} "
            f"| {r.misfits} | {r.repeats} |"
        )
    lines += ["", "## The gaps, for the catalogue", ""]
    lines += ["| Archetype | Familiarity | Core needs with no offering at a fitting level |",
              "|---|---|---|"]
    for r in rows:
        if len(r.archetypes) == 1:
            named = "; ".join(r.gap_areas) or "none"
            lines.append(f"| {ARCHETYPE_NAMES[r.archetypes[0]]} | {r.level} | {named} |")
    return "\n".join(lines) + "\n"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "plan-quality",
        help="share of core needs each archetype x level plan meets at level vs names as gaps",
    )
    parser.add_argument("--content", default=str(DEFAULT_CONTENT_DIR), help="content folder")
    parser.add_argument("--out", default=None, help="write the Markdown here (default: stdout)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        store = memory_store(args.content).snapshot()
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return EXIT_CONTENT
    report = to_markdown(measure(store))
    if args.out:
        Path(args.out).write_text(report, encoding="utf-8")
        print(f"Wrote {args.out}")
    else:
        sys.stdout.write(report)
    return 0
