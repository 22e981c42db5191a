"""Read a person's correction of their result as answers the engine understands.

"I'm more of a Driver" makes Drivers primary; "I'm a Creator too" or "I also build models"
adds Creators; "I'm not a Shaper" or "no, I don't use it myself" takes an archetype out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.views import ARCHETYPE_KEYS

_NAME = re.compile(r"\b(shaper|driver|creator|embedder|user)s?\b", re.IGNORECASE)
# Verbs that stand for each archetype's responsibility, for corrections without a name.
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
_NEGATION = re.compile(
    r"\b(not|never|no longer|don't|dont|do not|doesn't|isn't|aren't|am not|i'm not|nothing)\b"
)
_PRIMARY = re.compile(r"\b(more of|mainly|mostly|primarily|mainly a|really a|actually a)\b")
_CLAUSE = re.compile(r"[.;!?]|,\s*(?:but|and)\b|\bbut\b")


def parse_correction(text: str, named: Iterable[str] = ()) -> dict[str, str]:
    """Answers (archetype -> yes | no | primary) implied by a correction.

    `named` are archetype keys an NLU extractor already found; names in the text count too.
    """
    result: dict[str, str] = {}
    lowered = text.lower().replace("’", "'")
    for clause in _CLAUSE.split(lowered):
        mentioned = _mentioned(clause)
        negated = bool(_NEGATION.search(clause))
        primary = bool(_PRIMARY.search(clause))
        for key in mentioned:
            result[key] = "no" if negated else "primary" if primary else "yes"
    for key in named:
        if key in ARCHETYPE_KEYS and key not in result:
            result[key] = "yes"
    return result


def _mentioned(clause: str) -> list[str]:
    names = [f"{m.group(1).lower()}s" for m in _NAME.finditer(clause)]
    if names:
        return list(dict.fromkeys(names))
    return [key for key, pattern in _DUTIES.items() if pattern.search(clause)]
