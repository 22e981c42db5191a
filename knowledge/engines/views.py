"""Plain, immutable records the query API returns and the engines consume.

They are detached from any database session so engines stay pure functions, and a catalogue
snapshot can share them between turns: nothing in them can be changed in place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

ARCHETYPE_KEYS: tuple[str, ...] = ("shapers", "drivers", "creators", "embedders", "users")
ARCHETYPE_NAMES: dict[str, str] = {k: k.capitalize() for k in ARCHETYPE_KEYS}
DEPTHS: tuple[str, ...] = ("core", "recommended", "awareness")
TIER_KEYS: tuple[str, ...] = ("foundation", "specialist", "product", "cpd")
FAMILIARITY_LEVELS: tuple[str, ...] = ("new", "some", "experienced")
ANSWERS: tuple[str, ...] = ("yes", "no", "partly", "primary")
# Staff groups a job title belongs to and a persona can be written for; the same keys
# name the workforce corpus files.
STAFF_GROUPS: tuple[str, ...] = (
    "nursing_midwifery", "medical_dental", "primary_care", "mental_health", "admin_clerical",
    "it_data_digital", "management_executive", "national_bodies", "industry_research",
    "allied_health", "pharmacy", "ambulance", "healthcare_science", "social_care",
    "estates_facilities", "commissioning", "regulators", "royal_colleges_education",
)
# Where a persona comes from: the research's own illustrative personas, or Pathfinder's.
PERSONA_ORIGINS: tuple[str, ...] = ("research", "pathfinder")
# Capability Framework levels grouped into the two bands a plan and the coverage check use.
LEVEL_BANDS: dict[str, tuple[int, ...]] = {"foundation": (1, 2), "advanced": (3, 4)}


def band_of(level: int) -> str:
    """The band ("foundation" or "advanced") a Capability Framework level 1-4 falls in."""
    return next(band for band, levels in LEVEL_BANDS.items() if level in levels)


@dataclass(frozen=True)
class Question:
    archetype: str
    text: str
    why: str
    topic: str  # what it asks, read back as "you told me you <topic>"
    topic_no: str  # the same after a "no": "you told me you <topic_no>"


@dataclass(frozen=True)
class Persona:
    """An illustrative example of someone in an archetype; never a real person."""

    title: str
    ai_work: str
    learning_route: tuple[str, ...]
    verified: bool
    staff_groups: tuple[str, ...] = ()  # empty: the archetype's general example
    origin: str = "pathfinder"  # "research" (Report 2 or the framework) or "pathfinder"


@dataclass(frozen=True)
class Archetype:
    key: str
    name: str
    summary: str
    description: str
    responsibilities: tuple[str, ...]
    example_roles: tuple[str, ...]
    works_with: Mapping[str, str]
    question: Question
    personas: tuple[Persona, ...]  # the general persona first
    verified: bool
    sources: tuple[str, ...]
    order: int  # where it comes when archetypes are listed
    prior: float  # rough share of the workforce holding it; orders screening questions only

    @property
    def persona(self) -> Persona:
        """The general persona, written for no particular staff group."""
        return next((p for p in self.personas if not p.staff_groups), self.personas[0])

    def persona_for(self, staff_group: str | None) -> Persona:
        """The persona written for `staff_group`, else the general one."""
        if staff_group:
            for persona in self.personas:
                if staff_group in persona.staff_groups:
                    return persona
        return self.persona


@dataclass(frozen=True)
class CapabilityArea:
    key: str
    name: str
    kind: str
    parent: str | None
    ref: str | None
    layer: str | None
    description: str
    verified: bool


@dataclass(frozen=True)
class Need:
    archetype: str
    area: str
    depth: str
    why: str


@dataclass(frozen=True)
class Tier:
    key: str
    order: int
    name: str
    description: str
    delivered_by: str


@dataclass(frozen=True)
class Offering:
    key: str
    title: str
    provider: str
    tier: str
    format: str
    delivery: str
    level: int
    duration: str
    cost: str
    cost_note: str
    url: str
    summary: str
    archetypes: tuple[str, ...]
    areas: tuple[str, ...]
    last_reviewed: date
    verified: bool
    competitive: bool = False  # a funded place won by application, not open to everyone


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    synonyms: tuple[str, ...]
    definition: str
    why_it_matters: str
    related: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class LexiconEntry:
    kind: str  # "role" or "activity"
    phrase: str
    variants: tuple[str, ...]
    weights: Mapping[str, float]
    clear: bool = False
    group: str | None = None  # a job title's staff group (STAFF_GROUPS); None for activities
    employer: bool = False  # names an organisation people work at, not a job


@dataclass(frozen=True)
class Screening:
    """What identification needs of one archetype besides the lexicon's phrases."""

    prior: float  # rough share of the workforce holding it; orders questions only
    topic: str  # what its screening question asks, as "you <topic>"
    topic_no: str  # the same after a "no"


