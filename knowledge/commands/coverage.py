"""`coverage`: where the catalogue has no offering for an archetype's core area in a band."""

from __future__ import annotations

import argparse
import csv
import io
import sys

from sqlalchemy.exc import SQLAlchemyError

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore, StoreUnavailable
from knowledge.engines.views import LEVEL_BANDS
from knowledge.insights.coverage import BANDS, Coverage, Gap, core_areas, find_gaps
from knowledge.insights.database import BadDatabaseUrl, DatabaseUnavailable, open_existing
from knowledge.storage.db import default_url, safe_url

EXIT_USAGE = 2
EXIT_DATABASE = 3
MISSING = "missing"
PRESENT = "yes"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "coverage",
        help="show each archetype's core areas with no foundation or advanced offering",
        description=(
            "An offering covers an archetype's core area in a band when it serves the "
            "archetype, covers the area and its level is in the band: foundation (levels 1-2) "
            "or advanced (levels 3-4)."
        ),
    )
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: KNOWLEDGE_DB_URL)")
    parser.add_argument("--format", choices=("md", "csv"), default="md",
                        help="md (every core area, the default) or csv (one row per gap)")
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
    try:
        store = KnowledgeStore(engine).snapshot()
        coverage = find_gaps(store)
        names = _names(store)
        core = core_areas(store)
    except (SQLAlchemyError, StoreUnavailable) as err:
        print(f"Cannot read the catalogue in {safe_url(url)}: {err}", file=sys.stderr)
        return EXIT_DATABASE
    finally:
        engine.dispose()
    if args.format == "csv":
        sys.stdout.write(to_csv(coverage))
    else:
        sys.stdout.write(to_markdown(coverage, names, core))
    print(summary(coverage), file=sys.stderr if args.format == "csv" else sys.stdout)
    return 0


def _names(store: CatalogueSnapshot) -> dict[str, str]:
    return {
        **{a.key: a.name for a in store.archetypes()},
        **{a.key: a.name for a in store.areas()},
    }


def summary(coverage: Coverage) -> str:
    if not coverage.gaps:
        return (
            f"No gaps: all {coverage.core_pairs} archetype and core area pairs have a "
            "foundation and an advanced offering."
        )
    pairs = {(g.archetype, g.area) for g in coverage.gaps}
    by_band = ", ".join(
        f"{sum(1 for g in coverage.gaps if g.band == band)} {band}" for band in BANDS
    )
    return (
        f"{len(coverage.gaps)} of {coverage.checked} combinations have no offering ({by_band}), "
        f"across {len(pairs)} of {coverage.core_pairs} archetype and core area pairs."
    )


def to_csv(coverage: Coverage) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("archetype", "capability_area", "band"))
    writer.writerows((g.archetype, g.area, g.band) for g in coverage.gaps)
    return buffer.getvalue()


def to_markdown(
    coverage: Coverage, names: dict[str, str], core: dict[str, tuple[str, ...]]
) -> str:
    """Every archetype x core area pair, with each band marked present or missing."""
    bands = ", ".join(
        f"{band} (levels {'-'.join(str(n) for n in (levels[0], levels[-1]))})"
        for band, levels in LEVEL_BANDS.items()
    )
    lines = [
        "# Catalogue coverage: each archetype's core areas by band",
        "",
        f"Bands group the Capability Framework's four levels: {bands}. An offering covers a "
        "band when it serves the archetype, covers the area and its level is in the band.",
        "",
        "| Archetype | Core capability area | " + " | ".join(b.capitalize() for b in BANDS) + " |",
        "|---|---|" + "---|" * len(BANDS),
    ]
    gaps = set(coverage.gaps)
    for archetype in sorted(core):
        for area in core[archetype]:
            marks = [
                MISSING if Gap(archetype, area, band) in gaps else PRESENT for band in BANDS
            ]
            lines.append(
                f"| {names.get(archetype, archetype)} | {names.get(area, area)} (`{area}`) | "
                + " | ".join(marks) + " |"
            )
    lines.append("")
    return "\n".join(lines) + "\n"
