"""`check` and `load`: validate the catalogue content and write it to the database."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from sqlalchemy.exc import SQLAlchemyError

from knowledge.catalogue.loader import load
from knowledge.catalogue.review import REVIEW_MONTHS, overdue
from knowledge.catalogue.validate import (
    DEFAULT_CONTENT_DIR,
    ContentError,
    read_catalogue,
    summarise,
)
from knowledge.storage.db import default_url, make_engine, safe_url

EXIT_CONTENT = 2
EXIT_DATABASE = 3
EXIT_OVERDUE = 4


def register(subparsers: argparse._SubParsersAction) -> None:
    check = subparsers.add_parser("check", help="validate the catalogue content")
    check.add_argument("--content", default=str(DEFAULT_CONTENT_DIR), help="content folder")
    check.set_defaults(func=run_check)
    load_cmd = subparsers.add_parser("load", help="validate, migrate and load the catalogue")
    load_cmd.add_argument("--content", default=str(DEFAULT_CONTENT_DIR), help="content folder")
    load_cmd.add_argument("--db", default=None, help="SQLAlchemy URL (default: KNOWLEDGE_DB_URL)")
    load_cmd.set_defaults(func=run_load)


def _report(err: ContentError) -> int:
    for problem in err.problems:
        print(problem, file=sys.stderr)
    print(f"{len(err.problems)} problem(s); nothing was loaded.", file=sys.stderr)
    return EXIT_CONTENT


def run_check(args: argparse.Namespace) -> int:
    try:
        catalogue = read_catalogue(args.content)
    except ContentError as err:
        return _report(err)
    late = overdue(catalogue.offerings, date.today())
    for offering in late:
        print(f"offerings.yml: {offering.key}: last reviewed {offering.last_reviewed:%Y-%m-%d}; "
              "check it against the provider's page again", file=sys.stderr)
    if late:
        print(f"{len(late)} offering(s) not reviewed in the last {REVIEW_MONTHS} months.",
              file=sys.stderr)
        return EXIT_OVERDUE
    print(f"Content OK: {summarise(catalogue)}.")
    return 0


def run_load(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    url = args.db or default_url()
    try:
        catalogue = load(make_engine(url), args.content)
    except ContentError as err:
        return _report(err)
    except SQLAlchemyError as err:
        print(f"Cannot write to the knowledge database {safe_url(url)}: {err}", file=sys.stderr)
        return EXIT_DATABASE
    elapsed = time.perf_counter() - started
    print(f"Loaded {summarise(catalogue)} into {safe_url(url)} in {elapsed:.2f} s.")
    return 0
