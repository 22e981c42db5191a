"""A run's raw figures come back from JSON as they went in, so the report can be redrawn."""

from __future__ import annotations

from pathlib import Path

from scripts.bench import results
from scripts.bench.load import LevelResult
from scripts.bench.scaling import QueryTiming


def test_figures_round_trip_through_json(tmp_path: Path) -> None:
    levels = [{"pathfinder": LevelResult("pathfinder", 1, [0.1, 0.2], {0: [0.1], 1: [0.2]},
                                         errors=1, seconds=0.5)}]
    timings = [QueryTiming("plan (users, new)", 100, 3.5, 1, "SEARCH needs", False)]
    path = tmp_path / "raw" / "results.json"
    results.dump(path, {"run_minutes": 1.0}, levels, timings, {100: {"offerings": 2500}})
    facts, back, back_timings, sizes = results.read(path)
    assert facts == {"run_minutes": 1.0}
    assert back == levels
    assert back[0]["pathfinder"].by_turn[1] == [0.2]
    assert back_timings == timings
    assert sizes == {100: {"offerings": 2500}}
