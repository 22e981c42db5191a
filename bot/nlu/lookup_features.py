"""Rasa's regex featurizer, with its lookup tables matched as phrases instead of as one regex.

Rasa turns each lookup table into one regular expression, `(\\bA\\b|\\bB\\b|...)`, and runs it
over every message. Python's `re` tries every alternative at every position, so Pathfinder's
two large tables (job titles and AI activities, about 2,000 phrases each, generated from the
knowledge store) cost about 0.3 ms each per message, the largest part of understanding a role
description. Here a table's regex is recognised for what it is (it must be exactly the regex
Rasa makes from a list of plain phrases) and the same matches are found with a dictionary of
the phrases: at each word boundary, the phrases ending at a later word boundary are looked up,
and, as with the regex, the earliest match wins, the first-listed phrase among those starting
there, and the search goes on after it. Features, token marks and the trained model are the
same as Rasa's (`tests/bot/test_nlu_lookup_features.py` compares them on every training
example); any other pattern, a table with other characters, or a message that is not plain
ASCII (where `re`'s case-folding has its own rules) still goes through Rasa's regex.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
from rasa.nlu.utils.pattern_utils import _generate_lookup_regex
from rasa.shared.nlu.constants import ACTION_TEXT, RESPONSE, TEXT
from rasa.shared.nlu.training_data.message import Message

SENTENCE_ATTRIBUTES = (TEXT, RESPONSE, ACTION_TEXT)  # where a match also marks the sentence
_OPEN, _BETWEEN, _CLOSE = "(\\b", "\\b|\\b", "\\b)"
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)

Span = tuple[int, int]


@dataclass(frozen=True)
class LookupPhrases:
    """A lookup table's phrases, as Rasa's word-bounded lookup regex matches them."""

    first_listed: dict[str, int]  # phrase (lower-cased unless case-sensitive) -> first position
    lengths: frozenset[int]
    openings: frozenset[str]  # each phrase up to its first inner word boundary
    case_sensitive: bool

    @classmethod
    def from_regex(cls, pattern: str, case_sensitive: bool) -> LookupPhrases | None:
        """The phrases of a regex made by Rasa from a lookup table; None for any other regex."""
        if not (pattern.startswith(_OPEN) and pattern.endswith(_CLOSE)):
            return None
        body = pattern[len(_OPEN):-len(_CLOSE)]
        phrases = [_ESCAPED.sub(r"\1", part) for part in body.split(_BETWEEN)]
        plain = all(p and p.isascii() and "\\" not in p for p in phrases)
        if not plain or _generate_lookup_regex({"elements": phrases}, True) != pattern:
            return None
        first: dict[str, int] = {}
        for position, phrase in enumerate(phrases):
            first.setdefault(phrase if case_sensitive else phrase.lower(), position)
        return cls(first, frozenset(len(p) for p in first),
                   frozenset(p[:_first_inner_boundary(p)] for p in first), case_sensitive)

    def spans(self, text: str, bounds: list[int] | None = None) -> list[Span]:
        """Where `re.finditer` finds the table's regex in `text` (plain ASCII), whose
        `word_boundaries` may be given."""
        key = text if self.case_sensitive else text.lower()
        bounds = word_boundaries(text) if bounds is None else bounds
        longest = max(self.lengths)
        found: list[Span] = []
        resume = 0
        for i, start in enumerate(bounds[:-1]):
            # a phrase matching here runs to the text's next boundary first (its own first
            # inner boundary, or its end): no phrase opens that way, none starts here
            if start < resume or key[start:bounds[i + 1]] not in self.openings:
                continue
            best: tuple[int, int] | None = None  # (position in the table, end)
            for end in bounds[i + 1:bisect_right(bounds, start + longest)]:
                if end - start not in self.lengths:
                    continue
                position = self.first_listed.get(key[start:end])
                if position is not None and (best is None or position < best[0]):
                    best = (position, end)
            if best is not None:
                found.append((start, best[1]))
                resume = best[1]
        return found


def _first_inner_boundary(phrase: str) -> int:
    """Where `\\b` first holds inside the phrase, whatever surrounds it; else its length."""
    word = [c.isalnum() or c == "_" for c in phrase]
    return next((i for i in range(1, len(phrase)) if word[i - 1] != word[i]), len(phrase))


def word_boundaries(text: str) -> list[int]:
    """The positions where `\\b` holds in plain ASCII text (word characters: letters, digits
    and the underscore)."""
    word = [c.isalnum() or c == "_" for c in text]
    edges = [False, *word, False]
    return [i for i in range(len(text) + 1) if edges[i] != edges[i + 1]]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class LookupRegexFeaturizer(RegexFeaturizer):
    """`RegexFeaturizer` matching its lookup tables as phrases (module docstring)."""

    def _spans(self, pattern: str, text: str, bounds: list[int] | None,
               phrases: LookupPhrases | None) -> list[Span]:
        if phrases is not None and bounds is not None:
            return phrases.spans(text, bounds)
        flags = 0 if self.case_sensitive else re.IGNORECASE
        return [m.span() for m in re.finditer(pattern, text, flags=flags)]

    def _phrases(self) -> dict[str, LookupPhrases | None]:
        """Each known pattern's phrases, worked out once the patterns are known."""
        known = tuple(p["pattern"] for p in self.known_patterns)
        cached = getattr(self, "_phrases_for", None)
        if cached is None or cached[0] != known:
            cached = (known, {p: LookupPhrases.from_regex(p, self.case_sensitive)
                              for p in known})
            self._phrases_for = cached
        return cached[1]

    def _features_for_patterns(
        self, message: Message, attribute: str
    ) -> tuple[scipy.sparse.coo_matrix | None, scipy.sparse.coo_matrix | None]:
        """Which patterns match which tokens, and the sentence, as Rasa's featurizer says."""
        text = message.get(attribute)
        tokens = message.get(TOKENS_NAMES[attribute], []) if text else []
        if not tokens:
            return None, None
        sequence = np.zeros([len(tokens), len(self.known_patterns)])
        sentence = np.zeros([1, len(self.known_patterns)])
        bounds = word_boundaries(text) if text.isascii() else None
        tables = self._phrases()
        for column, pattern in enumerate(self.known_patterns):
            spans = self._spans(pattern["pattern"], text, bounds, tables[pattern["pattern"]])
            for row, token in enumerate(tokens):
                hit = any(token.start < end and token.end > start for start, end in spans)
                marks = token.get("pattern", default={})
                marks[pattern["name"]] = hit
                token.set("pattern", marks)
                if hit:
                    sequence[row][column] = 1.0
                    if attribute in SENTENCE_ATTRIBUTES:
                        sentence[0][column] = 1.0
        return scipy.sparse.coo_matrix(sequence), scipy.sparse.coo_matrix(sentence)
