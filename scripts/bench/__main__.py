"""Run the whole benchmark and write docs/benchmarks.md and docs/img/bench-latency.png.

    python -m scripts.bench --model models/pathfinder.tar.gz [--levels 1,5,20,50]
    python -m scripts.bench --from-results artifacts/bench/results.json   (redraw only)

Three bots, measured alternately in one run (`baseline` describes the stock two). Pathfinder
and the peer both run under `python -m bot.addons.rasa_run`, so Rasa calls their custom actions
the same way: stock `rasa run` re-validates the action response schema from scratch on every
call (`bot.addons.resilient_actions`), a cost that would otherwise land on the peer alone and
hide the work behind Pathfinder's actions, which is what the comparison is for. The plain bot
runs under stock `rasa run`; it has no custom actions.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.addons.endpoints import endpoints_yaml
from bot.contract import ACTION_URL_ENV, ACTIONS_SECRET_ENV, TRACKER_DB_URL_ENV
from scripts.bench import baseline, machine, report, results
from scripts.bench.load import (
    CONVERSATIONS,
    LevelResult,
    check_plan_flow,
    first_reply,
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
RAW = LOGS / "results.json"
WARM_UP = 3
LAUNCHER = [str(BIN / "python"), "-m", "bot.addons.rasa_run"]


@dataclass
class Bot:
    """One bot under test: how to start its servers, and the endpoints it runs with."""

    label: str
    model: Path
    rasa_cmd: list[str]
    project: Path
    credentials: str
    has_actions: bool
    rasa_env: dict[str, str] = field(default_factory=dict)


def _start(bot: Bot, folder: Path, sampler: MemorySampler) -> tuple[list[Proc], float]:
    """Action server (if any) then Rasa server; the Rasa server's seconds from launch to a reply."""
    procs: list[Proc] = []
    env = {ACTION_URL_ENV: ""}
    if bot.has_actions:
        action_port = free_port()
        # Pathfinder's as deployed (the shared secret checked); the peer's is stock rasa_sdk
        server = "actions.server" if bot.label == "pathfinder" else "rasa_sdk"
        actions = launch(f"{bot.label}-actions", [str(BIN / "python"), "-m", server,
                                                  "--actions", "actions", "--port",
                                                  str(action_port)],
                         action_port, LOGS, cwd=bot.project, PYTHONPATH=str(bot.project),
                         **bot.rasa_env)
        actions.wait_ready("/health", 120)
        sampler.watch(actions)
        procs.append(actions)
        env[ACTION_URL_ENV] = f"{actions.url}/webhook"
    endpoints = folder / f"{bot.label}-endpoints.yml"
    if bot.label == "pathfinder":  # as deployed: the project's own endpoints generator
        endpoints.write_text(endpoints_yaml({**env, **bot.rasa_env}))
    else:  # stock: Rasa's default in-memory tracker and lock stores
        endpoints.write_text(f'action_endpoint:\n  url: "{env[ACTION_URL_ENV]}"\n'
                             if bot.has_actions else "{}\n")
    credentials = folder / f"{bot.label}-credentials.yml"
    credentials.write_text(bot.credentials)
    rasa_port = free_port()
    rasa = launch(f"{bot.label}-rasa", [*bot.rasa_cmd, "--model", str(bot.model), "--port",
                                        str(rasa_port), "--interface", "127.0.0.1",
                                        "--endpoints", str(endpoints), "--credentials",
                                        str(credentials)],
                  rasa_port, LOGS, cwd=bot.project, PYTHONPATH=f"{bot.project}{os.pathsep}{REPO}",
                  **bot.rasa_env)
    sampler.watch(rasa)
    procs.append(rasa)
    rasa.wait_ready("/", 300)
    first_reply(rasa.url)
    return procs, time.monotonic() - rasa.started


def _levels(levels: list[int], urls: dict[str, str]) -> list[dict[str, LevelResult]]:
    """Each level in two rounds, the bots in turn and then in reverse, so drift hits all alike."""
    results = []
    for level in levels:
        per_round = max(12, 2 * level)
        merged = {bot: LevelResult(bot, level) for bot in urls}
        for round_no in range(2):
            order = list(urls) if round_no == 0 else list(reversed(urls))
            for bot in order:
                start = round_no * per_round
                conversations = [CONVERSATIONS[bot](i) for i in range(start, start + per_round)]
                merged[bot].merge(run_level(bot, urls[bot], conversations, level))
        print(f"  {level:>3} concurrent: " + "; ".join(
            f"{bot} p50 {merged[bot].percentile(50) * 1000:.0f} ms, "
            f"{merged[bot].throughput:.1f} turns/s" for bot in urls), flush=True)
        results.append(merged)
    return results


def _profile(bot: Bot, work: Path) -> tuple[dict, dict]:
    """The in-process profile of one bot with actions: Pathfinder with its SQLite tracker
    store, the peer with Rasa's in-memory one, each calling its own action server."""
    port = free_port()
    actions_out, rasa_out = (work / f"{bot.label}-action-profile.json",
                             work / f"{bot.label}-rasa-profile.json")
    actions = launch(f"{bot.label}-profile-actions",
                     [str(BIN / "python"), "-m", "scripts.bench.action_profile", "--port",
                      str(port), "--out", str(actions_out)],
                     port, LOGS, cwd=bot.project, PYTHONPATH=f"{bot.project}{os.pathsep}{REPO}",
                     **bot.rasa_env)
    store = (["--tracker-url", f"sqlite:///{work / 'profile.db'}"]
             if bot.label == "pathfinder" else [])
    try:
        actions.wait_ready("/health", 120)
        timed([str(BIN / "python"), "-m", "scripts.bench.profile_turns", "--model",
               str(bot.model), "--action-url", f"{actions.url}/webhook", "--action-pid",
               str(actions.popen.pid), *store, "--conversation", bot.label,
               "--out", str(rasa_out)])
    finally:
        actions.stop(signal.SIGINT)
    return json.loads(rasa_out.read_text()), json.loads(actions_out.read_text())


