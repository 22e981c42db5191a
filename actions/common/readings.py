"""The engine's reading of a person's words and answers, worked out once per catalogue snapshot.

A conversation asks `identify` the same question several times (the validation action chooses
the next question, then settles the profile it shows, and does so again at every step of the
form and after every side question), and every time reads the same role text and answers
against the same lexicon. `identify` is pure, and its profile is frozen, so the answer for a
snapshot is kept and handed out again. The memo belongs to one snapshot: when the catalogue
changes it starts afresh, and it holds the snapshot only weakly, so an old snapshot is never
kept alive by it.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Mapping

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.advisor import identify as identify_afresh
from knowledge.engines.views import ArchetypeProfile

MAX_READINGS = 512  # distinct (text, answers) kept per snapshot, least recently used dropped

_Key = tuple[str, tuple[tuple[str, str], ...] | None]
_memo: tuple[weakref.ref[CatalogueSnapshot], OrderedDict[_Key, ArchetypeProfile]] | None = None


def _readings(store: CatalogueSnapshot) -> OrderedDict[_Key, ArchetypeProfile]:
    global _memo
    if _memo is None or _memo[0]() is not store:
        _memo = (weakref.ref(store), OrderedDict())
    return _memo[1]


def identify(
    store: CatalogueSnapshot, text: str, answers: Mapping[str, str] | None = None
) -> ArchetypeProfile:
    """`knowledge.engines.advisor.identify`, remembered for this snapshot."""
    key: _Key = (text, None if answers is None else tuple(sorted(answers.items())))
    readings = _readings(store)
    profile = readings.get(key)
    if profile is None:
        profile = readings[key] = identify_afresh(store, text, answers)
        if len(readings) > MAX_READINGS:
            readings.popitem(last=False)
    else:
        readings.move_to_end(key)
    return profile