def screening_of(archetypes: Iterable[Archetype]) -> dict[str, Screening]:
    return {
        a.key: Screening(a.prior, a.question.topic, a.question.topic_no) for a in archetypes
    }


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[LexiconEntry, ...]
    ai_context: tuple[str, ...]
    screening: Mapping[str, Screening]  # by archetype key, from archetypes.yml


@dataclass(frozen=True)
class Evidence:
    """Why an archetype scored: a phrase the person used, or an answer they gave."""

    archetype: str
    source: str  # "text" or "answer"
    phrase: str  # the lexicon phrase or the question's archetype
    quote: str  # the person's own words (a clause), or the answer given
    weight: float
    reason: str  # plain words for the person, e.g. "you said you run local validation"


@dataclass(frozen=True)
class ArchetypeScore:
    key: str
    name: str
    score: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class ArchetypeProfile:
    ranked: tuple[ArchetypeScore, ...]  # all five, best first
    archetypes: tuple[str, ...]  # the archetypes the person holds, best first
    confident: bool
    next_question: str | None  # archetype key whose screening question to ask next
    staff_group: str | None = None  # the staff group of the first job title the person gives
    by_work: bool = False  # placed by the work they do, having said AI is not part of it yet

    @property
    def primary(self) -> str | None:
        return self.archetypes[0] if self.archetypes else None

    def score_of(self, key: str) -> ArchetypeScore:
        return next(s for s in self.ranked if s.key == key)

    def reasons(self, key: str) -> list[str]:
        """The plain-words reasons for one archetype, strongest first, without repeats."""
        evidence = sorted(self.score_of(key).evidence, key=lambda e: -e.weight)
        return list(dict.fromkeys(e.reason for e in evidence if e.weight > 0))

    def to_payload(self) -> dict[str, Any]:
        """The `archetype_result` message every channel renders."""
        held = [self.score_of(k) for k in self.archetypes]
        return {
            "type": "archetype_result",
            "primary": self.primary,
            "confident": self.confident,
            "archetypes": [
                {
                    "key": s.key,
                    "name": s.name,
                    "score": round(s.score, 2),
                    "evidence": self.reasons(s.key),
                }
                for s in held
            ],
        }


@dataclass(frozen=True)
class LevelFit:
    """Which offerings suit a next step for someone at one familiarity level."""

    levels: tuple[int, ...]  # Capability Framework levels that fit, best first
    long_now: bool  # a long programme may be a next step, not only "when you're ready"


@dataclass(frozen=True)
class PlanRules:
    """Every number the plan engine works to, in one place."""

    fit: dict[str, LevelFit]  # by familiarity level
    level_weights: tuple[float, ...]  # the value of a need met at the best, second, third level
    long_months: float  # an offering this long or longer is a long programme
    offerings_per_step: int
    needs_per_step: int  # a step stops growing once it meets needs in this many areas
    later_offerings: int  # in the "when you're ready" step
    funded_places: int  # listed apart when only free options are asked for


