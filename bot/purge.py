"""`python -m bot.purge`: the retention rule. Deletes conversations and profiles idle for longer
than an age.

Run it daily (cron, a Kubernetes CronJob). The age comes from `--older-than` or the setting
PATHFINDER_RETENTION (default 90d). Output is counts only: nothing that identifies a person.
It lives on the Rasa side because Rasa's conversation store is what it mostly deletes; the
knowledge store only lends it the profiles' own purge, and never learns Rasa's tables.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError

from bot.addons.retention import purge_conversations
from bot.contract import RETENTION_ENV, default_tracker_url
from knowledge.people.profiles import purge_older_than
from knowledge.storage.db import default_url, make_engine, safe_url

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


def build_parser() -> argparse.ArgumentParser:
    cmd = argparse.ArgumentParser(
        prog="python -m bot.purge",
        description="Delete conversations and profiles idle for longer than an age.",
        allow_abbrev=False,  # a command that deletes takes only the options it spells out
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
    return cmd


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
