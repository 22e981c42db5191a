"""`purge`: the retention rule. Deletes profiles and conversations idle for longer than an age.

Run it daily (cron, a Kubernetes CronJob). The age comes from `--older-than` or the setting
PATHFINDER_RETENTION (default 90d). Output is counts only: nothing that identifies a person.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError

from bot.addons.retention import purge_conversations
from bot.contract import default_tracker_url
from knowledge.people.profiles import purge_older_than
from knowledge.storage.db import default_url, make_engine, safe_url

RETENTION_ENV = "PATHFINDER_RETENTION"
DEFAULT_RETENTION = "90d"
EXIT_USAGE = 2
EXIT_DATABASE = 3
UNITS = {"h": "hours", "d": "days", "w": "weeks"}
AGE = re.compile(r"^\s*(\d+)\s*([hdw])\s*$", re.IGNORECASE)


def parse_age(value: str) -> timedelta:
    """'12h', '30d' or '8w' as a timedelta; anything else (or zero) is refused."""
    match = AGE.match(value or "")
    if not match or int(match.group(1)) == 0:
        raise ValueError(
            f"{value!r} is not an age: use a whole number of hours, days or weeks, "
            "such as 12h, 90d or 8w"
        )
    return timedelta(**{UNITS[match.group(2).lower()]: int(match.group(1))})


def register(subparsers: argparse._SubParsersAction) -> None:
    cmd = subparsers.add_parser(
        "purge", help="delete profiles and conversations idle for longer than an age"
    )
    cmd.add_argument(
        "--older-than",
        default=None,
        help=f"age such as 12h, 90d or 8w (default: ${RETENTION_ENV} or {DEFAULT_RETENTION})",
    )
    cmd.add_argument(
        "--db", default=None, help="knowledge database URL (default: KNOWLEDGE_DB_URL)"
    )
    cmd.add_argument(
        "--tracker-db", default=None, help="Rasa tracker store URL (default: TRACKER_DB_URL)"
    )
    cmd.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raw = args.older_than
    if raw is None:
        raw = os.environ.get(RETENTION_ENV) or DEFAULT_RETENTION
    try:
        age = parse_age(raw)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    knowledge_url = args.db or default_url()
    tracker_url = args.tracker_db or default_tracker_url()
    try:
        profiles = purge_older_than(make_engine(knowledge_url), age)
    except SQLAlchemyError as err:
        print(f"Cannot purge profiles in {safe_url(knowledge_url)}: {err}", file=sys.stderr)
        return EXIT_DATABASE
    try:
        conversations, events = purge_conversations(make_engine(tracker_url), age)
    except SQLAlchemyError as err:
        print(f"Cannot purge conversations in {safe_url(tracker_url)}: {err}", file=sys.stderr)
        return EXIT_DATABASE
    print(
        f"Removed {profiles} profile(s) and {conversations} conversation(s) ({events} events) "
        f"idle for more than {raw.strip()}."
    )
    return 0
