"""The earlier messages of a conversation, so a reloaded page can show them again.

Read from the tracker store (the same events Rasa keeps for the conversation), from the turn
that last restarted it, and rendered by the widget's own output channel so replayed messages
look exactly like live ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rasa.shared.core.events import BotUttered, Event, Restarted, UserUttered

from bot.channels.widget_output import RecordingOutput

MAX_MESSAGES = 200


def _since_restart(events: Sequence[Event]) -> Sequence[Event]:
    """Events from the turn of the last restart on (its "let's start again" reply included)."""
    restarts = [i for i, e in enumerate(events) if isinstance(e, Restarted)]
    if not restarts:
        return events
    last = restarts[-1]
    turns = [i for i, e in enumerate(events[:last]) if isinstance(e, UserUttered)]
    return events[turns[-1] if turns else last + 1:]


async def replay(events: Sequence[Event], sender_id: str) -> list[dict[str, Any]]:
    """`{"from": "user", "text"}` and `{"from": "bot", "message"}` entries, oldest first.

    A user turn sent as a button payload ("/affirm") shows the button's title, as it did live;
    other slash commands (the widget's "/greet", "/restart") are not shown.
    """
    entries: list[dict[str, Any]] = []
    button_titles: dict[str, str] = {}
    for event in _since_restart(events):
        if isinstance(event, UserUttered):
            text = (event.text or "").strip()
            shown = button_titles.get(text) if text.startswith("/") else text
            if shown:
                entries.append({"from": "user", "text": shown})
            button_titles = {}
        elif isinstance(event, BotUttered):
            recorder = RecordingOutput()
            await recorder.send_response(sender_id, event.message())
            for message in recorder.sent:
                for reply in message.get("quick_replies") or []:
                    button_titles[str(reply.get("payload"))] = str(reply.get("title"))
                entries.append({"from": "bot", "message": message})
    return entries[-MAX_MESSAGES:]
