"""A card as light Markdown, for channels that cannot draw it: REST clients, the terminal and
any other channel without a drawing of its own.

The text is laid out from the same records as the Slack and Teams cards (`cards`), so it says
exactly what they say; links go to the provider's own page, as text always has.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.channels import cards


def card_text(payload: dict[str, Any]) -> str | None:
    """The card a message carries as text, or None when it is not a card (or has nothing to
    show)."""
    card = cards.read(payload)
    return None if card is None else text_of(card)


def text_of(card: cards.Card, titled: bool = True) -> str | None:
    """A card already read, as text; without its title when the caller shows that itself (the
    terminal frames it)."""
    draw = _DRAWINGS.get(type(card))
    if draw is None:
        return None
    title = card.title if titled else ""
    return "\n".join(line for line in [_bold(title), *draw(card)] if line is not None)


def _archetype(card: cards.ArchetypeCard) -> list[str | None]:
    lines: list[str | None] = [card.lead or None]
    for entry in card.entries:
        about = " · ".join(part for part in (entry.role, entry.match) if part)
        lines.append(f"**{entry.name}** ({about})")
        lines += [f"- {reason}" for reason in entry.evidence]
    lines.append(card.example or None)
    return lines


def _plan(card: cards.PlanCard) -> list[str | None]:
    lines: list[str | None] = [card.intro or None]
    for step in card.steps:
        lines += [_bold(step.heading), step.lead or None]
        for reason in step.reasons:
            lines.append(f"*{reason.heading}*")
            lines += [f"- {point}" for point in reason.points]
        if step.areas:
            lines.append(f"{cards.AREAS}: {', '.join(step.areas)}.")
        lines += [f"   - {_offering(o)}" for o in step.offerings]
    for part in card.parts:
        lines += [_bold(part.heading), part.note or None]
        lines += [f"- {line}" for line in part.lines]
        lines += [f"- {_offering(o)}" for o in part.offerings]
    return lines


def _handoff(card: cards.HandoffCard) -> list[str | None]:
    lines: list[str | None] = [card.lead or None]
    if card.email:
        lines.append(f"{cards.EMAIL}: [{card.email}](mailto:{card.email})")
    if card.url:
        lines.append(f"[{cards.CONTACT_PAGE}]({card.url})")
    if card.summary:
        lines.append(f"{cards.SUMMARY_TO_PASS_ON}: {card.summary}")
    return lines


def _summary(card: cards.SummaryCard) -> list[str | None]:
    return [card.lead or None, "", card.content] if card.content else [card.lead or None]


def _offering(offering: cards.Offering) -> str:
    facts = " · ".join(offering.facts)
    return f"[{offering.title}]({offering.url})" + (f": {facts}" if facts else "")


def _bold(text: str) -> str | None:
    return f"**{text}**" if text else None


_DRAWINGS: dict[type, Callable[[Any], list[str | None]]] = {
    cards.ArchetypeCard: _archetype,
    cards.PlanCard: _plan,
    cards.HandoffCard: _handoff,
    cards.SummaryCard: _summary,
}
