"""Corrections read as answers for the engine."""

from __future__ import annotations

import pytest

from knowledge.catalogue.snapshot import CatalogueSnapshot
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
        # the work is read with the lexicon, as in a role description
        ("I don't build anything, I just commission it", {"creators": "no", "drivers": "yes"}),
        ("that doesn't fit, i'm the one who implements the systems", {"embedders": "yes"}),
        ("that's half right, I also do the clinical safety sign-off", {"embedders": "yes"}),
        ("no, I'm the one who plugs it into PACS, not the one who reads the scans",
         {"embedders": "yes"}),
    ],
)
def test_parse_correction(text: str, expected: dict[str, str], store: CatalogueSnapshot) -> None:
    assert parse_correction(text, lexicon=store.compiled_lexicon) == expected


def test_entities_from_nlu_count_as_yes(store: CatalogueSnapshot) -> None:
    assert parse_correction("that one", ["embedders"], lexicon=store.compiled_lexicon) == {
        "embedders": "yes"}


def test_no_correction_in_plain_text(store: CatalogueSnapshot) -> None:
    assert parse_correction("hmm, interesting", lexicon=store.compiled_lexicon) == {}
