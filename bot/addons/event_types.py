"""Rasa's lookup of an event class by its type name, remembered instead of searched each time.

Rasa 3.6 turns every stored or received event back into an object with
`Event.resolve_by_type`, which walks the whole tree of Event subclasses, with
`inspect.isabstract` on each, for every single event: measured, about 60% of fetching a
tracker from the store and a share of reading every action server answer. The answer for a
type name never changes once found, so `install()` keeps each one the first time Rasa's own
lookup finds it; names it does not find (unknown events, Rasa's old `topic`, a default) still
go through Rasa's code every time, with its errors.

Activated with the other add-ons by `python -m bot.addons.rasa_run`.
"""

from __future__ import annotations

from rasa.shared.core.events import Event

_RASA_LOOKUP = Event.resolve_by_type
_found: dict[str, type[Event]] = {}


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """The event class for `type_name`, as Rasa's `Event.resolve_by_type` returns it."""
    known = _found.get(type_name)
    if known is not None:
        return known
    found = _RASA_LOOKUP(type_name, default)
    if found is not None and found is not default:
        _found[type_name] = found
    return found


def install() -> None:
    """Make Rasa use the remembering lookup from now on."""
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]
