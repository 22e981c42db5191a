"""Build a learning pathway that meets every core need of the archetypes a person holds.

Offerings at a level that fits the person are chosen, best value first, until every core need
the catalogue can meet is met; they are then laid out in Report 2's layers (foundational
learning, specialist learning by archetype, product-specific training, CPD), a few to a step,
and each step's "why" names the needs it meets in their own words. A core need no offering
meets at that level is returned as a gap, so the plan says so openly rather than filling the
space with something that does not fit. Long programmes and courses beyond the
person's level close the plan as "when you're ready". With only free options, funded places
people must compete for are listed apart, never mixed in with what costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.views import (
    ARCHETYPE_NAMES,
    FAMILIARITY_LEVELS,
    PLAN_RULES,
    TIER_KEYS,
    ArchetypeProfile,
    LevelFit,
    Need,
    Offering,
    Plan,
    PlanGap,
    PlanNeed,
    PlanOffering,
    PlanStep,
    StepReason,
)
from knowledge.engines.wording import WORDS, sentence_tail, upper_first

FILTERS = ("free", "online")
DURATION = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:(?:-|to)\s*\d+(?:\.\d+)?\s*)?(week|month|year)s?\b", re.IGNORECASE
)
USING_AI = "using_implementing_ai"  # the framework's sub-domain for using AI systems
MONTHS_PER = {"week": 12 / 52, "month": 1.0, "year": 12.0}

NeedKey = tuple[str, str]  # (archetype, area)


class PlanError(ValueError):
    """The request cannot make a plan (unknown level, filter or archetype)."""


@dataclass(frozen=True)
class _Request:
    archetypes: tuple[str, ...]
    level: str
    fit: LevelFit
    focus: str | None
    filters: tuple[str, ...]
    needs: dict[NeedKey, Need]
    core: tuple[NeedKey, ...]  # in the order the person holds the archetypes, then area order
    needed_areas: tuple[str, ...]  # areas where an archetype held has more than an awareness need
    area_names: Mapping[str, str]


def plan(
    profile: ArchetypeProfile | Sequence[str],
    level: str,
    focus: str | None = None,
    *,
    store: CatalogueSnapshot,
    filters: Iterable[str] = (),
) -> Plan:
    """Ordered steps for the person's archetypes at their familiarity `level`.

    `focus` (a capability area key) prefers offerings covering that area; `filters` ("free",
    "online") keep only offerings that cost the person nothing, or are delivered online.
    """
    request = _validate(profile, level, focus, tuple(filters), store)
    if not request.archetypes:
        return Plan(archetypes=(), level=level, steps=(), filters=request.filters)
    # only offerings in an area the person needs can meet a need or close the plan;
    # product training is offered whatever its areas
    catalogue = store.offerings_in_areas(request.needed_areas, request.archetypes)
    fitting = [o for o in catalogue if fits_now(o, request.fit)]
    eligible = [o for o in fitting if passes(o, request.filters)]
    products = [
        o for o in store.offerings_for(tier="product", archetypes=request.archetypes)
        if fits_now(o, request.fit) and passes(o, request.filters)
    ]
    picks, open_needs = _choose(eligible, products, request)
    steps = _steps(picks, request)
    used = {o.key for o, _ in picks}
    further = _go_further(catalogue, used, request)
    if further:
        steps.append(further)
        used.update(o.key for o in further.offerings)
    gaps = tuple(_gap(key, request, fitting) for key in open_needs)
    funded = _funded_places(catalogue, used, request) if "free" in request.filters else ()
    return Plan(
        archetypes=request.archetypes,
        level=level,
        steps=tuple(_numbered(steps)),
        filters=request.filters,
        gaps=gaps,
        funded_places=funded,
    )


# -- what fits the person -----------------------------------------------------------------------


def duration_months(text: str) -> float | None:
    """The longest span a duration mentions, in months ('12 months', '2-3 years'), if any."""
    spans = [float(n) * MONTHS_PER[unit.lower()] for n, unit in DURATION.findall(text)]
    return max(spans, default=None)


def is_long(offering: Offering) -> bool:
    months = duration_months(offering.duration)
    return months is not None and months >= PLAN_RULES.long_months


def fits_now(offering: Offering, fit: LevelFit) -> bool:
    """At a level that suits the person's next steps, and not a long programme too soon."""
    return offering.level in fit.levels and (fit.long_now or not is_long(offering))


