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

Every other field, event and slot goes as Rasa sends it, in the same order.
"""

from __future__ import annotations

import weakref
from typing import Any

from rasa.shared.core.domain import Domain

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


def lean_call(call: dict[str, Any], domain: Domain) -> dict[str, Any]:
    """Rasa's action call (`RemoteAction._action_call_format`) without what no action reads."""
    tracker = call["tracker"]
    lean = {**call, "tracker": {**tracker, "events": [lean_event(e) for e in tracker["events"]]}}
    if "domain" in call:
        lean["domain"] = lean_domain(domain)
    return lean