def _bots(model: Path, work: Path, facts: dict, knowledge_url: str) -> list[Bot]:
    """Train the stock bots (and a fresh Pathfinder, for the training time); the three bots."""
    facts["train_s"] = {"pathfinder": baseline.train_ours(work / "models", work / "cache-ours")}
    bots = [Bot("pathfinder", model, LAUNCHER, REPO,
                "bot.channels.rest.PathfinderRestInput:\n", True,
                {"KNOWLEDGE_DB_URL": knowledge_url, ACTIONS_SECRET_ENV: secrets.token_hex(32),
                 TRACKER_DB_URL_ENV: f"sqlite:///{work / 'trackers.db'}"})]
    for variant in baseline.VARIANTS:
        project = baseline.create(work / variant, variant)
        stock_model, facts["train_s"][variant] = baseline.train(
            project, work / "models", work / f"cache-{variant}", variant)
        # the peer's Rasa server calls its actions as Pathfinder's does (module docstring)
        command = LAUNCHER if variant == "peer" else [str(BIN / "rasa"), "run"]
        bots.append(Bot(variant, stock_model, command, project, "rest:\n", variant == "peer"))
    facts["baseline_config"] = baseline.baseline_config()
    return bots


def _run(model: Path, levels: list[int], facts: dict) -> tuple[list, list, dict]:
    """Every measurement: figures go into `facts`; levels and catalogue timings returned."""
    with tempfile.TemporaryDirectory(prefix="pathfinder-bench-") as tmp:
        work = Path(tmp)
        print("Knowledge load, training (fresh caches)...", flush=True)
        knowledge_url = f"sqlite:///{work / 'knowledge.db'}"
        facts["knowledge_load_s"] = timed([str(BIN / "python"), "-m", "knowledge", "load"],
                                          KNOWLEDGE_DB_URL=knowledge_url)
        bots = _bots(model, work, facts, knowledge_url)
        sampler = MemorySampler()
        sampler.start()
        print("Cold starts...", flush=True)
        started: dict[str, list[Proc]] = {}
        facts["cold_start_s"] = {}
        try:
            for bot in bots:
                started[bot.label], facts["cold_start_s"][bot.label] = _start(bot, work, sampler)
            urls = {label: procs[-1].url for label, procs in started.items()}
            check_plan_flow(urls["pathfinder"])
            for label, url in urls.items():
                run_level(label, url, [CONVERSATIONS[label](i) for i in range(WARM_UP)], 1)
            print("Load levels...", flush=True)
            levels_result = _levels(levels, urls)
        finally:
            for procs in started.values():
                for proc in procs:
                    proc.stop()
            sampler.stop()
        facts["peak_rss"] = dict(sampler.peaks)
        facts["load_after"] = machine.load_average()
        print("Profiling the hot path...", flush=True)
        profiled = {bot.label: _profile(bot, work) for bot in bots if bot.has_actions}
        facts["profile_rasa"], facts["profile_actions"] = profiled["pathfinder"]
        facts["profile_peer_rasa"], facts["profile_peer_actions"] = profiled["peer"]
        print("Catalogue scaling...", flush=True)
        timings, sizes = measure(work)
    return levels_result, timings, sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--levels", default="1,5,20,50")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--plot", type=Path, default=REPO / "docs" / "img" / "bench-latency.png")
    parser.add_argument("--from-results", type=Path, metavar="JSON",
                        help="draw the report again from a run's raw figures; measure nothing")
    args = parser.parse_args(argv)
    if args.from_results:
        facts, levels_result, timings, sizes = results.read(args.from_results)
    elif args.model is None:
        parser.error("--model is required to measure (or give --from-results)")
    else:
        facts, levels_result, timings, sizes = _measure(args.model.resolve(), args.levels)
    report.plot(levels_result, facts, args.plot)
    args.out.write_text(report.render(facts, levels_result, timings, sizes, args.plot, args.out))
    print(f"Wrote {args.out} and {args.plot} from a {facts['run_minutes']:.1f} min run "
          f"(raw figures: {args.from_results or RAW}).")
    return 0


def _measure(model: Path, levels: str) -> tuple[dict, list, list, dict]:
    facts: dict = {"machine": machine.describe(), "load_before": machine.load_average(),
                   "commit": machine.git_commit(), "started": time.strftime("%Y-%m-%d %H:%M")}
    started = time.monotonic()
    try:
        levels_result, timings, sizes = _run(model, [int(n) for n in levels.split(",")], facts)
    finally:
        stop_all()
    facts["run_minutes"] = (time.monotonic() - started) / 60
    results.dump(RAW, facts, levels_result, timings, sizes)
    return facts, levels_result, timings, sizes


if __name__ == "__main__":
    sys.exit(main())