def costs_nothing(offering: Offering) -> bool:
    """Free, or funded for everyone who takes it (not a place people compete for)."""
    return offering.cost == "free" or (offering.cost == "funded" and not offering.competitive)


def passes(offering: Offering, filters: Sequence[str]) -> bool:
    if "free" in filters and not costs_nothing(offering):
        return False
    return not ("online" in filters and offering.delivery != "online")


# -- building the steps -------------------------------------------------------------------------


def _validate(
    profile: ArchetypeProfile | Sequence[str],
    level: str,
    focus: str | None,
    filters: tuple[str, ...],
    store: CatalogueSnapshot,
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
    held = store.needs_for(archetypes)  # each archetype's in area order
    needs = {(n.archetype, n.area): n for n in held}
    core = tuple((n.archetype, n.area) for n in held if n.depth == "core")
    return _Request(
        archetypes=archetypes,
        level=level,
        fit=PLAN_RULES.fit[level],
        focus=focus,
        filters=tuple(dict.fromkeys(filters)),
        needs=needs,
        core=core,
        needed_areas=tuple(dict.fromkeys(n.area for n in held if n.depth != "awareness")),
        area_names=store.area_names,
    )


def _meets(offering: Offering, open_needs: Sequence[NeedKey]) -> list[NeedKey]:
    return [
        (a, area) for a, area in open_needs if a in offering.archetypes and area in offering.areas
    ]


Rank = tuple[float, ...]


def _recommended(offering: Offering, request: _Request) -> int:
    """How many recommended needs of the archetypes it serves an offering also covers."""
    return sum(
        1 for a in request.archetypes if a in offering.archetypes for area in offering.areas
        if (n := request.needs.get((a, area))) and n.depth == "recommended"
    )


def _rank(offering: Offering, meets: Sequence[NeedKey], request: _Request) -> Rank:
    """Best first: the focus area, then needs met weighted by how well the level suits the
    person, then the better level, confirmed details, recommended needs, earlier tiers."""
    levels = request.fit.levels
    rank = levels.index(offering.level) if offering.level in levels else None
    weight = 0.0 if rank is None else PLAN_RULES.level_weights[rank]
    return (
        float(bool(request.focus) and request.focus in offering.areas),
        len(meets) * weight,
        weight,
        float(offering.verified),
        float(_recommended(offering, request)),
        -float(TIER_KEYS.index(offering.tier)),
    )


def _relevance(offering: Offering, request: _Request) -> Rank:
    """How much of what the person's archetypes need an offering covers, at any level."""
    return (
        float(len(_meets(offering, request.core))),
        float(_recommended(offering, request)),
        float(offering.verified),
    )


def _choose(
    eligible: Sequence[Offering], products: Sequence[Offering], request: _Request
) -> tuple[list[tuple[Offering, list[NeedKey]]], list[NeedKey]]:
    """The offerings, best value first, that together meet as many core needs as the catalogue
    allows; and the needs left open."""
    open_needs = list(request.core)
    useful = [o for o in eligible if _meets(o, open_needs)]  # the rest can never be picked
    picks: list[tuple[Offering, list[NeedKey]]] = []
    while open_needs:
        taken = {o.key for o, _ in picks}
        options = [(o, _meets(o, open_needs)) for o in useful if o.key not in taken]
        options = [(o, meets) for o, meets in options if meets]
        if not options:
            break
        best, meets = max(options, key=lambda pair: (_rank(*pair, request), pair[0].title))
        picks.append((best, meets))
        open_needs = [n for n in open_needs if n not in meets]
    product = _product_training(products, picks, request)
    return picks + product, open_needs


def _product_training(
    products: Sequence[Offering], picks: Sequence[tuple[Offering, list[NeedKey]]], request: _Request
) -> list[tuple[Offering, list[NeedKey]]]:
    """Product training matters to anyone who uses or deploys a tool, needs met or not.

    Those are the people for whom using and implementing AI systems is a core need.
    """
    if any(o.tier == "product" for o, _ in picks):
        return []
    if not any(area == USING_AI for _, area in request.core):
        return []
    taken = {o.key for o, _ in picks}
    pool = [o for o in products if o.key not in taken]
    if not pool:
        return []
    return [(max(pool, key=lambda o: (_rank(o, (), request), o.title)), [])]


def _group_of(offering: Offering, meets: Sequence[NeedKey], request: _Request) -> tuple[int, int]:
    """Where an offering sits: its tier, then (specialist only) the archetype it serves first."""
    tier = TIER_KEYS.index(offering.tier)
    if offering.tier != "specialist":
        return tier, 0
    holders = [a for a, _ in meets] or [a for a in request.archetypes if a in offering.archetypes]
    return tier, min(request.archetypes.index(a) for a in holders)


def _steps(picks: Sequence[tuple[Offering, list[NeedKey]]], request: _Request) -> list[PlanStep]:
    """Chosen offerings grouped by tier (and archetype), then cut into steps of a few each."""
    steps: list[PlanStep] = []
    ordered = sorted(enumerate(picks), key=lambda p: (_group_of(*p[1], request), p[0]))
    for group, members in groupby(ordered, key=lambda p: _group_of(*p[1], request)):
        tier, holder = TIER_KEYS[group[0]], request.archetypes[group[1]]
        batch: list[tuple[Offering, list[NeedKey]]] = []
        part = 1
        for _, pick in members:
            batch.append(pick)
            areas = {area for _, met in batch for _, area in met}
            if (
                len(batch) == PLAN_RULES.offerings_per_step
                or len(areas) >= PLAN_RULES.needs_per_step
            ):
                steps.append(_step(tier, holder, part, batch, steps, request))
                batch, part = [], part + 1
        if batch:
            steps.append(_step(tier, holder, part, batch, steps, request))
    return steps


def _step(
    tier: str,
    holder: str,
    part: int,
    batch: Sequence[tuple[Offering, list[NeedKey]]],
    earlier: Sequence[PlanStep],
    request: _Request,
) -> PlanStep:
    chosen = [o for o, _ in batch]
    met = {key for _, meets in batch for key in meets}
    needs = [_plan_need(key, request) for key in request.core if key in met]
    first_of_tier = not any(s.tier == tier for s in earlier)
    area_keys = _areas(chosen, [k for k in request.core if k in met], request)
    lead = WORDS.lead(tier) if first_of_tier else ""
    reasons = _reasons(needs)
    return PlanStep(
        order=0,
        tier=tier,
        title=_title(tier, holder, part, request),
        capability_areas=tuple(request.area_names[k] for k in area_keys),
        area_keys=area_keys,
        why=_why(lead, reasons),
        offerings=tuple(_plan_offering(o) for o in chosen),
        needs=tuple(needs),
        lead=lead,
        reasons=reasons,
    )


def _go_further(
    catalogue: Sequence[Offering], used: set[str], request: _Request
) -> PlanStep | None:
    """Programmes beyond the next steps: CPD, long courses and higher levels, for later."""
    fit = request.fit
    lowest = min(fit.levels)
    candidates = [
        o for o in catalogue
        if o.key not in used and passes(o, request.filters) and o.level >= lowest
        and (o.tier == "cpd" or is_long(o) or o.level > max(fit.levels))
        and _areas([o], (), request)
    ]
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda o: _relevance(o, request), reverse=True)
    chosen = ranked[: PLAN_RULES.later_offerings]
    ready_later = not fit.long_now
    lead = WORDS.lead("later") if ready_later else WORDS.lead("further")
    return PlanStep(
        order=0,
        tier="cpd",
        title=WORDS.titles.later if ready_later else WORDS.titles.further,
        capability_areas=tuple(request.area_names[k] for k in _areas(chosen, (), request)),
        area_keys=_areas(chosen, (), request),
        why=_why(lead, ()),
        offerings=tuple(_plan_offering(o) for o in chosen),
        later=True,
        lead=lead,
    )


