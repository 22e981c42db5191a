"""The plan-quality measurement: every core need counted once, as met or as a gap."""

from __future__ import annotations

from pathlib import Path

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.cli import main
from knowledge.commands.plan_quality import PROFILES, measure, to_markdown
from knowledge.engines.views import FAMILIARITY_LEVELS


def test_every_profile_and_level_is_measured_and_adds_up(store: CatalogueSnapshot) -> None:
    rows = measure(store)
    assert len(rows) == len(PROFILES) * len(FAMILIARITY_LEVELS)
    for row in rows:
        assert row.core > 0 and row.met + row.gaps == row.core
        assert row.met_free <= row.met
        assert row.misfits == 0 and row.repeats == 0


def test_the_report_names_each_gap(store: CatalogueSnapshot) -> None:
    rows = measure(store)
    report = to_markdown(rows)
    assert report.startswith("# Plan quality")
    for row in rows:
        for area in row.gap_areas:
            assert area in report


def test_the_command_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "plans.md"
    assert main(["plan-quality", "--out", str(out)]) == 0
    assert "| Users | new |" in out.read_text()
