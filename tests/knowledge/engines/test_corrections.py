"""Corrections read as answers for the engine."""

from __future__ import annotations

import pytest

from knowledge.engines.corrections import parse_correction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm more of a Driver", {"drivers": "primary"}),
        ("I'm mainly a creator really", {"creators": "primary"}),
        ("I'm a Creator too", {"creators": "yes"}),
        ("I also build models", {"creators": "yes"}),
        ("no, I don't use it myself", {"users": "no"}),
        ("I'm not a Shaper", {"shapers": "no"}),
        ("I'm not a user, but I do lead the adoption", {"users": "no", "drivers": "yes"}),
        ("I also validate and monitor the tool locally", {"embedders": "yes"}),
        ("we set national policy", {"shapers": "yes"}),
        ("I'm really an embeder", {"embedders": "primary"}),  # a typo in the name
        ("I'm not only a user, I build models too", {"users": "yes", "creators": "yes"}),
        ("I no longer lead the adoption", {"drivers": "no"}),
        ("I wouldn't say I'm a Driver", {"drivers": "no"}),
        ("I don't think I lead the adoption", {"drivers": "no"}),
    ],
)
def test_parse_correction(text: str, expected: dict[str, str]) -> None:
    assert parse_correction(text) == expected


def test_entities_from_nlu_count_as_yes() -> None:
    assert parse_correction("that one", ["embedders"]) == {"embedders": "yes"}


def test_no_correction_in_plain_text() -> None:
    assert parse_correction("hmm, interesting") == {}
