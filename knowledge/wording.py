"""Small helpers for splicing catalogue text into the bot's sentences."""

from __future__ import annotations


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def lower_first(text: str) -> str:
    """`text` to follow a colon or 'who': first letter lowered unless it starts an acronym."""
    text = text.strip()
    if text and not _is_acronym(text.split(" ", 1)[0]):
        text = text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence_tail(text: str) -> str:
    """`text` lowered at the start and closed with a full stop."""
    text = lower_first(text)
    return text if text.endswith((".", "!", "?")) else text + "."


# The words for a familiarity level, a cost and a delivery mode, wherever a plan is shown.
LEVEL_WORDS = {
    "new": "new to AI",
    "some": "some experience of AI",
    "experienced": "experienced with AI",
}
COST_WORDS = {
    "free": "free",
    "funded": "funded places",
    "paid": "paid",
    "unknown": "cost not stated",
}
DELIVERY_WORDS = {"online": "online", "blended": "blended", "in_person": "in person"}
