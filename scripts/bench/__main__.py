"""Run the whole benchmark and write docs/benchmarks.md and docs/img/bench-latency.png.

    python -m scripts.bench --model models/pathfinder.tar.gz [--levels 1,5,20,50]
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import time
from pathlib import Path

from scripts.bench import baseline, machine, report
from scripts.bench.load import (
    LevelResult,
    baseline_conversation,
    first_reply,
    pathfinder_conversation,
    run_level,
)
from scripts.bench.procs import (
    BIN,
    REPO,
    MemorySampler,
    Proc,
    free_port,
    launch,
    stop_all,
    timed,
)
from scripts.bench.scaling import measure

LOGS = REPO / "artifacts" / "bench"
WARM_UP = 3


def _start_pair(label: str, model: Path, rasa_cmd: list[str], actions_cwd: Path,
                rasa_cwd: Path, credentials: Path, folder: Path, sampler: MemorySampler,
                **actions_env: str) -> tuple[Proc, Proc, float]:
    """Action server then Rasa server; the Rasa server's seconds from launch to a reply."""
    action_port, rasa_port = free_port(), free_port()
    actions = launch(f"{label}-actions", [str(BIN / "python"), "-m", "rasa_sdk", "--actions",
                                          "actions", "--port", str(action_port)],
                     action_port, LOGS, cwd=actions_cwd, PYTHONPATH=str(actions_cwd),
                     **actions_env)
    actions.wait_ready("/health", 120)
    endpoints = folder / f"{label}-endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n')
    rasa = launch(f"{label}-rasa", [*rasa_cmd, "--model", str(model), "--port", str(rasa_port),
                                    "--interface", "127.0.0.1", "--endpoints", str(endpoints),
                                    "--credentials", str(credentials)],
                  rasa_port, LOGS, cwd=rasa_cwd, PYTHONPATH=str(rasa_cwd))
    sampler.watch(actions)
    sampler.watch(rasa)
    rasa.wait_ready("/", 300)
    first_reply(rasa.url)
    return actions, rasa, time.monotonic() - rasa.started


def _levels(levels: list[int], ours: str, bare: str) -> list[tuple[LevelResult, LevelResult]]:
    """Each level in two rounds, A then B, then B then A, so drifting load hits both alike."""
    results = []
    for level in levels:
        per_round = max(12, 2 * level)
        merged = {"pathfinder": LevelResult("pathfinder", level),
                  "baseline": LevelResult("baseline", level)}
        for round_no in range(2):
            order = ["pathfinder", "baseline"] if round_no == 0 else ["baseline", "pathfinder"]
            for bot in order:
                url, make = (ours, pathfinder_conversation) if bot == "pathfinder" \
                    else (bare, baseline_conversation)
                start = round_no * per_round
                conversations = [make(i) for i in range(start, start + per_round)]
                merged[bot].merge(run_level(bot, url, conversations, level))
        print(f"  {level:>3} concurrent: Pathfinder p50 "
              f"{merged['pathfinder'].percentile(50) * 1000:.0f} ms, "
              f"{merged['pathfinder'].throughput:.1f} turns/s; baseline p50 "
              f"{merged['baseline'].percentile(50) * 1000:.0f} ms, "
              f"{merged['baseline'].throughput:.1f} turns/s", flush=True)
        results.append((merged["pathfinder"], merged["baseline"]))
    return results


def _profile(model: Path, work: Path, knowledge_url: str) -> tuple[dict, dict]:
    port = free_port()
    actions_out, rasa_out = work / "action-profile.json", work / "rasa-profile.json"
    actions = launch("profile-actions", [str(BIN / "python"), "-m",
                                         "scripts.bench.action_profile", "--port", str(port),
                                         "--out", str(actions_out)],
                     port, LOGS, KNOWLEDGE_DB_URL=knowledge_url)
    try:
        actions.wait_ready("/health", 120)
        timed([str(BIN / "python"), "-m", "scripts.bench.profile_turns", "--model", str(model),
               "--action-url", f"{actions.url}/webhook", "--action-pid",
               str(actions.popen.pid), "--out", str(rasa_out)])
    finally:
        actions.stop(signal.SIGINT)
    return json.loads(rasa_out.read_text()), json.loads(actions_out.read_text())


