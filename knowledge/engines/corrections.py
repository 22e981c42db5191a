"""Read a person's correction of their result as answers the engine understands.

"I'm more of a Driver" makes Drivers primary; "I'm a Creator too" or "I also build models"
adds Creators; "I'm not a Shaper" or "no, I don't use it myself" takes an archetype out.
Names, negation and "mainly" are read by the rules in knowledge.engines.text, the same ones the
identification engine uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.engines.text import (
    Token,
    archetype_names,
    denies_what_follows,
    main_marks,
    named_archetypes,
    negated,
    split_clauses,
    tokenise,
)
from knowledge.engines.views import ARCHETYPE_KEYS

# Verbs that stand for each archetype's responsibility, for corrections without a name. They
# are matched against the clause's normalised words ("don't" reads as "do not").
_DUTIES: dict[str, re.Pattern[str]] = {
    "users": re.compile(r"\b(use|using|used|uses)\b"),
    "creators": re.compile(
        r"\b(build|building|built|develop|developing|code|coding|train|training)\b"
        r".{0,30}\b(model|models|algorithm|algorithms|ai|tool|tools|it|them)\b"
    ),
    "embedders": re.compile(
        r"\b(implement|implementing|integrate|integrating|validate|validating|monitor|"
        r"monitoring|deploy|deploying|roll out|rolling out)\b"
    ),
    "drivers": re.compile(
        r"\b(lead|leading|strategy|invest|investment|procure|procurement|commission|"
        r"commissioning|business case|adoption)\b"
    ),
    "shapers": re.compile(r"\b(policy|policies|regulate|regulation|national|standards)\b"),
}


def parse_correction(text: str, named: Iterable[str] = ()) -> dict[str, str]:
    """Answers (archetype -> yes | no | primary) implied by a correction.

    `named` are archetype keys an NLU extractor already found; names in the text count too,
    and a clause without a name counts by the duties it names.
    """
    result = named_archetypes(text)
    before: list[Token] = []
    for clause in split_clauses(text):
        tokens = tokenise(clause.text)
        words = [t.text for t in tokens]
        joined = " ".join(words)
        marked = bool(main_marks(words))
        for key, pattern in _DUTIES.items() if not archetype_names(clause.text) else ():
            found = pattern.search(joined)
            if found and key not in result:
                at = joined[:found.start()].count(" ")
                denied = negated(tokens, at) or denies_what_follows(before)
                result[key] = "no" if denied else "primary" if marked else "yes"
        before = tokens
    for key in named:
        if key in ARCHETYPE_KEYS and key not in result:
            result[key] = "yes"
    return result
