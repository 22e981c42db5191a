"""Coverage finds a gap the test makes by removing an offering, and loses it when it returns;
the shipped catalogue has a foundation and an advanced offering for every archetype's core
areas, apart from the gaps named below."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.catalogue.loader import load
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore
from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR
from knowledge.cli import main
from knowledge.engines.views import band_of
from knowledge.insights.coverage import BANDS, Gap, core_areas, find_gaps
from knowledge.storage.db import make_engine

# Real gaps left after searching providers' pages in December 2026; each needs an offering
# that genuinely teaches the area at that depth, not a wider tag on an existing one.
KNOWN_GAPS = {
    # Organisational accountability for AI-informed care, taught beyond an introduction. Searched
    # again on 1 December 2026: no stored provider page showed an advanced course on legal or
    # organisational accountability for AI written for leaders. Near misses: the Turing's AI
    # Accountability in Practice workbook (provider page not stored) and Dundee's postgraduate law
    # module AI in Healthcare Regulation (LW50117; audience and standalone entry not stated).
    Gap("drivers", "liability", "advanced"),
}


def _sole_cover(store: CatalogueSnapshot) -> tuple[str, Gap]:
    """An offering that alone covers some archetype x core area x level."""
    core = core_areas(store)
    covers: dict[Gap, list[str]] = {}
    for offering in store.all_offerings():
        for archetype in offering.archetypes:
            for area in offering.areas:
                if area in core[archetype]:
                    gap = Gap(archetype, area, band_of(offering.level))
                    covers.setdefault(gap, []).append(offering.key)
    gap, keys = min((g, k) for g, k in covers.items() if len(k) == 1)
    return keys[0], gap


def _write_offerings(content: Path, offerings: list[dict]) -> None:
    (content / "offerings.yml").write_text(yaml.safe_dump(offerings, allow_unicode=True))


def test_a_removed_offering_opens_a_gap_that_closes_when_it_returns(
    store: CatalogueSnapshot, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    key, gap = _sole_cover(store)
    assert gap not in find_gaps(store).gaps
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    original = yaml.safe_load((content / "offerings.yml").read_text())
    _write_offerings(content, [o for o in original if o["key"] != key])
    url = f"sqlite:///{tmp_path}/edited.db"
    engine = make_engine(url)
    load(engine, content)

    assert gap in find_gaps(KnowledgeStore(engine).snapshot()).gaps
    assert main(["coverage", "--db", url, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["archetype", "capability_area", "band"]
    assert [gap.archetype, gap.area, gap.band] in rows[1:]
    assert rows[1:] == sorted(rows[1:], key=lambda r: (r[0], r[1], BANDS.index(r[2])))

    _write_offerings(content, original)
    load(engine, content)
    assert gap not in find_gaps(KnowledgeStore(engine).snapshot()).gaps
    engine.dispose()


def test_an_offering_counts_only_for_its_archetypes_areas_and_band(
    store: CatalogueSnapshot,
) -> None:
    coverage = find_gaps(store)
    gaps = set(coverage.gaps)
    core = core_areas(store)
    for offering in store.all_offerings():
        for archetype in offering.archetypes:
            for area in set(offering.areas) & set(core[archetype]):
                assert Gap(archetype, area, band_of(offering.level)) not in gaps
    assert coverage.checked == len(BANDS) * sum(len(a) for a in core.values())
    assert all(g.area in core[g.archetype] and g.band in BANDS for g in gaps)
    order = [(g.archetype, g.area, BANDS.index(g.band)) for g in coverage.gaps]
    assert order == sorted(order)


def test_the_shipped_catalogue_leaves_only_the_known_gaps(store: CatalogueSnapshot) -> None:
    assert set(find_gaps(store).gaps) == KNOWN_GAPS


def test_markdown_lists_gaps_with_a_summary(
    db_url: str, capsys: pytest.CaptureFixture
) -> None:
    assert main(["coverage", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Catalogue coverage")
    assert "| Archetype | Core capability area | Foundation | Advanced |" in out
    assert "| Drivers | Liability (`liability`) | yes | missing |" in out
    assert "combinations have no offering" in out.splitlines()[-1]


def test_a_missing_database_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["coverage", "--db", f"sqlite:///{tmp_path}/none.db"]) == 3
    assert "No knowledge database" in capsys.readouterr().err
