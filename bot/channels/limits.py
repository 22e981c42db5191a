"""What one incoming message may be, for every connector that builds a Rasa `UserMessage`.

A long message costs seconds of CPU in the server's only event loop (docs/reliability.md), so
each channel refuses one over the cap before Rasa sees it and tells the person why, in these
words; nothing is kept from a refused message and the conversation carries on as it was.
"""

from __future__ import annotations

MAX_MESSAGE_LENGTH = 2000
TOO_LONG = (
    f"That message is too long for me: please keep it under {MAX_MESSAGE_LENGTH:,} "
    "characters, or send it in shorter parts."
)


def too_long(text: str) -> bool:
    """True when `text` is over the cap (counted in characters, as people count them)."""
    return len(text) > MAX_MESSAGE_LENGTH
