"""Rasa's message processor deep-copies what it hands to its debug log lines, even when nothing
logs at debug level; here it copies only when those lines are written.

Rasa 3.6's `MessageProcessor` passes `copy.deepcopy(...)` of the turn's events, slot values
and parse data as arguments to `structlogger.debug(...)`, so the copy is made before structlog
can drop the line: on every turn, several times, whatever the log level (measured, about 6% of
a Pathfinder turn in the in-process profile, docs/benchmarks.md). Every use of the `copy`
module in that processor is such a log argument (`tests/bot/test_debug_copies.py` checks the
processor's source for it), so `install()` gives the processor a `copy` whose `deepcopy`
returns its argument unchanged while debug lines are filtered out, and copies as before when
they are written (`rasa run --debug`, or structlog not configured at all).

Likewise its `_log_slots`, run after every custom action, writes every slot's value into one
string (after a plan, the whole plan: about 0.1 ms a call) for a debug line only; it is run
only when debug lines are written.

Activated with the other add-ons by `python -m bot.addons.rasa_run`.
"""

from __future__ import annotations

import copy
import logging
from types import SimpleNamespace
from typing import TypeVar

import rasa.core.processor as processor
import structlog
from rasa.shared.core.trackers import DialogueStateTracker

T = TypeVar("T")
_DROPPED = structlog.make_filtering_bound_logger(logging.INFO).debug  # a filtered-out level


def debug_written() -> bool:
    """Whether structlog, as configured now, writes debug lines (Rasa configures it at start)."""
    return getattr(structlog.get_config()["wrapper_class"], "debug", None) is not _DROPPED


def deepcopy_if_logged(value: T, memo: dict | None = None) -> T:
    """A deep copy when debug lines are written; otherwise the value itself, which the log call
    that receives it then drops without reading."""
    return copy.deepcopy(value, memo) if debug_written() else value


_RASA_LOG_SLOTS = processor.MessageProcessor._log_slots


def log_slots_if_logged(tracker: DialogueStateTracker) -> None:
    """Rasa's debug line of the slot values, built only when it is written."""
    if debug_written():
        _RASA_LOG_SLOTS(tracker)


def install() -> None:
    """Give Rasa's processor the copying and slot logging that depend on the log level."""
    processor.copy = SimpleNamespace(deepcopy=deepcopy_if_logged)  # type: ignore[assignment]
    processor.MessageProcessor._log_slots = staticmethod(  # type: ignore[method-assign]
        log_slots_if_logged)
