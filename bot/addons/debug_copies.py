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

Activated with the other add-ons by `python -m bot.addons.rasa_run`.
"""

from __future__ import annotations

import copy
import logging
from types import SimpleNamespace
from typing import TypeVar

import rasa.core.processor as processor
import structlog

T = TypeVar("T")
_DROPPED = structlog.make_filtering_bound_logger(logging.INFO).debug  # a filtered-out level


def debug_written() -> bool:
    """Whether structlog, as configured now, writes debug lines (Rasa configures it at start)."""
    return getattr(structlog.get_config()["wrapper_class"], "debug", None) is not _DROPPED


def deepcopy_if_logged(value: T, memo: dict | None = None) -> T:
    """A deep copy when debug lines are written; otherwise the value itself, which the log call
    that receives it then drops without reading."""
    return copy.deepcopy(value, memo) if debug_written() else value


def install() -> None:
    """Give Rasa's processor the copying that depends on the log level."""
    processor.copy = SimpleNamespace(deepcopy=deepcopy_if_logged)  # type: ignore[assignment]
