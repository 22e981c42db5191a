"""The NHS deployment pack (docs/assurance/) stays true to the code.

Every repository path the pack cites in backticks must exist, and every cited test
(`path::test_name`) must be defined in that file. Every hazard in the log rates its initial and
residual risk as the log's own DCB0129 matrix says, and at least one of its controls is held by
a test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "docs" / "assurance"
DOCUMENTS = sorted(PACK.glob("*.md"))
TOP_LEVEL = ("actions/", "bot/", "knowledge/", "tests/", "web/", "docs/", "deploy/", "scripts/")
CITATION = re.compile(r"`([^`\s]+)`")
RATING = re.compile(r"\*\*(Initial|Residual) risk:\*\* severity (\w+) × likelihood ([\w ]+?) = "
                    r"\*\*(\d)\*\*")


def citations(text: str) -> list[str]:
    return [c for c in CITATION.findall(text) if c.startswith(TOP_LEVEL) or c == "README.md"]


def test_the_pack_has_its_five_documents() -> None:
    names = {d.name for d in DOCUMENTS}
    assert {"hazard-log.md", "clinical-safety-case.md", "dcb0160-note.md", "dpia.md",
            "dtac.md"} <= names


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.name)
def test_every_cited_path_and_test_exists(document: Path) -> None:
    cited = citations(document.read_text())
    assert cited, f"{document.name} cites nothing in the repository"
    missing = []
    for citation in cited:
        path, _, test = citation.partition("::")
        target = REPO / path.rstrip("/")
        defined = rf"^(async )?def {re.escape(test)}\("
        if not target.exists() or (
            test and not re.search(defined, target.read_text(), re.MULTILINE)
        ):
            missing.append(citation)
    assert missing == [], f"{document.name} cites what the repository does not have"


def matrix(text: str) -> dict[tuple[str, str], int]:
    """The log's likelihood x severity table, as {(likelihood, severity): rating}."""
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    header = next(line for line in lines if line.startswith("| Likelihood \\ Severity"))
    severities = [cell.strip() for cell in header.strip("|").split("|")[1:]]
    table = {}
    for line in lines[lines.index(header) + 1:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if not cells[1:] or not all(cell.isdigit() for cell in cells[1:]):
            break
        for severity, rating in zip(severities, cells[1:], strict=True):
            table[(cells[0].lower(), severity.lower())] = int(rating)
    return table


def hazards(text: str) -> dict[str, str]:
    parts = re.split(r"^### (H-\d\d): ", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_hazard_is_rated_by_the_matrix_and_held_by_a_test() -> None:
    log = (PACK / "hazard-log.md").read_text()
    table = matrix(log)
    found = hazards(log)
    assert len(table) == 25 and len(found) >= 8
    for key, section in found.items():
        ratings = RATING.findall(section)
        assert [r[0] for r in ratings] == ["Initial", "Residual"], key
        for _, severity, likelihood, rating in ratings:
            assert table[(likelihood.lower(), severity.lower())] == int(rating), key
        assert int(ratings[1][3]) <= int(ratings[0][3]), key
        for field in ("Description", "Causes", "Effects", "Status", "Owner"):
            assert f"**{field}:**" in section, (key, field)
        assert any(c.startswith("tests/") for c in citations(section)), key
        summary = re.search(rf"^\| {key} \| .+? \| (\d) \| (\d) \|", log, re.MULTILINE)
        assert summary and summary.groups() == (ratings[0][3], ratings[1][3]), key