def _funded_places(
    catalogue: Sequence[Offering], used: set[str], request: _Request
) -> tuple[PlanOffering, ...]:
    places = [
        o for o in catalogue
        if o.key not in used and o.cost == "funded" and o.competitive and _areas([o], (), request)
        and not ("online" in request.filters and o.delivery != "online")
    ]
    ranked = sorted(places, key=lambda o: _relevance(o, request), reverse=True)
    return tuple(_plan_offering(o) for o in ranked[: PLAN_RULES.funded_places])


def _areas(
    chosen: Sequence[Offering], met: Sequence[NeedKey], request: _Request
) -> tuple[str, ...]:
    """The areas a step covers that the person needs: the needs it meets first."""
    needed = [
        area for o in chosen for area in o.areas
        if any(
            (n := request.needs.get((a, area))) and n.depth != "awareness"
            for a in request.archetypes
        )
    ]
    return tuple(dict.fromkeys([area for _, area in met] + needed))


def _title(tier: str, holder: str, part: int, request: _Request) -> str:
    if tier == "foundation" and request.fit.long_now:
        title = WORDS.titles.foundation_experienced
    elif tier == "specialist":
        title = WORDS.titles.specialist.format(archetype=ARCHETYPE_NAMES[holder])
    else:
        title = getattr(WORDS.titles, tier)
    return WORDS.continued.format(title=title, part=part) if part > 1 else title


