"""Anonymous events hold nothing identifying, and recording never breaks a conversation."""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import Engine

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.views import ARCHETYPE_KEYS, FAMILIARITY_LEVELS
from knowledge.insights import (
    InsightRejected,
    normalise_channel,
    record_offering_followed,
    record_plan_rated,
    record_plan_shown,
    record_profile_settled,
    record_reason_given,
)
from knowledge.insights.events import (
    ALLOWED_FIELDS,
    CHANNELS,
    KINDS,
    InsightEvent,
    check_row,
    insight_events,
)
from tests.insights.seeding import plan_payload

SECRET = "zq-person-7731"  # stands for a sender id, a name or anything typed
EXPECTED_COLUMNS = {"id", "kind", "archetypes", "level", "areas", "offerings", "channel", "month",
                    "usefulness", "reason"}


def _rows(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(insight_events)).mappings()]


def _record_one_of_each(engine: Engine, store: CatalogueSnapshot) -> dict:
    payload = {
        **plan_payload(store, ["embedders", "users"], "some"),
        "sender_id": SECRET,
        "text": f"I'm {SECRET}, a radiographer",
        "timestamp": 1795000000.123,
    }
    payload["steps"][0]["why"] = f"Because {SECRET} said so"
    assert record_profile_settled(engine, ["users", "embedders"], "socketio")
    assert record_plan_shown(engine, payload, "botframework")
    key = payload["steps"][0]["offerings"][0]["key"]
    assert record_offering_followed(engine, key, "slack")
    assert record_plan_rated(engine, payload, "not_for_me", "rest")
    assert record_reason_given(engine, payload, "wrong_level", "rest")
    return payload


def test_the_table_has_only_allowed_columns(engine: Engine) -> None:
    columns = {c["name"] for c in inspect(engine).get_columns("insight_events")}
    assert columns == EXPECTED_COLUMNS == set(ALLOWED_FIELDS)


def test_every_stored_field_is_a_coarse_catalogue_fact(
    engine: Engine, store: CatalogueSnapshot
) -> None:
    _record_one_of_each(engine, store)
    areas = {a.key for a in store.areas()}
    offerings = {o.key for o in store.all_offerings()}
    rows = _rows(engine)
    assert sorted(r["kind"] for r in rows) == sorted(KINDS)
    for row in rows:
        assert set(row) == EXPECTED_COLUMNS
        assert uuid.UUID(hex=row["id"]).version == 4
        assert row["kind"] in KINDS
        assert row["archetypes"] == sorted(row["archetypes"])
        assert set(row["archetypes"]) <= set(ARCHETYPE_KEYS)
        assert row["level"] is None or row["level"] in FAMILIARITY_LEVELS
        assert set(row["areas"]) <= areas
        assert set(row["offerings"]) <= offerings
        assert row["channel"] in CHANNELS
        assert re.fullmatch(r"\d{4}-\d{2}", row["month"])
    plan_row = next(r for r in rows if r["kind"] == "plan_shown")
    assert plan_row["archetypes"] == ["embedders", "users"]
    assert plan_row["level"] == "some"
    assert plan_row["channel"] == "teams"
    assert plan_row["areas"], "area names in the plan are stored as catalogue keys"


def test_identifying_data_passed_in_is_dropped(
    engine: Engine, store: CatalogueSnapshot, db_url: str
) -> None:
    _record_one_of_each(engine, store)
    assert SECRET not in repr(_rows(engine))
    engine.dispose()
    assert SECRET.encode() not in Path(db_url.removeprefix("sqlite:///")).read_bytes()


def test_free_text_in_an_allowed_field_is_rejected(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert not record_profile_settled(engine, ["users", SECRET], "rest")
        assert not record_offering_followed(engine, "zq_person_7731", "rest")
        assert not record_profile_settled(engine, ["users"], "rest", month="2026-11-28")
    assert _rows(engine) == []
    assert "not recorded" in caplog.text
    assert SECRET not in caplog.text and "zq_person_7731" not in caplog.text


def test_a_plan_checked_against_the_snapshot_is_stored_as_one_checked_in_the_tables(
    engine: Engine, store: CatalogueSnapshot
) -> None:
    payload = plan_payload(store, ["embedders", "users"], "some")
    assert record_plan_shown(engine, payload, "rest", catalogue=store)
    assert record_plan_shown(engine, payload, "rest")
    by_snapshot, by_tables = ({k: v for k, v in row.items() if k != "id"} for row in _rows(engine))
    assert by_snapshot == by_tables
    assert by_snapshot["areas"] and by_snapshot["offerings"]


def test_keys_the_snapshot_does_not_hold_are_rejected(
    engine: Engine, store: CatalogueSnapshot, caplog: pytest.LogCaptureFixture
) -> None:
    payload = plan_payload(store, ["users"], "new")
    payload["steps"][0]["offerings"].append({"key": "zq_person_7731"})
    with caplog.at_level(logging.WARNING):
        assert not record_plan_shown(engine, payload, "rest", catalogue=store)
    assert _rows(engine) == []
    assert "field 'offerings'" in caplog.text and "zq_person_7731" not in caplog.text


def test_the_allow_list_refuses_extra_fields() -> None:
    row = {
        "id": uuid.uuid4().hex, "kind": "profile_settled", "archetypes": ["users"],
        "level": None, "areas": [], "offerings": [], "channel": "rest", "month": "2026-11",
        "usefulness": None, "reason": None,
    }
    assert check_row(row) == row
    with pytest.raises(InsightRejected) as err:
        check_row({**row, "sender_id": SECRET})
    assert err.value.field == "sender_id"
    with pytest.raises(InsightRejected):
        check_row({**row, "archetypes": ["users", "drivers"]})  # not sorted: order can hint
    with pytest.raises(TypeError):
        InsightEvent(**{k: v for k, v in row.items() if k != "id"}, sender_id=SECRET)


def test_the_sqlite_table_has_no_rowid(engine: Engine) -> None:
    with engine.connect() as conn:
        ddl = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'insight_events'")
        ).scalar()
    assert "WITHOUT ROWID" in ddl


def test_a_database_failure_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = create_engine(f"sqlite:///{tmp_path}/missing/dir/x.db", future=True)
    with caplog.at_level(logging.WARNING):
        assert not record_profile_settled(broken, ["users"], "rest")
        assert not record_plan_shown(broken, {"archetypes": ["users"], "steps": []}, "rest")
    assert "OperationalError" in caplog.text


def test_channels_are_normalised_to_the_reported_few() -> None:
    assert normalise_channel("socketio") == "widget"
    assert normalise_channel("botframework") == "teams"
    assert normalise_channel("Slack") == "slack"
    assert normalise_channel(SECRET) == "other"
    assert normalise_channel(None) == "other"
