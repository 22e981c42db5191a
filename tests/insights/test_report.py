"""The insights report: small counts suppressed, rendered in md, html and csv from a seeded DB."""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update

from knowledge.catalogue import tables as m
from knowledge.catalogue.review import months_before
from knowledge.catalogue.store import KnowledgeStore
from knowledge.cli import main
from knowledge.engines.views import PLAN_RULES
from knowledge.insights.charts import archetype_mix, offerings
from knowledge.insights.report import build_report, ranked, shown, visible
from knowledge.storage.db import make_engine
from tests.insights.seeding import plan_payload, seed_counts
from tests.support.servers import free_port

PNG = b"\x89PNG\r\n\x1a\n"


def test_counts_under_five_are_hidden() -> None:
    assert [shown(n) for n in (0, 1, 4, 5, 6, 120)] == ["<5", "<5", "<5", "5", "6", "120"]
    assert not visible(4) and visible(5)
    # hidden counts sort alphabetically after the rest, so their order reveals nothing
    assert ranked(Counter(zeta=4, alpha=1, mid=9, low=5)) == [
        ("mid", 9), ("low", 5), ("alpha", 1), ("zeta", 4),
    ]


def test_months_before_keeps_to_real_dates() -> None:
    assert months_before(date(2026, 11, 28), 12) == date(2025, 11, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


class Seeded:
    """What the module's database holds, so each test can state exact expectations."""

    url: str
    followed_often: str  # followed 5 times: shown
    followed_rarely: str  # followed 4 times: hidden
    overdue_title: str


@pytest.fixture(scope="module")
def seeded(catalogue_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    path = tmp_path_factory.mktemp("insights") / "knowledge.db"
    shutil.copyfile(catalogue_file, path)
    engine = make_engine(f"sqlite:///{path}")
    store = KnowledgeStore(engine).snapshot()
    with engine.begin() as conn:
        # a gap people will meet: nothing for Users new to AI covers ethics any more
        users_new = select(m.OfferingArchetypeRow.offering_key).join(
            m.OfferingRow, m.OfferingRow.key == m.OfferingArchetypeRow.offering_key
        ).where(
            m.OfferingArchetypeRow.archetype_key == "users",
            m.OfferingRow.level.in_(PLAN_RULES.fit["new"].levels),
        )
        conn.execute(delete(m.OfferingAreaRow).where(
            m.OfferingAreaRow.area_key == "ethics",
            m.OfferingAreaRow.offering_key.in_(users_new),
        ))
        stale = conn.execute(select(m.OfferingRow.key, m.OfferingRow.title)).first()
        conn.execute(update(m.OfferingRow).where(m.OfferingRow.key == stale.key).values(
            last_reviewed=date.today() - timedelta(days=400)
        ))
    steps = plan_payload(store, ["users"], "new")["steps"]
    keys = [o["key"] for step in steps for o in step["offerings"]]
    seed_counts(
        engine, store, month=date.today().strftime("%Y-%m"),
        profiles={"users": 7, "drivers": 3, "shapers": 5},
        plans={("users", "new"): 6, ("drivers", "some"): 2},
        follows={keys[0]: 5, keys[1]: 4},
    )
    seed_counts(engine, store, month="2025-01", profiles={"creators": 6}, plans={}, follows={})
    engine.dispose()
    info = Seeded()
    info.url = f"sqlite:///{path}"
    info.followed_often, info.followed_rarely = keys[0], keys[1]
    info.overdue_title = stale.title
    yield info


def _run(seeded: Seeded, out: Path, *args: str) -> int:
    return main(["insights", "--db", seeded.url, "--out", str(out), *args])


def test_markdown_report_suppresses_small_counts(seeded: Seeded, tmp_path: Path) -> None:
    assert _run(seeded, tmp_path, "--format", "md") == 0
    report = (tmp_path / "insights.md").read_text()
    assert "| Users | 7 |" in report
    assert "| Shapers | 5 |" in report
    assert "| Drivers | <5 |" in report and "| Drivers | 3 |" not in report
    assert "| Creators | 6 |" in report  # all time includes January 2025
    assert "| Learning plans shown | 8 |" in report
    assert re.search(r"\| Users \| Ethics \| 2 \| 6 \|", report), "the gap people met"
    assert seeded.overdue_title in report
    for name in ("archetype_mix.png", "needed_areas.png", "offerings.png"):
        assert f"]({name})" in report
        assert (tmp_path / name).read_bytes().startswith(PNG)


def test_since_counts_from_that_month(seeded: Seeded, tmp_path: Path) -> None:
    assert _run(seeded, tmp_path, "--since", "2026-01-01") == 0
    report = (tmp_path / "insights.md").read_text()
    assert "| Creators | <5 |" in report
    assert "from 01 January 2026" in report


def test_charts_leave_out_hidden_counts(seeded: Seeded) -> None:
    report = build_report(make_engine(seeded.url))
    mix = archetype_mix(report)
    assert mix is not None
    labels = [t.get_text() for t in mix.figure.axes[0].get_xticklabels()]
    assert labels == ["Shapers", "Creators", "Users"]  # Drivers (3) left out
    chart = offerings(report)
    assert chart is not None
    followed = [bar.get_width() for bar in chart.figure.axes[0].containers[1]]
    assert 4 not in followed and 5 in followed


def test_html_report_is_self_contained(seeded: Seeded, tmp_path: Path) -> None:
    assert _run(seeded, tmp_path, "--format", "html") == 0
    page = (tmp_path / "insights.html").read_text()
    assert page.startswith("<!doctype html>") and 'lang="en-GB"' in page
    assert '<td>Drivers</td><td class="count">&lt;5</td>' in page
    assert '<td>Users</td><td class="count">7</td>' in page
    assert page.count('src="data:image/png;base64,') == 3
    assert "http://" not in page and "https://" not in page
    assert list(tmp_path.iterdir()) == [tmp_path / "insights.html"]


def test_csv_report_never_shows_a_count_under_five(seeded: Seeded, tmp_path: Path) -> None:
    assert _run(seeded, tmp_path, "--format", "csv") == 0
    with (tmp_path / "insights.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    counts = [r["value"] for r in rows if r["measure"] != "last_reviewed"]
    assert counts and all(v == "<5" or int(v) >= 5 for v in counts)
    mix = {r["archetype"]: r["value"] for r in rows if r["section"] == "archetype_mix"}
    assert mix == {"shapers": "5", "drivers": "<5", "creators": "6", "embedders": "<5",
                   "users": "7"}
    follows = {r["offering"]: r["value"] for r in rows if r["measure"] == "followed"}
    assert follows[seeded.followed_often] == "5"
    assert follows[seeded.followed_rarely] == "<5"
    assert {"section": "unmet_demand", "archetype": "users", "capability_area": "ethics",
            "level": "2", "value": "6"}.items() <= next(
        r for r in rows if r["section"] == "unmet_demand" and r["capability_area"] == "ethics"
        and r["archetype"] == "users" and r["level"] == "2").items()


@pytest.mark.parametrize("args, message", [
    (["--since", "2026-13-01"], "not a date"),
    (["--since", "last week"], "not a date"),
    (["--format", "pdf"], "invalid choice"),
    (["--review-months", "0"], "whole number of months"),
])
def test_bad_usage_exits_2(
    seeded: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture, args: list[str],
    message: str,
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _run(seeded, tmp_path, *args)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_unreachable_database_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    url = f"postgresql://pathfinder@127.0.0.1:{free_port()}/knowledge"
    assert main(["insights", "--db", url, "--out", str(tmp_path)]) == 3
    assert "Cannot reach the knowledge database" in capsys.readouterr().err
    missing = tmp_path / "nowhere.db"
    assert main(["insights", "--db", f"sqlite:///{missing}", "--out", str(tmp_path)]) == 3
    assert "No knowledge database" in capsys.readouterr().err
    assert not missing.exists()


def test_unmigrated_database_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    url = f"sqlite:///{tmp_path}/old.db"
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE archetypes (key TEXT PRIMARY KEY)"))
    engine.dispose()
    assert main(["insights", "--db", url, "--out", str(tmp_path)]) == 3
    assert "no insight events table" in capsys.readouterr().err
