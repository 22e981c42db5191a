"""How glossary terms are spelt for lookup: case, punctuation and plural tolerant."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^a-z0-9]+")
_KEEP_FINAL_S = ("ss", "is", "us", "ics", "as")


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(_KEEP_FINAL_S):
        return word[:-1]
    return word


def term_key(text: str) -> str:
    """The lookup form of a term: lower case, words only, last word singular."""
    words = _NON_WORD.sub(" ", text.lower().replace("'", "")).split()
    if not words:
        return ""
    words[-1] = _singular(words[-1])
    return " ".join(words)


def aliases_for(term: str, synonyms: Iterable[str]) -> list[str]:
    """Every lookup form that should find `term`, without duplicates, term first."""
    seen: dict[str, None] = {}
    for spelling in (term, *synonyms):
        key = term_key(spelling)
        if key:
            seen.setdefault(key, None)
    return list(seen)
