"""Do catalogue reads and plan building stay as fast when the catalogue is 10x and 100x larger?

The real catalogue is loaded into a temporary SQLite file; larger ones add copies of every
offering (same tier, level and archetypes, so queries by tier and archetype return more
rows, as a real catalogue would) linked to copies of the capability areas (so a query by a
real area returns the same rows), and copies of every glossary term with their aliases.
As in the action server, a turn reads the in-memory catalogue snapshot and asks the database
only for the catalogue version; reading the whole snapshot happens once per load. The two
SQL reads have SQLite's query plan recorded, to show they use an index.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.engine import Connection, Engine

from knowledge.catalogue import tables as m
from knowledge.catalogue.loader import load
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore
from knowledge.engines.advisor import identify, plan
from knowledge.storage.db import make_engine

FACTORS = (1, 10, 100)
PLAN_QUERY = "plan (users, new)"
ROLE = "I'm a reporting radiographer and we use an AI tool that flags fractures"


@dataclass
class QueryTiming:
    name: str
    factor: int
    median_ms: float
    rows: int
    plan: str
    lookup: bool  # answers a fixed-size question, so its cost should not grow


def _copy_rows(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), rows)


def grow(engine: Engine, factor: int) -> None:
    """Add `factor - 1` copies of the offerings, their areas and the glossary."""
    with engine.begin() as conn:
        def rows(table: Any) -> list[dict[str, Any]]:
            return [dict(r) for r in conn.execute(select(table.__table__)).mappings()]

        areas = sorted(rows(m.CapabilityAreaRow), key=lambda a: a["parent_key"] is not None)
        offerings, terms = rows(m.OfferingRow), rows(m.GlossaryTermRow)
        by_archetype, by_area = rows(m.OfferingArchetypeRow), rows(m.OfferingAreaRow)
        aliases = rows(m.GlossaryAliasRow)
        for n in range(1, factor):
            s = f"-x{n}"
            _copy_rows(conn, m.CapabilityAreaRow, [
                {**a, "key": a["key"] + s,
                 "parent_key": a["parent_key"] and a["parent_key"] + s} for a in areas])
            _copy_rows(conn, m.OfferingRow, [
                {**o, "key": o["key"] + s, "title": f"{o['title']} ({n})"} for o in offerings])
            _copy_rows(conn, m.OfferingArchetypeRow, [
                {**r, "offering_key": r["offering_key"] + s} for r in by_archetype])
            _copy_rows(conn, m.OfferingAreaRow, [
                {"offering_key": r["offering_key"] + s, "area_key": r["area_key"] + s}
                for r in by_area])
            _copy_rows(conn, m.GlossaryTermRow, [
                {**t, "key": t["key"] + s, "term": t["term"] + s} for t in terms])
            _copy_rows(conn, m.GlossaryAliasRow, [
                {"alias": a["alias"] + s, "term_key": a["term_key"] + s} for a in aliases])


def _query_plans(engine: Engine, call: Callable[[], Any]) -> str:
    """SQLite's plan for every statement `call` runs, as short "SEARCH/SCAN ..." lines."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    steps: list[str] = []
    raw = engine.raw_connection()
    try:
        for statement, params in seen:
            for row in raw.cursor().execute("EXPLAIN QUERY PLAN " + statement, params):
                step = str(row[-1])
                if step.startswith(("SEARCH", "SCAN")) and step not in steps:
                    steps.append(step)
    finally:
        raw.close()
    return "; ".join(steps)


def _busiest_area(store: CatalogueSnapshot) -> str:
    """The real capability area with the most offerings (copies link to copied areas)."""
    counts: dict[str, int] = {}
    for offering in store.all_offerings():
        for key in offering.areas:
            if "-x" not in key:
                counts[key] = counts.get(key, 0) + 1
    return max(sorted(counts), key=lambda k: counts[k])


def _median_ms(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    result, times = None, []
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def measure(folder: Path, factors: tuple[int, ...] = FACTORS) -> tuple[list[QueryTiming], dict]:
    """Timings of the main queries at each catalogue size, and the catalogue sizes."""
    timings: list[QueryTiming] = []
    sizes: dict[int, dict[str, int]] = {}
    for factor in factors:
        engine = make_engine(f"sqlite:///{folder / f'knowledge-{factor}x.db'}")
        load(engine)
        grow(engine, factor)
        shared = KnowledgeStore(engine)
        store = shared.snapshot()
        sizes[factor] = {"offerings": len(store.all_offerings()),
                         "glossary terms": len(store.glossary_terms())}
        first_key = store.all_offerings()[0].key
        area = _busiest_area(store)
        queries: dict[str, tuple[Callable[[], Any], int, bool]] = {
            "catalogue version (each turn)": (lambda d=shared: [d.version()], 200, True),
            "read the whole snapshot (each load)": (lambda d=shared: [d.read()], 3, False),
            "offering by key": (lambda s=store, k=first_key: [s.offering(k)], 200, True),
            "glossary lookup": (lambda s=store: [s.glossary_lookup("automation bias")], 200,
                                True),
            "needs of two archetypes": (lambda s=store: s.needs_for(["users", "creators"]), 200,
                                        True),
            "offerings for one area": (lambda s=store, a=area: s.offerings_for(area=a), 100,
                                       True),
            "identify (role text)": (lambda s=store: [identify(s, ROLE)], 50, True),
            "offerings by tier + archetype": (
                lambda s=store: s.offerings_for(tier="foundation", archetypes=["users"]), 50,
                False),
            PLAN_QUERY: (lambda s=store: [plan(s, ["users"], "new")], 50, False),
        }
        for name, (call, repeat, lookup) in queries.items():
            call()  # warm: the snapshot's compiled lexicon, built on first use
            median, result = _median_ms(call, repeat)
            timings.append(QueryTiming(name, factor, median, len(result),
                                       _query_plans(engine, call), lookup))
        engine.dispose()
    return timings, sizes
