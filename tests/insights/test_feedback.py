"""'Was this plan useful?' in the insights: stored as fixed answers only, reported with
small numbers suppressed, by archetype and by channel, from a simulated sample."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.cli import main
from knowledge.insights import record_plan_rated, record_reason_given
from knowledge.insights.events import (
    InsightEvent,
    InsightRejected,
    check_row,
    insight_events,
    to_row,
)
from knowledge.insights.feedback import REASONS, USEFULNESS
from knowledge.insights.render import sections, to_csv, to_markdown
from knowledge.insights.report import build_report
from tests.insights.seeding import plan_payload, seed_answers, seed_sample

MONTH = "2026-11"


def _rows(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(insight_events)).mappings()]


def test_an_answer_is_stored_with_the_plans_coarse_facts_only(
    engine: Engine, store: CatalogueSnapshot
) -> None:
    payload = plan_payload(store, ["users", "embedders"], "some")
    assert record_plan_rated(engine, payload, "partly", "slack", month=MONTH)
    assert record_reason_given(engine, payload, "wrong_level", "socketio", month=MONTH)
    rated, reason = sorted(_rows(engine), key=lambda r: r["kind"])
    assert {k: rated[k] for k in ("kind", "archetypes", "level", "usefulness", "reason")} == {
        "kind": "plan_rated", "archetypes": ["embedders", "users"], "level": "some",
        "usefulness": "partly", "reason": None,
    }
    assert rated["areas"] == [] and rated["offerings"] == [] and rated["channel"] == "slack"
    assert (reason["kind"], reason["reason"], reason["usefulness"], reason["channel"]) == (
        "reason_given", "wrong_level", None, "widget")


@pytest.mark.parametrize(("kind", "usefulness", "reason"), [
    ("plan_rated", "brilliant", None),  # not one of the answers
    ("plan_rated", None, None),  # a rating without its answer
    ("reason_given", None, "the course was boring"),  # free text never gets in
    ("plan_rated", "useful", "wrong_level"),  # a reason on a rating
    ("plan_shown", "useful", None),  # an answer on another kind of event
])
def test_anything_but_a_listed_answer_on_its_own_kind_is_refused(
    kind: str, usefulness: str | None, reason: str | None
) -> None:
    event = InsightEvent(kind=kind, archetypes=("users",), level="new", areas=(), offerings=(),
                         channel="widget", month=MONTH, usefulness=usefulness, reason=reason)
    with pytest.raises(InsightRejected):
        to_row(event)


def test_a_refused_answer_is_not_stored_and_does_not_raise(
    engine: Engine, store: CatalogueSnapshot
) -> None:
    payload = plan_payload(store, ["users"], "new")
    assert not record_plan_rated(engine, payload, "I loved it", "widget", month=MONTH)
    assert not record_reason_given(engine, payload, "my manager said no", "widget", month=MONTH)
    assert _rows(engine) == []


def test_the_report_suppresses_small_numbers_by_archetype_and_channel(
    engine: Engine, store: CatalogueSnapshot
) -> None:
    seed_answers(engine, store, month=MONTH, rated={
        ("users", "widget", "useful"): 6, ("users", "teams", "partly"): 2,
        ("drivers", "teams", "not_for_me"): 5,
    }, reasons={"wrong_level": 5, "already_done": 1})
    report = build_report(engine)
    part = next(p for p in sections(report, []) if p.title == "Was the plan useful?")
    by_archetype, by_channel, reasons = part.tables
    assert by_archetype.rows == [("Drivers", "<5", "<5", "5", "5"),
                                 ("Users", "6", "<5", "<5", "8")]
    assert by_channel.rows == [("teams", "<5", "<5", "5", "7"), ("widget", "6", "<5", "<5", "6")]
    assert dict(reasons.rows)[REASONS["wrong_level"]] == "5"
    assert dict(reasons.rows)[REASONS["already_done"]] == "<5"
    table = csv.DictReader(io.StringIO(to_csv(report)))
    values = [r["value"] for r in table if r["section"].startswith(("usefulness", "not_for_me"))]
    assert values and all(v == "<5" or int(v) >= 5 for v in values)


def test_the_insights_command_shows_usefulness_from_a_simulated_sample(
    engine: Engine, store: CatalogueSnapshot, db_url: str, tmp_path: Path
) -> None:
    seed_sample(engine, store)
    assert main(["insights", "--db", db_url, "--out", str(tmp_path), "--format", "md"]) == 0
    report = (tmp_path / "insights.md").read_text(encoding="utf-8")
    section = report.split("## Was the plan useful?")[1].split("\n## ")[0]
    assert "### By archetype" in section and "### By channel" in section
    header = "| Archetype | " + " | ".join(USEFULNESS.values()) + " | Answers |"
    assert header in section
    users = re.search(r"^\| Users \| (\d+) \| (\d+) \| (\S+) \| (\d+) \|$", section, re.M)
    assert users, section
    useful, partly, answers = int(users[1]), int(users[2]), int(users[4])
    assert useful > partly > 0 and answers >= useful + partly
    assert re.search(r"^\| widget \| \d+ \| \d+ \| \S+ \| \d+ \|$", section, re.M)
    assert 'Why a plan was "not for me"' in section
    assert all(label in section for label in REASONS.values())
    assert "<5" in to_markdown(sections(build_report(engine), []))  # some cells are small


def test_check_row_still_accepts_the_older_kinds(store: CatalogueSnapshot) -> None:
    row = to_row(InsightEvent(kind="profile_settled", archetypes=("users",), level=None,
                              areas=(), offerings=(), channel="teams", month=MONTH))
    assert check_row(row)["usefulness"] is None
