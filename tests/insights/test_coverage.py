"""Coverage finds a gap the test makes by removing an offering, and loses it when it returns;
the shipped catalogue has a foundation and an advanced offering for every archetype's core
areas."""

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


def _content_without(tmp_path: Path, key: str) -> tuple[Path, list[dict]]:
    """A copy of the shipped content without one offering, and the full offerings list."""
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    original = yaml.safe_load((content / "offerings.yml").read_text())
    _write_offerings(content, [o for o in original if o["key"] != key])
    return content, original


def test_a_removed_offering_opens_a_gap_that_closes_when_it_returns(
    store: CatalogueSnapshot, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    key, gap = _sole_cover(store)
    assert gap not in find_gaps(store).gaps
    content, original = _content_without(tmp_path, key)
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


def test_the_shipped_catalogue_leaves_no_gap(
    store: CatalogueSnapshot, db_url: str, capsys: pytest.CaptureFixture
) -> None:
    coverage = find_gaps(store)
    assert coverage.gaps == ()
    assert main(["coverage", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "| Drivers | Liability (`liability`) | yes | yes |" in out
    last = out.splitlines()[-1]
    assert last.startswith(f"No gaps: all {coverage.core_pairs} archetype and core area pairs")


def test_markdown_marks_a_gap_missing_and_counts_it(
    store: CatalogueSnapshot, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    key, gap = _sole_cover(store)
    content, _ = _content_without(tmp_path, key)
    url = f"sqlite:///{tmp_path}/edited.db"
    engine = make_engine(url)
    load(engine, content)
    edited = find_gaps(KnowledgeStore(engine).snapshot())
    engine.dispose()

    assert main(["coverage", "--db", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Catalogue coverage")
    assert "| Archetype | Core capability area | Foundation | Advanced |" in out
    archetype = next(a.name for a in store.archetypes() if a.key == gap.archetype)
    row = next(
        line for line in out.splitlines()
        if line.startswith(f"| {archetype} |") and f"(`{gap.area}`)" in line
    )
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[2 + BANDS.index(gap.band)] == "missing"
    summary = f"{len(edited.gaps)} of {edited.checked} combinations have no offering"
    assert out.splitlines()[-1].startswith(summary)


def test_a_missing_database_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["coverage", "--db", f"sqlite:///{tmp_path}/none.db"]) == 3
    assert "No knowledge database" in capsys.readouterr().err
