"""Aggregate anonymous events into the figures educators and planners read.

Counts stay exact here; suppression (anything under SUPPRESS_BELOW) happens where they are
shown, through `shown()` and `visible()`, so no renderer can forget it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.engine import Engine

from knowledge.catalogue.review import REVIEW_MONTHS, overdue
from knowledge.catalogue.store import KnowledgeStore
from knowledge.engines.views import ARCHETYPE_KEYS, FAMILIARITY_LEVELS, PLAN_RULES
from knowledge.insights.coverage import core_areas, covered
from knowledge.insights.events import (
    OFFERING_FOLLOWED,
    PLAN_RATED,
    PLAN_SHOWN,
    PROFILE_SETTLED,
    REASON_GIVEN,
    InsightEvent,
    read_events,
)

SUPPRESS_BELOW = 5
SUPPRESSED = f"<{SUPPRESS_BELOW}"
TOP_AREAS = 8
TOP_OFFERINGS = 15


def shown(count: int) -> str:
    """A count as people may see it: small numbers are hidden."""
    return SUPPRESSED if count < SUPPRESS_BELOW else str(count)


def visible(count: int) -> bool:
    """Whether a count may appear at all (in a chart, for instance)."""
    return count >= SUPPRESS_BELOW


def ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    """Biggest first; hidden counts last and alphabetical, so order gives nothing away."""
    return sorted(counts.items(), key=lambda kv: (-kv[1] if visible(kv[1]) else 0, kv[0]))


@dataclass(frozen=True)
class Unmet:
    archetype: str
    area: str
    level: int
    plans: int


@dataclass(frozen=True)
class Overdue:
    key: str
    title: str
    provider: str
    last_reviewed: date


@dataclass
class InsightReport:
    generated: date
    since: date | None
    review_months: int
    totals: Counter[str] = field(default_factory=Counter)
    channels: Counter[str] = field(default_factory=Counter)
    months: set[str] = field(default_factory=set)
    archetype_mix: Counter[str] = field(default_factory=Counter)
    levels: Counter[str] = field(default_factory=Counter)
    plans_by_archetype: Counter[str] = field(default_factory=Counter)
    areas_by_archetype: dict[str, Counter[str]] = field(default_factory=dict)
    recommended: Counter[str] = field(default_factory=Counter)
    followed: Counter[str] = field(default_factory=Counter)
    # "Was this plan useful?": answers by archetype and by channel, and the reasons given
    rated_by_archetype: dict[str, Counter[str]] = field(default_factory=dict)
    rated_by_channel: dict[str, Counter[str]] = field(default_factory=dict)
    reasons: Counter[str] = field(default_factory=Counter)
    unmet: list[Unmet] = field(default_factory=list)
    overdue: list[Overdue] = field(default_factory=list)
    area_names: dict[str, str] = field(default_factory=dict)
    offering_titles: dict[str, str] = field(default_factory=dict)
    archetype_names: dict[str, str] = field(default_factory=dict)
    depths: dict[tuple[str, str], str] = field(default_factory=dict)  # (archetype, area)

    def top_areas(self, archetype: str) -> list[tuple[str, int]]:
        """Areas most often in this archetype's plans; on a tie, core needs come first."""
        counts = self.areas_by_archetype.get(archetype, Counter())

        def order(item: tuple[str, int]) -> tuple[int, int, str]:
            area, n = item
            core = self.depths.get((archetype, area)) == "core"
            return (-n if visible(n) else 0, 0 if core and visible(n) else 1, area)

        return sorted(counts.items(), key=order)[:TOP_AREAS]

    def depth(self, archetype: str, area: str) -> str:
        return self.depths.get((archetype, area), "")

    def top_offerings(self) -> list[tuple[str, int, int]]:
        """(key, times recommended, times followed) for the most recommended or followed."""
        both = Counter({k: self.recommended[k] for k in {*self.recommended, *self.followed}})
        return [(k, n, self.followed[k]) for k, n in ranked(both)][:TOP_OFFERINGS]

    def area_name(self, key: str) -> str:
        return self.area_names.get(key, key)

    def offering_title(self, key: str) -> str:
        return self.offering_titles.get(key, key)

    def archetype_name(self, key: str) -> str:
        return self.archetype_names.get(key, key.capitalize())


def build_report(
    engine: Engine,
    since: date | None = None,
    *,
    today: date | None = None,
    review_months: int = REVIEW_MONTHS,
) -> InsightReport:
    """Read events (from `since`'s month on) and the catalogue; raise SQLAlchemyError or
    StoreUnavailable when the database cannot be read."""
    store = KnowledgeStore(engine).snapshot()
    today = today or date.today()
    report = InsightReport(generated=today, since=since, review_months=review_months)
    report.archetype_names = {a.key: a.name for a in store.archetypes()}
    report.area_names = {a.key: a.name for a in store.areas()}
    offerings = store.all_offerings()
    report.offering_titles = {o.key: o.title for o in offerings}
    core = core_areas(store)
    report.depths = {(n.archetype, n.area): n.depth for n in store.needs_for(ARCHETYPE_KEYS)}
    needed: dict[str, set[str]] = {archetype: set() for archetype in ARCHETYPE_KEYS}
    for (archetype, area), depth in report.depths.items():
        if depth != "awareness":
            needed[archetype].add(area)
    have = covered(store)
    demand: Counter[tuple[str, str, int]] = Counter()
    since_month = since.strftime("%Y-%m") if since else None
    with engine.connect() as conn:
        for event in read_events(conn, since_month):
            _add(report, event, core, needed, have, demand)
    report.unmet = sorted(
        (Unmet(a, area, level, n) for (a, area, level), n in demand.items()),
        key=lambda u: (-u.plans if visible(u.plans) else 0, u.archetype, u.area, u.level),
    )
    report.overdue = [
        Overdue(o.key, o.title, o.provider, o.last_reviewed)
        for o in overdue(offerings, today, review_months)
    ]
    return report


def _add(
    report: InsightReport,
    event: InsightEvent,
    core: dict[str, tuple[str, ...]],
    needed: dict[str, set[str]],
    have: set[tuple[str, str, int]],
    demand: Counter[tuple[str, str, int]],
) -> None:
    report.totals[event.kind] += 1
    report.channels[event.channel] += 1
    report.months.add(event.month)
    if event.kind == PROFILE_SETTLED:
        report.archetype_mix.update(event.archetypes)
    elif event.kind == PLAN_SHOWN:
        report.recommended.update(event.offerings)
        if event.level in FAMILIARITY_LEVELS:
            report.levels[event.level] += 1
        report.plans_by_archetype.update(event.archetypes)
        for archetype in event.archetypes:
            counts = report.areas_by_archetype.setdefault(archetype, Counter())
            counts.update(a for a in event.areas if a in needed[archetype])
            if event.level in FAMILIARITY_LEVELS:
                levels = PLAN_RULES.fit[event.level].levels
                demand.update(
                    (archetype, area, level)
                    for area in core[archetype]
                    if not any((archetype, area, lvl) in have for lvl in levels)
                    for level in levels
                )
    elif event.kind == OFFERING_FOLLOWED:
        report.followed.update(event.offerings)
    elif event.kind == PLAN_RATED and event.usefulness:
        for archetype in event.archetypes:
            report.rated_by_archetype.setdefault(archetype, Counter())[event.usefulness] += 1
        report.rated_by_channel.setdefault(event.channel, Counter())[event.usefulness] += 1
    elif event.kind == REASON_GIVEN and event.reason:
        report.reasons[event.reason] += 1
