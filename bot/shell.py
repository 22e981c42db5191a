"""`rasa shell` with the cards drawn readably in the terminal.

The bot already sends every card's content as text, so the console shows a one-line note for
each card instead of raw JSON, and saves the Markdown summary to a file it names.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rasa.core.channels import console
from rasa.shared.utils.cli import print_color
from rasa.shared.utils.io import bcolors

from bot.addons.resilient_actions import install

SUMMARY_DIR = Path("artifacts")
_plain_output = console._print_bot_output


def card_line(custom: dict[str, Any]) -> str | None:
    """A one-line rendering of a structured payload, or None for unknown payloads."""
    kind = custom.get("type")
    if kind == "archetype_result":
        items = [
            f"{a['name']} {round(a['score'] * 100)}%" for a in custom.get("archetypes", [])
        ]
        sure = "" if custom.get("confident") else " (best guess)"
        return f"[archetype card] {', '.join(items)}{sure}"
    if kind == "pathway_plan":
        steps = custom.get("steps", [])
        offerings = sum(len(s.get("offerings", [])) for s in steps)
        return f"[plan card] {len(steps)} steps, {offerings} offerings, level {custom['level']}"
    if kind == "plan_summary":
        SUMMARY_DIR.mkdir(exist_ok=True)
        path = SUMMARY_DIR / Path(custom.get("filename") or "pathfinder-plan.md").name
        path.write_text(custom.get("content", ""), encoding="utf-8")
        return f"[summary saved to {path}]"
    if kind == "handoff":
        return f"[handoff] {custom.get('team')}"
    return None


def print_bot_output(
    message: dict[str, Any], is_latest_message: bool = False, color: str = bcolors.OKBLUE
) -> Any:
    custom = message.get("custom")
    if isinstance(custom, dict):
        line = card_line(custom)
        print_color(line or json.dumps(custom, indent=2), color=color)
        return None
    return _plain_output(message, is_latest_message=is_latest_message, color=color)


def main(argv: list[str]) -> None:
    console._print_bot_output = print_bot_output
    install()  # a down action server gets a clear reply instead of silence
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", "shell", *argv]
    rasa_main()


if __name__ == "__main__":
    main(sys.argv[1:])
