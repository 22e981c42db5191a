"""Build a learning pathway from an archetype profile: a pure function over the store.

The order follows Report 2's layers: foundational AI learning for everyone, specialist learning
by archetype, product-specific training, then CPD, fellowships and leadership programmes. A
profile with several archetypes merges their needs, so no step or offering appears twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from knowledge.store import KnowledgeStore
from knowledge.views import (
    ARCHETYPE_NAMES,
    FAMILIARITY_LEVELS,
    ArchetypeProfile,
    Need,
    Offering,
    Plan,
    PlanOffering,
    PlanStep,
)
from knowledge.wording import sentence_tail

MAX_OFFERINGS = 3
MAX_AREAS = 5  # the areas a step names: the most needed first
# The Capability Framework level each tier should aim at, by how familiar the person is with AI.
TARGET_LEVEL = {
    "foundation": {"new": 1, "some": 1, "experienced": 2},
    "specialist": {"new": 2, "some": 2, "experienced": 3},
    "product": {"new": 1, "some": 2, "experienced": 2},
    "cpd": {"new": 2, "some": 3, "experienced": 4},
}
DEPTH_WEIGHT = {"core": 3.0, "recommended": 1.0, "awareness": 0.0}
FILTERS = ("free", "online")
PRODUCT_ARCHETYPES = ("users", "embedders")


class PlanError(ValueError):
    """The request cannot make a plan (unknown level, filter or archetype)."""


@dataclass(frozen=True)
class _Request:
    archetypes: tuple[str, ...]
    level: str
    focus: str | None
    filters: tuple[str, ...]
    needs: dict[tuple[str, str], Need]


def plan(
    profile: ArchetypeProfile | Sequence[str],
    level: str,
    focus: str | None = None,
    *,
    store: KnowledgeStore,
    filters: Iterable[str] = (),
) -> Plan:
    """Ordered steps for the person's archetypes at their familiarity `level`.

    `focus` (a capability area key) puts offerings covering that area first; `filters`
    ("free", "online") keep only offerings that are free or funded, or delivered online.
    """
    request = _validate(profile, level, focus, tuple(filters), store)
    if not request.archetypes:
        return Plan(archetypes=(), level=level, steps=(), filters=request.filters)
    used_offerings: set[str] = set()
    covered_areas: set[str] = set()
    steps: list[PlanStep] = []
    for tier, archetype in _step_order(request.archetypes):
        step = _build_step(store, request, tier, archetype, used_offerings, covered_areas)
        if step is None:
            continue
        steps.append(replace(step, order=len(steps) + 1))
        used_offerings.update(o.key for o in step.offerings)
        covered_areas.update(step.area_keys)
    return Plan(
        archetypes=request.archetypes, level=level, steps=tuple(steps), filters=request.filters
    )


def _validate(
    profile: ArchetypeProfile | Sequence[str],
    level: str,
    focus: str | None,
    filters: tuple[str, ...],
    store: KnowledgeStore,
) -> _Request:
    archetypes = tuple(
        profile.archetypes if isinstance(profile, ArchetypeProfile) else dict.fromkeys(profile)
    )
    unknown = [a for a in archetypes if a not in ARCHETYPE_NAMES]
    if unknown:
        raise PlanError(f"unknown archetype(s): {', '.join(map(str, unknown))}")
    if level not in FAMILIARITY_LEVELS:
        raise PlanError(f"unknown level {level!r}; expected one of {', '.join(FAMILIARITY_LEVELS)}")
    bad = [f for f in filters if f not in FILTERS]
    if bad:
        raise PlanError(f"unknown filter(s): {', '.join(map(str, bad))}")
    if focus is not None and store.area(focus) is None:
        raise PlanError(f"unknown capability area {focus!r}")
    needs = {(n.archetype, n.area): n for n in store.needs_for(archetypes)}
    return _Request(archetypes, level, focus, tuple(dict.fromkeys(filters)), needs)


def _step_order(archetypes: tuple[str, ...]) -> list[tuple[str, str | None]]:
    order: list[tuple[str, str | None]] = [("foundation", None)]
    order += [("specialist", a) for a in archetypes]
    if any(a in PRODUCT_ARCHETYPES for a in archetypes):
        order.append(("product", None))
    order.append(("cpd", None))
    return order


def _build_step(
    store: KnowledgeStore,
    request: _Request,
    tier: str,
    archetype: str | None,
    used: set[str],
    covered: set[str],
) -> PlanStep | None:
    serves = (archetype,) if archetype else request.archetypes
    candidates = [
        o
        for o in store.offerings_for(tier=tier, archetypes=serves)
        if o.key not in used and _passes(o, request.filters)
    ]
    if request.focus and any(request.focus in o.areas for o in candidates):
        candidates = [o for o in candidates if request.focus in o.areas]
    if not candidates:
        return None
    target = TARGET_LEVEL[tier][request.level]
    ranked = sorted(
        candidates,
        key=lambda o: (-_offering_score(o, request, serves, target, covered), o.title),
    )
    chosen = ranked[:MAX_OFFERINGS]
    area_keys = _step_areas(chosen, request, serves, covered, tier)
    return PlanStep(
        order=0,
        tier=tier,
        title=_title(tier, archetype, request.level),
        capability_areas=tuple(_area_name(store, k) for k in area_keys),
        area_keys=area_keys,
        why=_why(tier, archetype, area_keys, request),
        offerings=tuple(_plan_offering(o) for o in chosen),
    )


def _passes(offering: Offering, filters: tuple[str, ...]) -> bool:
    if "free" in filters and offering.cost not in ("free", "funded"):
        return False
    return not ("online" in filters and offering.delivery != "online")


def _need_weight(request: _Request, archetypes: Iterable[str], area: str) -> float:
    return max(
        (DEPTH_WEIGHT[n.depth] for a in archetypes if (n := request.needs.get((a, area)))),
        default=0.0,
    )


def _offering_score(
    offering: Offering,
    request: _Request,
    serves: Sequence[str],
    target: int,
    covered: set[str],
) -> float:
    new_areas = [a for a in offering.areas if a not in covered]
    need = sum(_need_weight(request, serves, a) for a in new_areas)
    fit = sum(1 for a in serves if a in offering.archetypes)
    focus = 5.0 if request.focus and request.focus in offering.areas else 0.0
    return need + 2.0 * fit - 2.0 * abs(offering.level - target) + focus + 0.5 * offering.verified


def _step_areas(
    chosen: Sequence[Offering],
    request: _Request,
    serves: Sequence[str],
    covered: set[str],
    tier: str,
) -> tuple[str, ...]:
    """The needed areas this step's offerings cover, most needed first."""
    areas = dict.fromkeys(a for o in chosen for a in o.areas)
    needed = [a for a in areas if _need_weight(request, serves, a) > 0]
    if tier == "specialist":
        fresh = [a for a in needed if a not in covered]
        needed = fresh or needed
    ranked = sorted(needed, key=lambda a: -_need_weight(request, serves, a))
    return tuple(ranked[:MAX_AREAS])


