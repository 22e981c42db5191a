"""knowledge/ stands on its own: it never imports Rasa, the Rasa add-ons or the action server,
so the catalogue, the engines and the people store can be loaded, tested and reused without
them, and Rasa's names and tables stay on the Rasa side."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
FORBIDDEN = ("rasa", "rasa_sdk", "bot", "actions")
# the one-off upgrade that renamed conversations in Rasa's store when ids became namespaced
# by channel: a data move across both stores, kept as it ran
ALLOWED = {"storage/migrations/versions/0005_people_identity.py": {"bot.contract"}}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize(
    "path", sorted(KNOWLEDGE.rglob("*.py")), ids=lambda p: str(p.relative_to(KNOWLEDGE))
)
def test_a_knowledge_module_imports_nothing_from_the_rasa_side(path: Path) -> None:
    allowed = ALLOWED.get(str(path.relative_to(KNOWLEDGE)), set())
    crossing = {
        name for name in _imports(path) - allowed
        if name.split(".")[0] in FORBIDDEN
    }
    assert not crossing, f"{path.relative_to(KNOWLEDGE)} imports {sorted(crossing)}"
