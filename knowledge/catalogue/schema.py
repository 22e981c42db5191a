"""The declared shape of every catalogue file, one pydantic model per kind of entry.

A model says which fields an entry has, their types and the rules that need nothing but the
entry itself (a level from 1 to 4, a link to the provider's own page, one general persona).
Rules that compare entries or files with each other live in `cross_checks`. Every model
forbids unknown fields, so a misspelt field name is reported rather than silently ignored.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import (
    BaseModel,
    Extra,
    StrictBool,
    StrictInt,
    conlist,
    constr,
    root_validator,
    validator,
)

from knowledge.catalogue.links import denied_host, is_valid_url
from knowledge.engines.views import (
    ARCHETYPE_KEYS,
    DEPTHS,
    LEVEL_BANDS,
    PERSONA_ORIGINS,
    STAFF_GROUPS,
    TIER_KEYS,
)

AREA_KINDS = ("framework_domain", "framework_subdomain", "confidence_factor")
LAYERS = ("governance", "implementation", "clinical_use")
DELIVERIES = ("online", "blended", "in_person")
COSTS = ("free", "funded", "paid", "unknown")
LEVELS = sorted(level for band in LEVEL_BANDS.values() for level in band)  # 1 to 4
MIN_CORE_AREAS = 5  # every archetype needs at least this many areas at depth "core"

Text = constr(strict=True, strip_whitespace=True, min_length=1)
Key = constr(strict=True, regex=r"^[a-z0-9]+(_[a-z0-9]+)*$")
Texts = conlist(Text, min_items=1)


class _Checked:
    """A value type whose `check` says in plain words what it expects."""

    @classmethod
    def __get_validators__(cls):  # noqa: ANN206
        yield cls.check  # each subclass defines `check`


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Level(int, _Checked):
    @classmethod
    def check(cls, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value in LEVELS:
            return value
        raise ValueError(f"{value!r} is not a whole number from {LEVELS[0]} to {LEVELS[-1]}")


class Weight(float, _Checked):
    @classmethod
    def check(cls, value: Any) -> float:
        if _is_number(value) and -1 <= value <= 1:
            return float(value)
        raise ValueError(f"{value!r} is not a number from -1 to 1")


class Share(float, _Checked):
    """A rough share of the workforce: above 0, at most 1."""

    @classmethod
    def check(cls, value: Any) -> float:
        if _is_number(value) and 0 < value <= 1:
            return float(value)
        raise ValueError(f"{value!r} is not a number above 0 and at most 1")


class Position(int, _Checked):
    @classmethod
    def check(cls, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        raise ValueError(f"{value!r} is not a whole number from 1 up")


class ReviewDate(date, _Checked):
    @classmethod
    def check(cls, value: Any) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD, unquoted")


class Link(str, _Checked):
    """A web address on the provider's or publisher's own site (see `links`)."""

    @classmethod
    def check(cls, value: Any) -> str:
        if not isinstance(value, str) or not is_valid_url(value.strip()):
            raise ValueError(f"{value!r} is not a web address (https://...)")
        reason = denied_host(value)
        if reason:
            raise ValueError(f"must be the provider's own page: {reason}")
        return value.strip()


Links = conlist(Link, min_items=1)


class Entry(BaseModel):
    class Config:
        extra = Extra.forbid
        allow_mutation = False


def _not_empty(value: dict) -> dict:
    if not value:
        raise ValueError("must not be empty")
    return value


# --- archetypes.yml ----------------------------------------------------------------------------

class PersonaEntry(Entry):
    title: Text
    ai_work: Text
    learning_route: Texts
    origin: Literal[PERSONA_ORIGINS]
    verified: StrictBool = False
    staff_groups: conlist(Literal[STAFF_GROUPS]) = []

    @validator("verified")
    def _only_research_is_verified(cls, verified: bool, values: dict) -> bool:  # noqa: N805
        if verified and values.get("origin") == "pathfinder":
            raise ValueError("only a persona taken from the research can be verified")
        return verified


class QuestionEntry(Entry):
    text: Text
    why: Text
    topic: Text  # what the question asks, read back as "you told me you <topic>"
    topic_no: Text  # the same after a "no": "you told me you <topic_no>"


class ArchetypeEntry(Entry):
    key: Literal[ARCHETYPE_KEYS]
    name: Text
    order: Position  # where it comes when archetypes are listed
    prior: Share  # rough share of the workforce holding it; orders screening questions only
    summary: Text
    description: Text
    responsibilities: Texts
    example_roles: Texts
    works_with: dict[Text, Text]
    question: QuestionEntry
    personas: conlist(PersonaEntry, min_items=1)
    verified: StrictBool = True
    sources: Links

    _works_with = validator("works_with", allow_reuse=True)(_not_empty)

    @validator("personas")
    def _one_general_persona(cls, personas: list[PersonaEntry]) -> list[PersonaEntry]:  # noqa: N805
        general = sum(1 for p in personas if not p.staff_groups)
        if general != 1:
            raise ValueError(f"needs one general persona (no staff_groups); found {general}")
        return personas


# --- capability_areas.yml ----------------------------------------------------------------------

class AreaEntry(Entry):
    key: Key
    name: Text
    kind: Literal[AREA_KINDS]
    parent: Key | None = None
    ref: Text | None = None
    layer: Literal[LAYERS] | None = None
    description: Text
    verified: StrictBool = True
    sources: Links

    @root_validator(skip_on_failure=True)
    def _kind_rules(cls, values: dict) -> dict:  # noqa: N805
        if values["kind"] == "confidence_factor" and values["layer"] is None:
            raise ValueError("confidence factors need a 'layer'")
        if values["kind"] == "framework_subdomain" and values["parent"] is None:
            raise ValueError("framework sub-domains need a 'parent'")
        return values


# --- needs.yml ---------------------------------------------------------------------------------

class NeedEntry(Entry):
    depth: Literal[DEPTHS]
    why: Text


class ArchetypeNeedsEntry(Entry):
    archetype: Text
    needs: dict[Text, NeedEntry]

    @validator("needs")
    def _enough_core_areas(cls, needs: dict[str, NeedEntry]) -> dict[str, NeedEntry]:  # noqa: N805
        _not_empty(needs)
        core = sum(1 for need in needs.values() if need.depth == "core")
        if core < MIN_CORE_AREAS:
            raise ValueError(f"only {core} core areas; at least {MIN_CORE_AREAS} expected")
        return needs


# --- tiers.yml ---------------------------------------------------------------------------------

class TierEntry(Entry):
    key: Literal[TIER_KEYS]
    order: StrictInt
    name: Text
    description: Text
    delivered_by: Text
    sources: Links


# --- offerings.yml -----------------------------------------------------------------------------

class OfferingEntry(Entry):
    key: Key
    title: Text
    provider: Text
    tier: Text
    format: Text
    delivery: Literal[DELIVERIES]
    level: Level
    duration: Text
    cost: Literal[COSTS]
    cost_note: Text | None = None
    competitive: StrictBool = False  # a funded place won by application
    url: Link
    archetypes: Texts
    areas: Texts
    summary: Text
    last_reviewed: ReviewDate
    verified: StrictBool = True
    sources: Links

    @validator("competitive")
    def _competitive_is_not_free(cls, competitive: bool, values: dict) -> bool:  # noqa: N805
        if competitive and values.get("cost") == "free":
            raise ValueError("'competitive' places are funded or paid, not free")
        return competitive


# --- glossary.yml ------------------------------------------------------------------------------

class GlossaryEntry(Entry):
    term: Text
    synonyms: conlist(Text) = []
    definition: Text
    why_it_matters: Text
    related: conlist(Text) = []
    sources: Links


# --- lexicon.yml -------------------------------------------------------------------------------

class ActivityEntry(Entry):
    phrase: Text
    variants: conlist(Text) = []
    weights: dict[Text, Weight]
    clear: StrictBool = False  # the phrase alone is enough for a confident answer

    _weights = validator("weights", allow_reuse=True)(_not_empty)


class RoleEntry(ActivityEntry):
    group: Literal[STAFF_GROUPS]  # the job title's staff group
    employer: StrictBool = False  # names an organisation people work at, not a job


class LexiconSections(Entry):
    """The lexicon file's top level; its phrases are read one by one as `RoleEntry` and
    `ActivityEntry`, so each is reported under its own phrase."""

    roles: conlist(Any, min_items=1)
    activities: conlist(Any, min_items=1)
    ai_context: Texts