PLAN_RULES = PlanRules(
    fit={
        "new": LevelFit(levels=(1, 2), long_now=False),
        "some": LevelFit(levels=(2, 1, 3), long_now=False),
        "experienced": LevelFit(levels=(3, 4, 2), long_now=True),
    },
    level_weights=(1.0, 0.75, 0.5),
    long_months=6,
    offerings_per_step=3,
    needs_per_step=4,
    later_offerings=3,
    funded_places=4,
)


@dataclass(frozen=True)
class PlanOffering:
    key: str
    title: str
    provider: str
    url: str
    format: str
    delivery: str
    level: int
    duration: str
    cost: str
    cost_note: str
    verified: bool
    competitive: bool  # a funded place people apply for, such as a fellowship

    def to_payload(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "provider": self.provider,
            "url": self.url,
            "format": self.format,
            "delivery": self.delivery,
            "level": self.level,
            "duration": self.duration,
            "cost": self.cost,
            "cost_note": self.cost_note,
            "verified": self.verified,
            "competitive": self.competitive,
        }


@dataclass(frozen=True)
class PlanNeed:
    """A core need of one archetype the person holds, in one capability area."""

    archetype: str
    area_key: str
    area_name: str
    why: str  # the need's own reason, from needs.yml

    def to_payload(self) -> dict[str, Any]:
        return {
            "archetype": self.archetype,
            "area_key": self.area_key,
            "area": self.area_name,
            "why": self.why,
        }


@dataclass(frozen=True)
class StepReason:
    """The needs a step meets for one archetype held, under that archetype's heading, so every
    drawing of the plan can list them rather than run them into one paragraph."""

    archetype: str
    heading: str  # e.g. "As one of the Embedders"
    points: tuple[str, ...]  # each need's own reason, in the step's need order

    def to_payload(self) -> dict[str, Any]:
        return {"archetype": self.archetype, "heading": self.heading, "points": list(self.points)}


@dataclass(frozen=True)
class PlanGap(PlanNeed):
    """A core need no offering in the catalogue meets at the person's level."""

    filtered: bool = False  # an offering exists at that level, but not within the filters

    def to_payload(self) -> dict[str, Any]:
        return {**super().to_payload(), "filtered": self.filtered}


@dataclass(frozen=True)
class PlanStep:
    order: int
    tier: str
    title: str
    capability_areas: tuple[str, ...]  # area names, for people
    area_keys: tuple[str, ...]
    why: str  # the lead and the reasons as sentences, for replies in text
    offerings: tuple[PlanOffering, ...]
    needs: tuple[PlanNeed, ...] = ()  # the core needs this step meets, named in `why`
    later: bool = False  # the closing extra, beyond the needs at the person's level now
    lead: str = ""  # what the step's tier is for; only on the first step of a tier
    reasons: tuple[StepReason, ...] = ()  # `needs` by archetype held, each under its heading

    def to_payload(self) -> dict[str, Any]:
        return {
            "order": self.order,
            "tier": self.tier,
            "title": self.title,
            **({"lead": self.lead} if self.lead else {}),
            "capability_areas": list(self.capability_areas),
            "why": self.why,
            "needs": [n.to_payload() for n in self.needs],
            "reasons": [r.to_payload() for r in self.reasons],
            "later": self.later,
            "offerings": [o.to_payload() for o in self.offerings],
        }


@dataclass(frozen=True)
class Plan:
    archetypes: tuple[str, ...]
    level: str
    steps: tuple[PlanStep, ...]
    filters: tuple[str, ...] = field(default=())
    gaps: tuple[PlanGap, ...] = field(default=())
    funded_places: tuple[PlanOffering, ...] = field(default=())  # with the "free" filter only

    def to_payload(self) -> dict[str, Any]:
        """The `pathway_plan` message every channel renders."""
        return {
            "type": "pathway_plan",
            "archetypes": list(self.archetypes),
            "level": self.level,
            "filters": list(self.filters),
            "steps": [s.to_payload() for s in self.steps],
            "gaps": [g.to_payload() for g in self.gaps],
            "funded_places": [o.to_payload() for o in self.funded_places],
        }
