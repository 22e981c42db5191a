"""Slack renderings of Pathfinder's messages: mrkdwn text and Block Kit cards.

Pure functions (no Rasa, no network) so Slack's layout limits are enforced and tested in one
place: 5 buttons per message, 3,000 characters per section, 50 blocks per message.
"""

from __future__ import annotations

import re
from typing import Any

from bot.channels import cards

MAX_BUTTONS = 5
MAX_SECTION_CHARS = 3000
MAX_BLOCKS = 50
MAX_BUTTON_TEXT = 75
MAX_HEADER_TEXT = 150
MORE_OPTIONS = "More options:"
PLAN_CUT = "There's more in your plan: ask me for a summary to see it all."

_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:)[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*]\s+")
_TOKEN = "\x02{}\x03"
_TOKEN_RE = re.compile("\x02(\\d+)\x03")

Message = dict[str, Any]


def escape(text: str) -> str:
    """Slack's three control characters; stops text from forming mentions such as <!channel>."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, title: str) -> str:
    return f"<{escape(url)}|{escape(title).replace('|', '/')}>"


def mrkdwn(text: str) -> str:
    """Light Markdown (**bold**, *italic*, [title](url), "- " bullets, # headings) as mrkdwn."""
    lines = []
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            lines.append(f"*{_inline(heading.group(1).strip())}*")
            continue
        line = _BULLET.sub(lambda m: f"{m.group(1)}• ", line)
        lines.append(_inline(line))
    return "\n".join(lines)


def _inline(text: str) -> str:
    links: list[str] = []

    def keep_link(match: re.Match[str]) -> str:
        links.append(link(match.group(2), match.group(1)))
        return _TOKEN.format(len(links) - 1)

    text = _LINK.sub(keep_link, text)
    text = escape(text)
    text = _BOLD.sub(lambda m: "\x01" + m.group(1) + "\x01", text)
    text = _ITALIC.sub(lambda m: "_" + m.group(1) + "_", text)
    text = text.replace("\x01", "*")
    return _TOKEN_RE.sub(lambda m: links[int(m.group(1))], text)


def sections(text: str) -> list[dict[str, Any]]:
    """mrkdwn sections, split at line breaks so none exceeds Slack's 3,000 characters."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > MAX_SECTION_CHARS:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:MAX_SECTION_CHARS])
            line = line[MAX_SECTION_CHARS:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > MAX_SECTION_CHARS:
            chunks.append(current)
            candidate = line
        current = candidate
    if current.strip():
        chunks.append(current)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": c}} for c in chunks if c.strip()]


def actions_block(buttons: list[dict[str, Any]], first_index: int = 0) -> dict[str, Any]:
    """One actions block; callers pass at most MAX_BUTTONS buttons."""
    if len(buttons) > MAX_BUTTONS:
        raise ValueError(f"Slack shows at most {MAX_BUTTONS} buttons in one block")
    return {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": _clip(str(b.get("title", "")),
                                                             MAX_BUTTON_TEXT), "emoji": True},
                "value": str(b.get("payload", "")),
                "action_id": f"pathfinder-{first_index + i}",
            }
            for i, b in enumerate(buttons)
        ],
    }


def text_with_buttons(text: str, buttons: list[dict[str, Any]]) -> list[Message]:
    """The text and its first five buttons, then a short follow-up per further five."""
    usable = [b for b in buttons if b.get("title") and b.get("payload")]
    body = mrkdwn(text)
    groups = [usable[i:i + MAX_BUTTONS] for i in range(0, len(usable), MAX_BUTTONS)] or [[]]
    messages = []
    for number, group in enumerate(groups):
        intro = body if number == 0 else MORE_OPTIONS
        blocks = sections(intro)
        if group:
            blocks.append(actions_block(group, number * MAX_BUTTONS))
        messages.append({"text": intro, "blocks": blocks})
    return messages


def card_message(payload: dict[str, Any]) -> Message | None:
    """A structured message as Block Kit, or None when it is not a card with something to show."""
    return cards.drawn(payload, {
        cards.ArchetypeCard: archetype_card,
        cards.PlanCard: plan_card,
        cards.HandoffCard: handoff_card,
        cards.SummaryCard: summary_message,
    })


def archetype_card(card: cards.ArchetypeCard) -> Message:
    blocks: list[dict[str, Any]] = [_header(card.title)]
    if card.lead:
        blocks += sections(escape(card.lead))
    for entry in card.entries:
        about = " · ".join(part for part in (entry.role, entry.match) if part)
        lines = [f"*{escape(entry.name)}*  ({escape(about)})"]
        lines += [f"• {escape(e)}" for e in entry.evidence]
        blocks += sections("\n".join(lines))
    if card.example:
        blocks.append(_context([escape(card.example)]))
    names = ", ".join(e.name for e in card.entries[1:])
    fallback = f"{card.title}: {card.entries[0].name}" + (f" (also {names})" if names else "")
    return {"text": fallback, "blocks": _fit(blocks)}


def plan_card(card: cards.PlanCard) -> Message:
    blocks: list[dict[str, Any]] = [_header(card.title)]
    if card.intro:
        blocks.append(_context([escape(card.intro)]))
    chunks = []
    for step in card.steps:
        lines = [f"*{escape(step.heading)}*"] + ([escape(step.lead)] if step.lead else [])
        for reason in step.reasons:
            lines.append(f"_{escape(reason.heading)}_")
            lines += [f"• {escape(point)}" for point in reason.points]
        if step.areas:
            lines.append(f"_{cards.AREAS}: {escape(', '.join(step.areas))}_")
        chunks.append(sections("\n".join(lines)) + _offering_blocks(step.offerings))
    for part in card.parts:
        lines = [f"*{escape(part.heading)}*"] + ([escape(part.note)] if part.note else [])
        lines += [f"• {escape(line)}" for line in part.lines]
        chunks.append(sections("\n".join(lines)) + _offering_blocks(part.offerings))
    for chunk in chunks:
        if len(blocks) + len(chunk) > MAX_BLOCKS - 2:
            blocks.append(_context([PLAN_CUT]))
            break
        blocks += chunk
    blocks.append(actions_block([cards.RESTART_BUTTON]))
    return {"text": f"{card.title}: " + "; ".join(s.heading for s in card.steps),
            "blocks": blocks}


def _offering_blocks(offerings: list[cards.Offering]) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for offering in offerings:
        blocks += sections(f"• {link(offering.link, offering.title)}")
        if offering.facts:
            blocks.append(_context([escape(" · ".join(offering.facts))]))
    return blocks


def handoff_card(card: cards.HandoffCard) -> Message:
    lines = [f"*{escape(card.title)}*"] + ([escape(card.lead)] if card.lead else [])
    if card.email:
        lines.append(f"{cards.EMAIL}: {link('mailto:' + card.email, card.email)}")
    if card.url:
        lines.append(link(card.url, cards.CONTACT_PAGE))
    if card.summary:
        lines.append(f"_{cards.SUMMARY_TO_PASS_ON}:_ {escape(card.summary)}")
    return {"text": card.title, "blocks": _fit(sections("\n".join(lines)))}


def summary_message(card: cards.SummaryCard) -> Message:
    """The plan's text before its files: the lead, then the plan itself as mrkdwn."""
    text = "\n\n".join(part for part in (card.lead, card.content) if part)
    return {"text": mrkdwn(card.lead or card.title), "blocks": _fit(sections(mrkdwn(text)))}


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": _clip(text, MAX_HEADER_TEXT)}}


def _context(texts: list[str]) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in texts]}


def _fit(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return blocks[:MAX_BLOCKS]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
