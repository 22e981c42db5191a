"""Read a person's correction of their result as answers the engine understands.

"I'm more of a Driver" makes Drivers primary; "I'm a Creator too" or "I also build models"
adds Creators; "I'm not a Shaper" or "no, I don't use it myself" takes an archetype out.
Names, negation and "mainly" are read by the rules in knowledge.engines.text, and the work a
clause names by the identification engine with the catalogue's lexicon: one vocabulary for both.
"""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.engines.identify import CompiledLexicon, duties_named
from knowledge.engines.text import (
    Token,
    archetype_names,
    denies_what_follows,
    main_marks,
    named_archetypes,
    split_clauses,
    tokenise,
)
from knowledge.engines.views import ARCHETYPE_KEYS, Lexicon


def parse_correction(text: str, named: Iterable[str] = (), *,
                     lexicon: Lexicon | CompiledLexicon) -> dict[str, str]:
    """Answers (archetype -> yes | no | primary) implied by a correction.

    `named` are archetype keys an NLU extractor already found; names in the text count too,
    and a clause without a name counts by the work it names, read with the lexicon.
    """
    result = named_archetypes(text)
    before: list[Token] = []
    for clause in split_clauses(text):
        tokens = tokenise(clause.text)
        marked = bool(main_marks([t.text for t in tokens]))
        duties = {} if archetype_names(clause.text) else duties_named(clause.text,
                                                                       lexicon=lexicon)
        for key, does in duties.items():
            if key not in result:
                denied = not does or denies_what_follows(before)
                result[key] = "no" if denied else "primary" if marked else "yes"
        before = tokens
    for key in named:
        if key in ARCHETYPE_KEYS and key not in result:
            result[key] = "yes"
    return result
