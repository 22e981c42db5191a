"""The benchmark's ratio and target tables, from made-up figures (no timing is measured here)."""

from __future__ import annotations

from scripts.bench.load import LevelResult
from scripts.bench.report import (
    _profile,
    findings,
    level_table,
    profiled,
    ratios,
    stages,
    target_table,
    targets,
)


def result(bot: str, concurrency: int, latencies: list[float], seconds: float) -> LevelResult:
    return LevelResult(bot, concurrency, latencies=list(latencies),
                       by_turn={0: list(latencies)}, seconds=seconds)


def levels() -> list[dict[str, LevelResult]]:
    return [
        {"pathfinder": result("pathfinder", 1, [0.06, 0.06, 0.06], 1.0),
         "peer": result("peer", 1, [0.05, 0.05, 0.05], 1.0),
         "plain": result("plain", 1, [0.03, 0.03, 0.03], 1.0)},
        {"pathfinder": result("pathfinder", 20, [0.5] * 8, 2.0),
         "peer": result("peer", 20, [0.4] * 10, 2.0),
         "plain": result("plain", 20, [0.3] * 10, 1.0)},
    ]


def test_ratios_compare_pathfinder_with_each_stock_bot_per_level() -> None:
    found = {(r.concurrency, r.against): r for r in ratios(levels())}
    assert set(found) == {(1, "peer"), (1, "plain"), (20, "peer"), (20, "plain")}
    assert round(found[(1, "peer")].p50, 2) == 1.2
    assert round(found[(1, "plain")].p50, 2) == 2.0
    assert round(found[(20, "peer")].throughput, 2) == 0.8
    assert round(found[(20, "plain")].throughput, 2) == 0.4


def test_a_bot_without_figures_is_left_out_rather_than_divided_by() -> None:
    broken = levels()
    broken[0]["plain"] = LevelResult("plain", 1, errors=3)
    assert (1, "plain") not in {(r.concurrency, r.against) for r in ratios(broken)}


def test_targets_are_judged_against_the_peer() -> None:
    rows = {t.name: t for t in targets(levels(), {1: 1.5, 100: 12.0}, 25.0)}
    assert rows["median turn at 1 user <= 1.3x the peer"].met
    assert rows["median turn at 1 user <= 1.3x the peer"].measured == "1.20x"
    assert not rows["throughput at 20 concurrent >= 0.9x the peer"].met
    assert rows["building a plan at 1x the catalogue <= 2 ms"].met
    assert not rows["building a plan at 100x the catalogue <= 10 ms"].met
    assert not rows["cold start to first reply <= 20 s"].met


def test_target_table_marks_what_is_not_met() -> None:
    lines = target_table(targets(levels(), {1: 1.5}, 10.0))
    assert any("1.20x | met |" in line for line in lines)
    assert any("0.80x | **not met** |" in line for line in lines)


def test_level_table_has_a_row_per_level_and_the_ratios() -> None:
    lines = level_table(levels())
    assert lines[2].startswith("| 1 | 60 / 60 / 60 | 3.0 | 0/3 | 50 / 50 / 50 |")
    assert "| 1 | 1.20x | 1.00x | 2.00x | 1.00x |" in lines
    assert "| 20 | 1.25x | 0.80x | 1.67x | 0.40x |" in lines


def profile(wall_s: float, stages_s: dict[str, float], work_s: float) -> tuple[dict, dict]:
    rasa = {"turns": 100, "wall_s": wall_s, "stages_s": stages_s, "hot_functions": []}
    actions = {"sql": {"statements": 0, "seconds": 0.0, "commits": 0, "commit_seconds": 0.0},
               "actions": {"action_a": {"calls": 100, "seconds": work_s}},
               "hot_functions": []}
    return rasa, actions


def facts(with_peer: bool) -> dict:
    made: dict = {"load_after": "0.50 / 0.50 / 0.50"}
    made["profile_rasa"], made["profile_actions"] = profile(
        1.05, {"nlu": 0.35, "policies": 0.2, "action_round_trip": 0.3, "tracker_fetch": 0.1,
              "tracker_save": 0.1}, 0.1)
    if with_peer:
        made["profile_peer_rasa"], made["profile_peer_actions"] = profile(
            0.5, {"nlu": 0.2, "policies": 0.15, "action_round_trip": 0.1}, 0.0)
    return made


def test_the_profile_table_sets_the_peers_stages_beside_pathfinders() -> None:
    lines = _profile(facts(with_peer=True))
    assert "mean per turn **5.0 ms**" in lines[0]
    assert "| stage | ms per turn | share | peer, ms per turn |" in lines
    assert "| NLU parse (`parse_message`) | 3.5 | 33% | 2.0 |" in lines
    assert "| tracker store fetch + session check | 1.0 | 10% | 0.0 |" in lines
    peer = dict(stages(facts(with_peer=True), "peer"))
    assert round(sum(peer.values()), 6) == 5.0  # the stages add up to the peer's whole turn


def test_findings_name_the_stages_that_differ_most_from_the_peer() -> None:
    said = findings(facts(with_peer=True), levels(), {})
    gap = next(line for line in said if "more than the peer's" in line)
    assert "takes 5.5 ms more than the peer's (5.0 ms)" in gap
    assert "differ most: NLU parse +1.5 ms; " in gap  # the largest difference first
    assert "tracker store fetch + session check +1.0 ms" in gap


def test_a_run_that_profiled_pathfinder_alone_still_reports() -> None:
    old = facts(with_peer=False)
    assert profiled(old) == ["pathfinder"]
    lines = _profile(old)
    assert "| stage | ms per turn | share |" in lines
    assert not any("more than the peer's" in line for line in findings(old, levels(), {}))