def _reasons(needs: Sequence[PlanNeed]) -> tuple[StepReason, ...]:
    """The needs a step meets grouped by archetype held (they come in that order), each group
    under its heading: the one grouping every drawing of the plan lays out."""
    return tuple(
        StepReason(
            archetype=archetype,
            heading=WORDS.need_heading.format(archetype=ARCHETYPE_NAMES[archetype]),
            points=tuple(n.why for n in group),
        )
        for archetype, group in groupby(needs, key=lambda n: n.archetype)
    )


def _why(lead: str, reasons: Sequence[StepReason]) -> str:
    """The lead sentence, then each archetype's needs in the needs' own words, as sentences."""
    parts = [lead] if lead else []
    for reason in reasons:
        said = [sentence_tail(point) for point in reason.points]
        said[1:] = [upper_first(s) for s in said[1:]]
        parts.append(WORDS.need_holder.format(heading=reason.heading, reason=" ".join(said)))
    return " ".join(parts)


def _plan_need(key: NeedKey, request: _Request) -> PlanNeed:
    archetype, area = key
    return PlanNeed(archetype, area, request.area_names[area], request.needs[key].why)


def _gap(key: NeedKey, request: _Request, fitting: Sequence[Offering]) -> PlanGap:
    """A need left open; `filtered` when something at the person's level was filtered out."""
    need = _plan_need(key, request)
    filtered = bool(request.filters) and any(_meets(o, [key]) for o in fitting)
    return PlanGap(need.archetype, need.area_key, need.area_name, need.why, filtered=filtered)


def _numbered(steps: Sequence[PlanStep]) -> list[PlanStep]:
    return [replace(s, order=i) for i, s in enumerate(steps, start=1)]


def _plan_offering(o: Offering) -> PlanOffering:
    return PlanOffering(
        key=o.key, title=o.title, provider=o.provider, url=o.url, format=o.format,
        delivery=o.delivery, level=o.level, duration=o.duration, cost=o.cost,
        cost_note=o.cost_note, verified=o.verified, competitive=o.competitive,
    )
