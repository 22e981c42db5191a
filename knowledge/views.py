"""Plain, immutable records the query API returns and the engines consume.

They are detached from any database session so engines stay pure functions and callers can
cache them freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

ARCHETYPE_KEYS: tuple[str, ...] = ("shapers", "drivers", "creators", "embedders", "users")
ARCHETYPE_NAMES: dict[str, str] = {k: k.capitalize() for k in ARCHETYPE_KEYS}
DEPTHS: tuple[str, ...] = ("core", "recommended", "awareness")
TIER_KEYS: tuple[str, ...] = ("foundation", "specialist", "product", "cpd")
FAMILIARITY_LEVELS: tuple[str, ...] = ("new", "some", "experienced")
ANSWERS: tuple[str, ...] = ("yes", "no", "partly", "primary")
# Staff groups a job title belongs to; the same keys name the workforce corpus files.
STAFF_GROUPS: tuple[str, ...] = (
    "nursing_midwifery", "medical_dental", "primary_care", "mental_health", "admin_clerical",
    "it_data_digital", "management_executive", "national_bodies", "industry_research",
    "allied_health", "pharmacy", "ambulance", "healthcare_science", "social_care",
    "estates_facilities", "commissioning", "regulators", "royal_colleges_education",
)


@dataclass(frozen=True)
class Question:
    archetype: str
    text: str
    why: str


@dataclass(frozen=True)
class Persona:
    title: str
    ai_work: str
    learning_route: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class Archetype:
    key: str
    name: str
    summary: str
    description: str
    responsibilities: tuple[str, ...]
    example_roles: tuple[str, ...]
    works_with: dict[str, str]
    question: Question
    persona: Persona
    verified: bool
    sources: tuple[str, ...]


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
    weights: dict[str, float]
    clear: bool = False
    group: str | None = None  # a job title's staff group (STAFF_GROUPS); None for activities
    employer: bool = False  # names an organisation people work at, not a job


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[LexiconEntry, ...]
    ai_context: tuple[str, ...]


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
    staff_group: str | None = None  # the staff group of the strongest job title named

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
        }


@dataclass(frozen=True)
class PlanStep:
    order: int
    tier: str
    title: str
    capability_areas: tuple[str, ...]  # area names, for people
    area_keys: tuple[str, ...]
    why: str
    offerings: tuple[PlanOffering, ...]

    def to_payload(self) -> dict[str, Any]:
        return {
            "order": self.order,
            "tier": self.tier,
            "title": self.title,
            "capability_areas": list(self.capability_areas),
            "why": self.why,
            "offerings": [o.to_payload() for o in self.offerings],
        }


@dataclass(frozen=True)
class Plan:
    archetypes: tuple[str, ...]
    level: str
    steps: tuple[PlanStep, ...]
    filters: tuple[str, ...] = field(default=())

    def to_payload(self) -> dict[str, Any]:
        """The `pathway_plan` message every channel renders."""
        return {
            "type": "pathway_plan",
            "archetypes": list(self.archetypes),
            "level": self.level,
            "filters": list(self.filters),
            "steps": [s.to_payload() for s in self.steps],
        }
