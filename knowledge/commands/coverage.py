"""`coverage`: where the catalogue has no offering for an archetype's core area at a level."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from itertools import groupby

from sqlalchemy.exc import SQLAlchemyError

from knowledge.db import default_url, safe_url
from knowledge.insights.coverage import LEVELS, Coverage, Gap, find_gaps
from knowledge.insights.database import BadDatabaseUrl, DatabaseUnavailable, open_existing
from knowledge.store import KnowledgeStore, StoreUnavailable

EXIT_USAGE = 2
EXIT_DATABASE = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "coverage",
        help="list archetype x core area x level combinations with no offering",
        description=(
            "An offering covers a combination when it serves the archetype, covers the "
            "capability area and is at that level (1-4). Gaps are sorted by archetype, then area."
        ),
    )
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: KNOWLEDGE_DB_URL)")
    parser.add_argument("--format", choices=("md", "csv"), default="md",
                        help="md (a readable table, the default) or csv (one row per gap)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    url = args.db or default_url()
    try:
        engine = open_existing(url)
    except BadDatabaseUrl as err:
        print(err, file=sys.stderr)
        return EXIT_USAGE
    except DatabaseUnavailable as err:
        print(err, file=sys.stderr)
        return EXIT_DATABASE
    store = KnowledgeStore(engine)
    try:
        coverage = find_gaps(store)
        names = _names(store)
    except (SQLAlchemyError, StoreUnavailable) as err:
        print(f"Cannot read the catalogue in {safe_url(url)}: {err}", file=sys.stderr)
        return EXIT_DATABASE
    finally:
        engine.dispose()
    if args.format == "csv":
        sys.stdout.write(to_csv(coverage))
    else:
        sys.stdout.write(to_markdown(coverage, names))
    print(summary(coverage), file=sys.stderr if args.format == "csv" else sys.stdout)
    return 0


def _names(store: KnowledgeStore) -> dict[str, str]:
    return {
        **{a.key: a.name for a in store.archetypes()},
        **{a.key: a.name for a in store.areas()},
    }


def summary(coverage: Coverage) -> str:
    if not coverage.gaps:
        return (
            f"No gaps: all {coverage.checked} combinations of archetype, core area and level "
            "have at least one offering."
        )
    levels: dict[tuple[str, str], int] = {}
    for gap in coverage.gaps:
        levels[(gap.archetype, gap.area)] = levels.get((gap.archetype, gap.area), 0) + 1
    bare = sum(1 for n in levels.values() if n == len(LEVELS))
    return (
        f"{len(coverage.gaps)} of {coverage.checked} combinations have no offering, across "
        f"{len(levels)} of {coverage.core_pairs} archetype and core area pairs; "
        f"{bare} pair(s) have no offering at any level."
    )


def to_csv(coverage: Coverage) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("archetype", "capability_area", "level"))
    writer.writerows((g.archetype, g.area, g.level) for g in coverage.gaps)
    return buffer.getvalue()


def to_markdown(coverage: Coverage, names: dict[str, str]) -> str:
    lines = [
        "# Catalogue coverage: core areas with no offering",
        "",
        "Levels are the Capability Framework's four levels, from 1 (foundation) to 4 (expert). "
        "An offering covers a gap when it serves the archetype, covers the area and is at "
        "that level.",
        "",
    ]
    if coverage.gaps:
        lines += ["| Archetype | Core capability area | Levels with no offering |", "|---|---|---|"]

        def pair(gap: Gap) -> tuple[str, str]:
            return gap.archetype, gap.area

        for (archetype, area), gaps in groupby(coverage.gaps, key=pair):
            levels = ", ".join(str(g.level) for g in gaps)
            lines.append(
                f"| {names.get(archetype, archetype)} | {names.get(area, area)} (`{area}`) "
                f"| {levels} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"