def _run(model: Path, levels: list[int], facts: dict) -> tuple[list, list, dict]:
    """Every measurement: figures go into `facts`; levels and catalogue timings returned."""
    with tempfile.TemporaryDirectory(prefix="pathfinder-bench-") as tmp:
        work = Path(tmp)
        print("Knowledge load, training (fresh caches)...", flush=True)
        knowledge_url = f"sqlite:///{work / 'knowledge.db'}"
        facts["knowledge_load_s"] = timed([str(BIN / "python"), "-m", "knowledge", "load"],
                                          KNOWLEDGE_DB_URL=knowledge_url)
        facts["train_ours_s"] = baseline.train_ours(work / "models", work / "cache-ours")
        project = baseline.create(work / "baseline")
        bare_model, facts["train_baseline_s"] = baseline.train(
            project, work / "models", work / "cache-baseline")
        facts["baseline_config"] = baseline.baseline_config()

        ours_credentials = work / "pathfinder-credentials.yml"
        ours_credentials.write_text("bot.channels.rest.PathfinderRestInput:\n")
        bare_credentials = work / "baseline-credentials.yml"
        bare_credentials.write_text("rest:\n")
        sampler = MemorySampler()
        sampler.start()
        print("Cold starts...", flush=True)
        ours = _start_pair("pathfinder", model, [str(BIN / "python"), "-m",
                                                 "bot.addons.rasa_run"],
                           REPO, REPO, ours_credentials, work, sampler,
                           KNOWLEDGE_DB_URL=knowledge_url)
        bare = _start_pair("baseline", bare_model, [str(BIN / "rasa"), "run"], project,
                           project, bare_credentials, work, sampler)
        facts["cold_start_s"] = {"pathfinder": ours[2], "baseline": bare[2]}
        try:
            run_level("pathfinder", ours[1].url,
                      [pathfinder_conversation(i) for i in range(WARM_UP)], 1)
            run_level("baseline", bare[1].url,
                      [baseline_conversation(i) for i in range(WARM_UP)], 1)
            print("Load levels...", flush=True)
            levels_result = _levels(levels, ours[1].url, bare[1].url)
        finally:
            for proc in (*ours[:2], *bare[:2]):
                proc.stop()
            sampler.stop()
        facts["peak_rss"] = dict(sampler.peaks)
        facts["load_after"] = machine.load_average()
        print("Profiling the hot path...", flush=True)
        facts["profile_rasa"], facts["profile_actions"] = _profile(model, work, knowledge_url)
        print("Catalogue scaling...", flush=True)
        timings, sizes = measure(work)
    return levels_result, timings, sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--levels", default="1,5,20,50")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--plot", type=Path, default=REPO / "docs" / "img" / "bench-latency.png")
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.levels.split(",")]
    model = args.model.resolve()
    facts: dict = {"machine": machine.describe(), "load_before": machine.load_average(),
                   "commit": machine.git_commit(), "started": time.strftime("%Y-%m-%d %H:%M")}
    started = time.monotonic()
    try:
        levels_result, timings, sizes = _run(model, levels, facts)
    finally:
        stop_all()
    facts["run_minutes"] = (time.monotonic() - started) / 60
    raw = LOGS / "results.json"
    raw.write_text(json.dumps({"facts": facts, "levels": [[vars(o), vars(b)] for o, b in
                                                          levels_result],
                               "timings": [vars(t) for t in timings], "sizes": sizes},
                              indent=1, default=str))
    report.plot(levels_result, args.plot)
    args.out.write_text(report.render(facts, levels_result, timings, sizes, args.plot, args.out))
    print(f"Wrote {args.out} and {args.plot} in {facts['run_minutes']:.1f} min "
          f"(raw figures: {raw.relative_to(REPO)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