def _title(tier: str, archetype: str | None, level: str) -> str:
    if tier == "foundation":
        return "Refresh the foundations" if level == "experienced" else "Build your AI foundations"
    if tier == "specialist":
        return f"Specialist learning for {ARCHETYPE_NAMES[archetype or '']}"
    if tier == "product":
        return "Train on each AI product you use"
    return "Keep growing: CPD, fellowships and leadership"


def _why(tier: str, archetype: str | None, areas: Sequence[str], request: _Request) -> str:
    owners = (archetype,) if archetype else request.archetypes
    reason = next(
        (
            (a, request.needs[(a, area)])
            for area in areas
            for a in owners
            if (a, area) in request.needs and request.needs[(a, area)].depth == "core"
        ),
        None,
    )
    if tier == "foundation":
        lead = "Everyone who works with AI needs a shared grounding first."
    elif tier == "product":
        lead = (
            "Every AI product behaves differently, so train on each one you use, ideally with "
            "the supplier and your local implementation team."
        )
    elif tier == "cpd":
        lead = (
            "Once the basics are in place, longer programmes deepen your skills and keep them "
            "current."
        )
    else:
        lead = ""
    if reason is None:
        return lead or "This covers areas your role needs."
    holder, need = reason
    because = f"As one of the {ARCHETYPE_NAMES[holder]}: {sentence_tail(need.why)}"
    return f"{lead} {because}".strip()


def _area_name(store: KnowledgeStore, key: str) -> str:
    area = store.area(key)
    return area.name if area else key


def _plan_offering(o: Offering) -> PlanOffering:
    return PlanOffering(
        key=o.key, title=o.title, provider=o.provider, url=o.url, format=o.format,
        delivery=o.delivery, level=o.level, duration=o.duration, cost=o.cost,
        cost_note=o.cost_note,
    )

