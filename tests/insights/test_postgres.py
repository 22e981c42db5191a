"""The same events, report and coverage on PostgreSQL, the database deployments use."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from knowledge.catalogue.loader import load
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore
from knowledge.cli import main
from knowledge.insights.coverage import find_gaps
from knowledge.insights.events import ALLOWED_FIELDS
from knowledge.storage.db import make_engine
from tests.insights.seeding import seed_counts
from tests.support.postgres import shared_postgres


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    server = shared_postgres()
    url = server.create_database("insights")
    engine = make_engine(url)
    load(engine)
    seed_counts(
        engine, KnowledgeStore(engine).snapshot(), month="2026-11",
        profiles={"embedders": 6, "creators": 2}, plans={("embedders", "some"): 5},
        follows={},
    )
    engine.dispose()
    yield url
    server.drop_database(url)


def test_postgres_holds_only_allowed_columns(pg_url: str) -> None:
    engine = make_engine(pg_url)
    columns = {c["name"] for c in inspect(engine).get_columns("insight_events")}
    engine.dispose()
    assert columns == set(ALLOWED_FIELDS)


def test_report_and_coverage_read_postgres(
    pg_url: str, store: CatalogueSnapshot, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["insights", "--db", pg_url, "--format", "csv", "--out", str(tmp_path)]) == 0
    with (tmp_path / "insights.csv").open() as handle:
        mix = {r["archetype"]: r["value"] for r in csv.DictReader(handle)
               if r["section"] == "archetype_mix"}
    assert mix["embedders"] == "6" and mix["creators"] == "<5"
    capsys.readouterr()
    assert main(["coverage", "--db", pg_url, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["archetype", "capability_area", "band"]
    assert rows[1:] == [[g.archetype, g.area, g.band] for g in find_gaps(store).gaps]
