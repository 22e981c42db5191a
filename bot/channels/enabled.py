"""Which channels to switch on, decided from the environment.

`python -m bot.channels.enabled OUT.yml` writes a Rasa credentials file naming REST plus every
channel whose variables are all set. The channels read their secrets from the environment
themselves, so the file holds no secrets and the log names variables, never their values.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

REST_CHANNEL = "bot.channels.rest.PathfinderRestInput"  # REST with strict input checks
WIDGET_CHANNEL = "bot.channels.widget.WidgetInput"  # the intranet widget, always on
LINKS_CHANNEL = "bot.channels.links.LinkTracker"  # tracked course links, always on
SLACK_CHANNEL = "bot.channels.slack.PathfinderSlackInput"
TEAMS_CHANNEL = "bot.channels.teams.TeamsInput"
CHANNEL_ENV: dict[str, tuple[str, ...]] = {
    SLACK_CHANNEL: ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"),
    TEAMS_CHANNEL: ("TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID"),
}


def enabled_channels(env: Mapping[str, str] | None = None) -> dict[str, None]:
    """Credentials entries (class path -> no options): REST, widget and links always, others
    when their variables are set."""
    env = os.environ if env is None else env
    channels: dict[str, None] = {REST_CHANNEL: None, WIDGET_CHANNEL: None, LINKS_CHANNEL: None}
    for path, names in CHANNEL_ENV.items():
        if all(env.get(name) for name in names):
            channels[path] = None
    return channels


def incomplete_channels(env: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """Channels with some but not all of their variables set, and what is missing."""
    env = os.environ if env is None else env
    result = {}
    for path, names in CHANNEL_ENV.items():
        missing = [name for name in names if not env.get(name)]
        if missing and len(missing) < len(names):
            result[path] = missing
    return result


def credentials_yaml(channels: Mapping[str, None]) -> str:
    lines = ["# Written by `python -m bot.channels.enabled`; secrets stay in the environment."]
    lines += [f"{path}:" for path in channels]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="credentials file to write")
    args = parser.parse_args(argv)
    channels = enabled_channels()
    for path, missing in incomplete_channels().items():
        print(f"warning: {path} not enabled; missing {', '.join(missing)}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(credentials_yaml(channels))
    names = ", ".join(path.rsplit(".", 1)[-1] for path in channels)
    print(f"Channels enabled: {names} -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
