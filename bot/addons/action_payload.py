"""What Rasa sends the action server with each custom-action call, without what no action reads.

Rasa 3.6 sends, with every call, the whole tracker (`current_state(EventVerbosity.ALL)`) and,
to an action marked `send_domain` (Rasa's selective domain, bot.addons.endpoints), the whole
domain. After a plan that is about 68 KB of JSON, written by the Rasa server and read by the
action server up to twice a turn. Two parts of it are never read by any action, by rasa_sdk,
or by its `FormValidationAction`, so they are left out here, and nothing else is:

* the domain's `responses` (about 15 KB), when the domain is sent: Rasa renders every response
  itself; an action only names one (`dispatcher.utter_message(response=...)`);
* the rich content (`data`: buttons, cards, attachments) of the bot's past messages (about
  12 KB after a plan): actions read the user's messages, slots and action names in
  `tracker.events` (`actions/fallback.py`, `actions/common/state.py`), never what the bot
  drew; a bot event keeps its text, metadata and time.

Every other field, event and slot goes as Rasa sends it, in the same order. The call is built
here rather than trimmed from Rasa's: Rasa's `current_state` deep-copies the open form's
trigger message (`dataclasses.asdict`), about 0.2 ms a call while the assessment is open, for a
body that is written as JSON straight away; here the form's fields are read as they are.
"""

from __future__ import annotations

import dataclasses
import weakref
from typing import Any

import rasa
from rasa.shared.core.constants import ACTIVE_LOOP, FOLLOWUP_ACTION
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

UNREAD_DOMAIN_KEYS = ("responses",)
UNREAD_BOT_KEYS = ("data",)

_lean: tuple[weakref.ref[Domain], dict[str, Any]] | None = None


def lean_domain(domain: Domain) -> dict[str, Any]:
    """The domain as Rasa sends it, without what no action reads; made once per domain."""
    global _lean
    if _lean is None or _lean[0]() is not domain:
        whole = domain.as_dict()
        _lean = (weakref.ref(domain),
                 {key: value for key, value in whole.items() if key not in UNREAD_DOMAIN_KEYS})
    return _lean[1]


def lean_event(event: dict[str, Any]) -> dict[str, Any]:
    """An event as Rasa sends it; a bot message without its rich content."""
    if event.get("event") != "bot":
        return event
    return {key: value for key, value in event.items() if key not in UNREAD_BOT_KEYS}


def tracker_state(tracker: DialogueStateTracker) -> dict[str, Any]:
    """Rasa's `tracker.current_state(EventVerbosity.ALL)`, the same fields in the same order,
    with lean events and the open form's fields as they are (module docstring)."""
    events = tracker.events
    loop = tracker.active_loop
    return {
        "sender_id": tracker.sender_id,
        "slots": tracker.current_slot_values(),
        "latest_message": tracker._latest_message_data(),
        "latest_event_time": events[-1].timestamp if events else None,
        FOLLOWUP_ACTION: tracker.followup_action,
        "paused": tracker.is_paused(),
        "events": [lean_event(e.as_dict()) for e in events],
        "latest_input_channel": tracker.get_latest_input_channel(),
        ACTIVE_LOOP: ({f.name: getattr(loop, f.name) for f in dataclasses.fields(loop)}
                      if loop else {}),
        "latest_action": tracker.latest_action,
        "latest_action_name": tracker.latest_action_name,
    }


def lean_call(action: str, tracker: DialogueStateTracker, domain: Domain,
              with_domain: bool) -> dict[str, Any]:
    """Rasa's action call (`RemoteAction._action_call_format`) without what no action reads."""
    call = {"next_action": action, "sender_id": tracker.sender_id,
            "tracker": tracker_state(tracker), "version": rasa.__version__}
    if with_domain:
        call["domain"] = lean_domain(domain)
    return call
