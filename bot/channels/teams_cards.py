"""Adaptive Card renderings of Pathfinder's messages for Microsoft Teams.

Pure functions (no Rasa, no network). Buttons become Action.Submit with a messageBack, so a
click shows the button's title in the chat and reaches the bot as {"payload": ...} in the
activity's `value` (Rasa's stock hero-card buttons cannot be clicked in Teams).
"""

from __future__ import annotations

import re
from typing import Any

from bot.channels import cards

ADAPTIVE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.4"
MAX_ACTIONS_PER_SET = 5

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")

Attachment = dict[str, Any]


def markdown(text: str) -> str:
    """Light Markdown as Teams shows it: headings become bold, line breaks are kept."""
    lines = []
    for line in text.strip().split("\n"):
        heading = _HEADING.match(line)
        lines.append(f"**{heading.group(1).strip()}**" if heading else line)
    # Teams joins single line breaks into one paragraph; blank lines keep them apart.
    return "\n\n".join(line for line in lines if line.strip())


def submit_action(button: dict[str, Any]) -> dict[str, Any]:
    title = str(button.get("title", ""))
    payload = str(button.get("payload", ""))
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {
            "payload": payload,
            "msteams": {
                "type": "messageBack",
                "displayText": title,
                "text": title,
                "value": {"payload": payload},
            },
        },
    }


def action_sets(buttons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    usable = [b for b in buttons if b.get("title") and b.get("payload")]
    groups = [usable[i:i + MAX_ACTIONS_PER_SET] for i in range(0, len(usable), MAX_ACTIONS_PER_SET)]
    return [{"type": "ActionSet", "actions": [submit_action(b) for b in g]} for g in groups]


def card(body: list[dict[str, Any]]) -> Attachment:
    return {
        "contentType": ADAPTIVE,
        "content": {
            "type": "AdaptiveCard",
            "$schema": SCHEMA,
            "version": VERSION,
            "body": body,
            "msteams": {"width": "Full"},
        },
    }


def text_block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def text_with_buttons(text: str, buttons: list[dict[str, Any]]) -> Attachment:
    return card([text_block(markdown(text)), *action_sets(buttons)])


def archetype_card(payload: dict[str, Any]) -> Attachment | None:
    entries = cards.archetype_entries(payload)
    if not entries:
        return None
    body: list[dict[str, Any]] = [
        text_block(cards.archetype_heading(payload), size="Medium", weight="Bolder")
    ]
    for number, entry in enumerate(entries):
        role = "Primary" if number == 0 else "Also"
        match = f" · {entry.percent}% match" if entry.percent is not None else ""
        items = [
            text_block(entry.name, weight="Bolder", size="Large" if number == 0 else "Default"),
            text_block(f"{role}{match}", isSubtle=True, spacing="None"),
        ]
        if entry.evidence:
            items.append(text_block("\n\n".join(f"- {_plain(e)}" for e in entry.evidence)))
        body.append({"type": "Container", "separator": number > 0, "items": items})
    return card(body)


def plan_card(payload: dict[str, Any]) -> Attachment | None:
    steps = cards.plan_steps(payload)
    if not steps:
        return None
    body: list[dict[str, Any]] = [
        text_block("Your learning pathway", size="Medium", weight="Bolder")
    ]
    intro = cards.plan_intro(payload)
    if intro:
        body.append(text_block(intro, isSubtle=True, spacing="None"))
    for step in steps:
        items = [text_block(step.heading, weight="Bolder")]
        if step.why:
            items.append(text_block(step.why))
        if step.areas:
            items.append(text_block(f"Capability areas: {', '.join(step.areas)}", isSubtle=True))
        items += _offering_items(step.offerings)
        body.append({"type": "Container", "separator": True, "items": items})
    for part in cards.plan_parts(payload):
        items = [text_block(part.heading, weight="Bolder")]
        if part.note:
            items.append(text_block(part.note))
        if part.lines:
            items.append(text_block("\n\n".join(f"- {_plain(line)}" for line in part.lines)))
        items += _offering_items(part.offerings)
        body.append({"type": "Container", "separator": True, "items": items})
    body += action_sets([cards.RESTART_BUTTON])
    return card(body)


def _offering_items(offerings: list[cards.Offering]) -> list[dict[str, Any]]:
    items = []
    for offering in offerings:
        url = offering.url.replace(" ", "%20").replace(")", "%29")
        items.append(text_block(f"[{_plain(offering.title)}]({url})"))
        if offering.facts:
            items.append(text_block(" · ".join(offering.facts), isSubtle=True,
                                    spacing="None", size="Small"))
    return items


def handoff_card(payload: dict[str, Any]) -> Attachment:
    team = str(payload.get("team") or "the learning team")
    body: list[dict[str, Any]] = [text_block(f"Talk to a person: {team}", weight="Bolder")]
    if payload.get("summary"):
        body.append(text_block(f"Summary to pass on: {_plain(str(payload['summary']))}"))
    links = []
    if payload.get("email"):
        links.append({"type": "Action.OpenUrl", "title": "Email them",
                      "url": f"mailto:{payload['email']}"})
    if payload.get("url"):
        links.append(
            {"type": "Action.OpenUrl", "title": "Contact page", "url": str(payload["url"])}
        )
    if links:
        body.append({"type": "ActionSet", "actions": links})
    return card(body)


def _plain(text: str) -> str:
    """Text that may echo what someone typed: no Markdown links can form from it."""
    return text.replace("[", "(").replace("]", ")")
