"""The bot's sentences live in domain responses: actions name a response and pass its variables.

Read from the source (an AST walk), so a new `utter_message(text=...)` in these modules, or a
response name that the domain does not define, fails here before anyone sees raw text.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from tests.support.responses import domain

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    str(path.relative_to(ROOT))
    for folder in ("actions", "actions/common")
    for path in (ROOT / folder).glob("*.py")
)
# Responses only custom actions say (the others are said by rules and the form, which
# `rasa data validate` checks).
ACTION_RESPONSES = [
    ROOT / "bot" / "domain" / f"responses_{area}.yml" for area in ("actions", "plan")
]


def literal_text_lines(source: str) -> list[int]:
    """Lines where `utter_message` is given its text (`text=` or positionally), not a response."""
    return [node.lineno for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr == "utter_message"
            and (node.args or any(k.arg == "text" for k in node.keywords))]


# Strings shaped like a response name that are not one: the key under which Rasa records, in a
# bot message's metadata, the response it came from (actions/common/state.py reads it).
NOT_RESPONSES = frozenset({"utter_action"})


def _named_responses(path: str) -> set[str]:
    """Every string literal in the module that looks like a response name."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"), filename=path)
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and node.value.startswith("utter_")
            and node.value not in NOT_RESPONSES}


@pytest.mark.parametrize("path", MODULES)
def test_no_action_sends_its_own_text(path: str) -> None:
    source = (ROOT / path).read_text(encoding="utf-8")
    literal = [f"{path}:{line}" for line in literal_text_lines(source)]
    assert not literal, f"wording belongs in a domain response: {', '.join(literal)}"


@pytest.mark.parametrize("path", MODULES)
def test_every_response_an_action_names_is_in_the_domain(path: str) -> None:
    missing = _named_responses(path) - set(domain().responses)
    assert not missing, f"{path} names responses the domain lacks: {', '.join(sorted(missing))}"


def test_every_action_response_is_said_by_an_action() -> None:
    declared = {
        name for path in ACTION_RESPONSES
        for name in yaml.safe_load(path.read_text(encoding="utf-8"))["responses"]
    }
    named = set().union(*(_named_responses(p) for p in MODULES))
    assert declared <= named, f"never said: {', '.join(sorted(declared - named))}"


def test_the_check_sees_text_however_it_is_passed() -> None:
    source = "\n".join((
        'd.utter_message(response="utter_x", count=2)',
        'd.utter_message(text="Hello")',
        'd.utter_message(text=f"Hello {name}", buttons=b)',
        'd.utter_message("Hello")',
    ))
    assert literal_text_lines(source) == [2, 3, 4]
