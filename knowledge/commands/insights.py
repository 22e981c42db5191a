"""`insights`: the anonymous demand report for educators and planners."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from knowledge.catalogue.review import REVIEW_MONTHS
from knowledge.catalogue.store import StoreUnavailable
from knowledge.insights.database import BadDatabaseUrl, DatabaseUnavailable, open_existing
from knowledge.insights.render import FORMATS, write_report
from knowledge.insights.report import build_report
from knowledge.storage.db import default_url, safe_url

EXIT_USAGE = 2
EXIT_DATABASE = 3
DEFAULT_OUT = "reports/insights"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; use YYYY-MM-DD, for example 2026-01-31"
        ) from None


def _months(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of months (1 or more)")
    return int(text)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "insights",
        help="anonymous demand report for educators and planners",
        description=(
            "Archetype mix, capability areas most needed, offerings recommended and followed, "
            "unmet demand and overdue reviews. Counts under 5 are shown as <5."
        ),
    )
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD",
                        help="count events from this date's month on (default: all)")
    parser.add_argument("--format", choices=FORMATS, default="md",
                        help="md (with PNG charts), html (self-contained) or csv; default md")
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                        help=f"folder to write the report to (default: {DEFAULT_OUT})")
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: KNOWLEDGE_DB_URL)")
    parser.add_argument("--review-months", type=_months, default=REVIEW_MONTHS, metavar="N",
                        help="flag offerings last reviewed more than N months ago "
                             f"(default {REVIEW_MONTHS})")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    url = args.db or default_url()
    try:
        engine = open_existing(url, need_events=True)
    except BadDatabaseUrl as err:
        print(err, file=sys.stderr)
        return EXIT_USAGE
    except DatabaseUnavailable as err:
        print(err, file=sys.stderr)
        return EXIT_DATABASE
    try:
        report = build_report(engine, args.since, review_months=args.review_months)
    except (SQLAlchemyError, StoreUnavailable) as err:
        print(f"Cannot read the knowledge database {safe_url(url)}: {err}", file=sys.stderr)
        return EXIT_DATABASE
    finally:
        engine.dispose()
    try:
        written = write_report(report, args.format, Path(args.out))
    except OSError as err:
        print(f"Cannot write the report to {args.out}: {err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {written[0]}" + (f" and {len(written) - 1} chart(s)" if len(written) > 1 else ""))
    return 0
