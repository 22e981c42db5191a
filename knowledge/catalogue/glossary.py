"""How glossary terms are spelt for lookup: case, punctuation and plural tolerant."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^a-z0-9]+")


def term_key(text: str) -> str:
    """The lookup form of a term: lower case, words only."""
    return " ".join(_NON_WORD.sub(" ", text.lower().replace("'", "")).split())


def _word_forms(word: str) -> list[str]:
    """A word and its likely singular or plural partners ('biases' -> 'bias', 'log' -> 'logs')."""
    forms = [word]
    if len(word) > 3 and word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if len(word) > 3 and word.endswith("es"):
        forms.append(word[:-2])
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    if not word.endswith("s"):
        forms += [word + "s", word + "es"]
    return forms


def key_forms(text: str) -> list[str]:
    """`text`'s lookup form followed by its variants with the last word singular or plural."""
    words = term_key(text).split()
    if not words:
        return []
    return [" ".join([*words[:-1], form]) for form in _word_forms(words[-1])]


def aliases_for(term: str, synonyms: Iterable[str]) -> list[str]:
    """The exact spellings that should find `term`, without duplicates, term first."""
    return list(dict.fromkeys(k for s in (term, *synonyms) if (k := term_key(s))))
