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


def _card(body: list[dict[str, Any]]) -> Attachment:
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
    return _card([text_block(markdown(text)), *action_sets(buttons)])


def card_attachment(payload: dict[str, Any]) -> Attachment | None:
    """A structured message as an Adaptive Card, or None when Teams draws it otherwise (the
    plan file) or it has nothing to show."""
    return cards.drawn(payload, {
        cards.ArchetypeCard: archetype_card,
        cards.PlanCard: plan_card,
        cards.HandoffCard: handoff_card,
    })


def _title(text: str) -> dict[str, Any]:
    return text_block(text, size="Medium", weight="Bolder")


def archetype_card(card: cards.ArchetypeCard) -> Attachment:
    body: list[dict[str, Any]] = [_title(card.title)]
    if card.lead:
        body.append(text_block(_plain(card.lead)))
    for number, entry in enumerate(card.entries):
        about = " · ".join(part for part in (entry.role, entry.match) if part)
        items = [
            text_block(entry.name, weight="Bolder", size="Large" if number == 0 else "Default"),
            text_block(about, isSubtle=True, spacing="None"),
        ]
        if entry.evidence:
            items.append(text_block(_bullets(entry.evidence)))
        body.append({"type": "Container", "separator": number > 0, "items": items})
    if card.example:
        body.append(text_block(_plain(card.example), isSubtle=True))
    return _card(body)


def plan_card(card: cards.PlanCard) -> Attachment:
    body: list[dict[str, Any]] = [_title(card.title)]
    if card.intro:
        body.append(text_block(_plain(card.intro), isSubtle=True, spacing="None"))
    for step in card.steps:
        items = [text_block(step.heading, weight="Bolder")]
        if step.lead:
            items.append(text_block(_plain(step.lead)))
        for reason in step.reasons:
            items.append(text_block(_plain(reason.heading), weight="Bolder", isSubtle=True))
            items.append(text_block(_bullets(reason.points), spacing="None"))
        if step.areas:
            items.append(text_block(f"{cards.AREAS}: {', '.join(step.areas)}", isSubtle=True))
        items += _offering_items(step.offerings)
        body.append({"type": "Container", "separator": True, "items": items})
    for part in card.parts:
        items = [text_block(part.heading, weight="Bolder")]
        if part.note:
            items.append(text_block(part.note))
        if part.lines:
            items.append(text_block(_bullets(part.lines)))
        items += _offering_items(part.offerings)
        body.append({"type": "Container", "separator": True, "items": items})
    body += action_sets([cards.RESTART_BUTTON])
    return _card(body)


def _offering_items(offerings: list[cards.Offering]) -> list[dict[str, Any]]:
    items = []
    for offering in offerings:
        url = offering.link.replace(" ", "%20").replace(")", "%29")
        items.append(text_block(f"[{_plain(offering.title)}]({url})"))
        if offering.facts:
            items.append(text_block(" · ".join(offering.facts), isSubtle=True,
                                    spacing="None", size="Small"))
    return items


def handoff_card(card: cards.HandoffCard) -> Attachment:
    body: list[dict[str, Any]] = [_title(card.title)]
    if card.lead:
        body.append(text_block(_plain(card.lead)))
    if card.summary:
        body.append(text_block(f"{cards.SUMMARY_TO_PASS_ON}: {_plain(card.summary)}"))
    links = []
    if card.email:
        links.append({"type": "Action.OpenUrl", "title": cards.EMAIL,
                      "url": f"mailto:{card.email}"})
    if card.url:
        links.append({"type": "Action.OpenUrl", "title": cards.CONTACT_PAGE, "url": card.url})
    if links:
        body.append({"type": "ActionSet", "actions": links})
    return _card(body)


def _bullets(lines: list[str] | tuple[str, ...]) -> str:
    """Lines as one TextBlock's Markdown list, a bullet each."""
    return "\n\n".join(f"- {_plain(line)}" for line in lines)


def _plain(text: str) -> str:
    """Text that may echo what someone typed: no Markdown links can form from it."""
    return text.replace("[", "(").replace("]", ")")
