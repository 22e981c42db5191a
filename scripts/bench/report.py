"""docs/benchmarks.md and the latency plot, from one run's figures."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from scripts.bench.load import LevelResult, baseline_conversation, pathfinder_conversation
from scripts.bench.scaling import FACTORS, QueryTiming

TARGET_P50_RATIO = 1.3
TARGET_TURNS_PER_S = 40.0
TARGET_LEVEL = 20
TARGET_COLD_START_S = 20.0
FLAT_RATIO = 1.5  # a lookup counts as size-independent if at 100x it costs under 1.5x of 1x
STAGE_NAMES = {
    "nlu": "NLU: tokenise, featurise, classify, extract (`parse_message`)",
    "policies": "Dialogue policies: rules + memoization (`_predict_next_with_tracker`)",
    "action_round_trip": "Custom action round trip (`RemoteAction.run`)",
    "tracker_fetch": "Tracker fetch + session check",
    "tracker_save": "Tracker save",
}
TURN_NAMES = {
    "pathfinder": ["greeting", "role description", "confirm (yes)", "familiarity -> plan",
                   "glossary question"],
    "baseline": ["greeting (custom action)", "mood", "answer (yes)", "bot challenge", "goodbye"],
}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def _mb(value: int) -> str:
    return f"{value / 2**20:.0f} MB"


def plot(levels: list[tuple[LevelResult, LevelResult]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    x = [ours.concurrency for ours, _ in levels]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for index, (label, colour) in enumerate((("Pathfinder", "#005eb8"), ("bare Rasa", "#999"))):
        runs = [pair[index] for pair in levels]
        left.plot(x, [r.percentile(50) * 1000 for r in runs], "o-", color=colour,
                  label=f"{label} p50")
        left.plot(x, [r.percentile(95) * 1000 for r in runs], "s--", color=colour,
                  label=f"{label} p95")
        right.plot(x, [r.throughput for r in runs], "o-", color=colour, label=label)
    left.set(xscale="log", yscale="log", xlabel="concurrent conversations",
             ylabel="turn latency (ms)", title="Latency")
    right.set(xscale="log", xlabel="concurrent conversations", ylabel="turns per second",
              title="Throughput")
    right.axhline(TARGET_TURNS_PER_S, color="#d5281b", linestyle=":", label="target at 20")
    for axis in (left, right):
        axis.set_xticks(x)
        axis.set_xticklabels([str(v) for v in x])
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _targets(facts: dict, levels: list[tuple[LevelResult, LevelResult]],
             timings: list[QueryTiming]) -> list[str]:
    one = next(((o, b) for o, b in levels if o.concurrency == 1), None)
    twenty = next((o for o, _ in levels if o.concurrency == TARGET_LEVEL), None)
    lines = ["| Target | Measured | |", "|---|---|---|"]
    if one:
        ratio = one[0].percentile(50) / one[1].percentile(50)
        lines.append(f"| p50 at 1 user within {TARGET_P50_RATIO}x of bare Rasa | "
                     f"{ms(one[0].percentile(50))} ms vs {ms(one[1].percentile(50))} ms = "
                     f"{ratio:.2f}x | {_met(ratio <= TARGET_P50_RATIO)} |")
    if twenty:
        lines.append(f"| >= {TARGET_TURNS_PER_S:.0f} turns/s at {TARGET_LEVEL} concurrent | "
                     f"{twenty.throughput:.1f} turns/s | "
                     f"{_met(twenty.throughput >= TARGET_TURNS_PER_S)} |")
    cold = facts["cold_start_s"]["pathfinder"]
    lines.append(f"| cold start to first reply < {TARGET_COLD_START_S:.0f} s | {cold:.1f} s | "
                 f"{_met(cold < TARGET_COLD_START_S)} |")
    flat, growing = _flat_lookups(timings)
    lines.append(f"| knowledge lookups independent of catalogue size (indexed) | "
                 f"{sum(flat.values())} of {len(flat)} fixed-size lookups within "
                 f"{FLAT_RATIO}x at {FACTORS[-1]}x; not so: {' and '.join(growing)} (below) | "
                 f"{_met(all(flat.values()))} for lookups |")
    return lines


def _flat_lookups(timings: list[QueryTiming]) -> tuple[dict[str, bool], list[str]]:
    """Each fixed-size lookup: flat or not; and the names of the queries that grow."""
    by = {(t.name, t.factor): t for t in timings}
    names = list(dict.fromkeys(t.name for t in timings))
    flat = {n: by[(n, FACTORS[-1])].median_ms <= FLAT_RATIO * by[(n, FACTORS[0])].median_ms
            for n in names if by[(n, FACTORS[0])].lookup}
    return flat, [n for n in names if n not in flat]


def _findings(facts: dict, levels: list[tuple[LevelResult, LevelResult]],
              timings: list[QueryTiming]) -> list[str]:
    """What this run's figures say, in sentences computed from them."""
    ours, bare = levels[0]
    stages, turns = facts["profile_rasa"]["stages_s"], facts["profile_rasa"]["turns"]
    trip = stages.get("action_round_trip", 0.0) / turns * 1000
    actions = facts["profile_actions"]["actions"]
    code = sum(a["seconds"] for a in actions.values()) / turns * 1000
    bare_action = bare.percentile(50, bare.by_turn.get(0, []))
    bare_plain = bare.percentile(50, [v for i in range(1, 5) for v in bare.by_turn.get(i, [])])
    best_ours = max(o.throughput for o, _ in levels)
    best_bare = max(b.throughput for _, b in levels)
    by = {(t.name, t.factor): t for t in timings}
    plan_cost = [by[("plan (users, new)", f)].median_ms for f in FACTORS]
    flat, _ = _flat_lookups(timings)
    steady = [n for n, ok in flat.items() if ok]
    return [
        f"* Every Pathfinder turn runs a custom action; four of the five bare-Rasa turns are "
        f"plain responses. In the profile the action round trip is {trip:.0f} ms of a Pathfinder "
        f"turn ({code:.0f} ms of it is the action code itself). Bare Rasa's one custom-action "
        f"turn takes {ms(bare_action)} ms at p50 against {ms(bare_plain)} ms for its plain "
        "turns: stock Rasa 3.6 re-validates its response schema on every action call, which "
        "Pathfinder's launcher avoids (`bot/addons/resilient_actions.py`).",
        f"* At {ours.concurrency} user Pathfinder's p50 is "
        f"{ours.percentile(50) / bare.percentile(50):.2f}x bare Rasa's; the ratio falls as load "
        f"rises ({levels[-1][0].percentile(50) / levels[-1][1].percentile(50):.2f}x at "
        f"{levels[-1][0].concurrency}), because both saturate the same cores.",
        f"* Peak throughput: Pathfinder {best_ours:.1f} turns/s, bare Rasa {best_bare:.1f} "
        "turns/s. One Rasa process uses one core for NLU and policies; the second core is shared "
        "by the action server and the load generator. More throughput needs more Rasa "
        "processes (and cores) behind a load balancer, not only a faster turn.",
        f"* Cold start is Rasa's import and model load: {facts['cold_start_s']['pathfinder']:.1f}"
        f" s for Pathfinder, {facts['cold_start_s']['baseline']:.1f} s for bare Rasa.",
        f"* Lookups that stay within {FLAT_RATIO}x from 1x to {FACTORS[-1]}x: "
        f"{', '.join(steady) or 'none'}. Building a plan reads every offering of a tier that "
        "serves the "
        f"archetypes and ranks them in Python, so it grows with the catalogue: "
        + ", ".join(f"{c:.0f} ms" for c in plan_cost)
        + f" at {', '.join(f'{f}x' for f in FACTORS)}.",
    ]


def _level_table(levels: list[tuple[LevelResult, LevelResult]]) -> list[str]:
    lines = [
        "| concurrent | Pathfinder p50 / p95 / p99 (ms) | turns/s | errors | "
        "bare Rasa p50 / p95 / p99 (ms) | turns/s | errors | p50 ratio | throughput ratio |",
        "|---:|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for ours, bare in levels:
        def trio(r: LevelResult) -> str:
            return " / ".join(ms(r.percentile(q)) for q in (50, 95, 99))

        lines.append(
            f"| {ours.concurrency} | {trio(ours)} | {ours.throughput:.1f} | "
            f"{ours.errors}/{ours.turns} | {trio(bare)} | {bare.throughput:.1f} | "
            f"{bare.errors}/{bare.turns} | {ours.percentile(50) / bare.percentile(50):.2f}x | "
            f"{ours.throughput / bare.throughput:.2f}x |"
        )
    return lines


def _per_turn(levels: list[tuple[LevelResult, LevelResult]]) -> list[str]:
    ours, bare = levels[0]
    lines = [f"Per turn at {ours.concurrency} concurrent (p50, ms):", "",
             "| turn | Pathfinder | | bare Rasa | |", "|---:|---|---:|---|---:|"]
    for i in range(5):
        lines.append(
            f"| {i + 1} | {TURN_NAMES['pathfinder'][i]} | "
            f"{ms(ours.percentile(50, ours.by_turn.get(i, [])))} | "
            f"{TURN_NAMES['baseline'][i]} | {ms(bare.percentile(50, bare.by_turn.get(i, [])))} |"
        )
    return lines


def _profile(facts: dict) -> list[str]:
    rasa, actions = facts["profile_rasa"], facts["profile_actions"]
    turns = rasa["turns"]
    per_turn = rasa["wall_s"] / turns
    stages = rasa["stages_s"]
    lines = [f"{turns} turns ({turns // 5} Pathfinder conversations), one at a time, Rasa agent "
             "in-process (`Agent.load` + `handle_text`) calling the real action server over "
             "HTTP; wall-clock timers around each stage. Mean per turn: "
             f"**{per_turn * 1000:.1f} ms**.", "",
             "| stage | ms per turn | share |", "|---|---:|---:|"]
    for key, label in STAGE_NAMES.items():
        value = stages.get(key, 0.0) / turns
        lines.append(f"| {label} | {value * 1000:.1f} | {value / per_turn:.0%} |")
    rest = per_turn - sum(stages.values()) / turns
    lines.append(f"| Everything else in the processor (events, slots, output) | "
                 f"{rest * 1000:.1f} | {rest / per_turn:.0%} |")
    calls = sum(a["calls"] for a in actions["actions"].values())
    in_actions = sum(a["seconds"] for a in actions["actions"].values())
    sql = actions["sql"]
    round_trip = stages.get("action_round_trip", 0.0)
    lines += [
        "",
        "Inside the custom-action round trip (measured in the action server during the same "
        "turns):", "",
        "| part | ms per action call |", "|---|---:|",
        f"| action code (`ActionExecutor.run`), including SQL | {in_actions / calls * 1000:.1f} |",
        f"| of which SQL ({sql['statements'] / calls:.1f} statements per call) | "
        f"{sql['seconds'] / calls * 1000:.1f} |",
        f"| HTTP hop, JSON (de)serialisation, Sanic (round trip minus action code) | "
        f"{(round_trip - in_actions) / calls * 1000:.1f} |",
        "", "Slowest actions (mean ms per call):", "",
        "| action | calls | mean ms |", "|---|---:|---:|",
    ]
    slow = sorted(actions["actions"].items(), key=lambda kv: -kv[1]["seconds"] / kv[1]["calls"])
    for name, a in slow[:6]:
        lines.append(f"| `{name}` | {a['calls']} | {a['seconds'] / a['calls'] * 1000:.1f} |")
    for title, rows in (("Rasa server", rasa["hot_functions"]),
                        ("action server", actions["hot_functions"])):
        lines += ["", f"Hottest functions by own CPU time, {title} (cProfile):", "",
                  "| function | calls | own s | cumulative s |", "|---|---:|---:|---:|"]
        for row in rows[:8]:
            lines.append(f"| `{_short(row['path'])}:{row['function'].split(':', 1)[1]}` | "
                         f"{row['calls']} | {row['self_s']:.2f} | {row['cumulative_s']:.2f} |")
    return lines


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _short(path: str) -> str:
    for marker in ("site-packages/", "/work/main/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return Path(path).name


def _scaling(timings: list[QueryTiming], sizes: dict) -> list[str]:
    head = " | ".join(f"{f}x ({sizes[f]['offerings']} offerings, {sizes[f]['glossary terms']} "
                      "terms)" for f in FACTORS)
    lines = [f"| query | kind | {head} | rows at {FACTORS[-1]}x | SQLite plan |",
             "|---|---|" + "---:|" * len(FACTORS) + "---:|---|"]
    names = list(dict.fromkeys(t.name for t in timings))
    by = {(t.name, t.factor): t for t in timings}
    for name in names:
        cells = " | ".join(f"{by[(name, f)].median_ms:.2f} ms ({_rows(by[(name, f)].rows)})"
                           for f in FACTORS)
        last = by[(name, FACTORS[-1])]
        plan = last.plan.replace("USING COVERING INDEX", "covering index") or "no SQL (cached)"
        kind = "lookup" if last.lookup else "grows with matches"
        lines.append(f"| {name} | {kind} | {cells} | {last.rows} | {plan} |")
    return lines


def render(facts: dict, levels: list[tuple[LevelResult, LevelResult]],
           timings: list[QueryTiming], sizes: dict, plot_path: Path, out: Path) -> str:
    cold, rss = facts["cold_start_s"], facts["peak_rss"]
    config = yaml.safe_dump(facts["baseline_config"], sort_keys=False).strip()
    lines = [
        "# Benchmarks: Pathfinder against a bare Rasa bot",
        "",
        "Generated by `make bench` (`python -m scripts.bench --model models/pathfinder.tar.gz`)"
        f" on {facts['started']} at commit `{facts['commit']}`; the run took "
        f"{facts['run_minutes']:.1f} minutes. Do not edit by hand: run it again.",
        "",
        "## Machine",
        "",
        "| | |", "|---|---|",
        *[f"| {k} | {v} |" for k, v in facts["machine"].items()],
        f"| load average (1/5/15 min) | before {facts['load_before']}; after the load levels "
        f"{facts['load_after']} |",
        "",
        "The load generator (one asyncio process, aiohttp) runs on the same cores as the "
        "servers, and the machine may be shared: treat the figures as this run's, and compare "
        "the two bots within the run (they were measured alternately) rather than across runs.",
        "",
        "## What is compared",
        "",
        "* **Pathfinder**: `python -m bot.addons.rasa_run` (Rasa 3.6 + the strict REST channel "
        "+ resilient custom actions) with `models/pathfinder.tar.gz`, and the action server "
        "(`python -m rasa_sdk --actions actions`) reading the catalogue from a SQLite file "
        "loaded by `python -m knowledge load`. Every turn runs a custom action.",
        "* **Bare Rasa**: the `rasa init` project (scaffold copied with "
        "`rasa.cli.scaffold.create_initial_project`, as `rasa init` does), trained with our "
        "pipeline and policies exactly (nothing had to be removed; the lookup-table features "
        "simply find no tables), served by stock `rasa run` with the stock `rest` channel. "
        "Its greeting is one trivial custom action (`action_hello`, uttering `utter_greet`) "
        "on its own rasa_sdk action server, so one turn in five pays the action hop; the "
        "other four are plain responses.",
        "* Both: in-memory tracker and lock stores, REST on 127.0.0.1, one process each.",
        "* Conversations: Pathfinder `" + "` → `".join(pathfinder_conversation(0)) + "`; bare "
        "Rasa `" + "` → `".join(baseline_conversation(0)) + "` (wording varies between "
        "conversations). Each level runs two rounds (Pathfinder then bare Rasa, then the "
        "other way round), each of max(12, 2 × level) whole conversations, new sender ids.",
        "",
        "Baseline config:", "", "```yaml", config, "```",
        "",
        "## Targets",
        "",
        *_targets(facts, levels, timings),
        "",
        "## Findings",
        "",
        *_findings(facts, levels, timings),
        "",
        "## Latency and throughput",
        "",
        *_level_table(levels),
        "",
        f"![Latency and throughput against concurrency]"
        f"({os.path.relpath(plot_path, out.parent)})",
        "",
        *_per_turn(levels),
        "",
        "## Start-up, training, memory",
        "",
        "| | Pathfinder | bare Rasa | ratio |", "|---|---:|---:|---:|",
        f"| cold start: `rasa run` launch to first reply | {cold['pathfinder']:.1f} s | "
        f"{cold['baseline']:.1f} s | {cold['pathfinder'] / cold['baseline']:.2f}x |",
        f"| `rasa train`, empty cache | {facts['train_ours_s']:.1f} s | "
        f"{facts['train_baseline_s']:.1f} s | "
        f"{facts['train_ours_s'] / facts['train_baseline_s']:.2f}x |",
        f"| peak RSS, Rasa server | {_mb(rss['pathfinder-rasa'])} | {_mb(rss['baseline-rasa'])} "
        f"| {rss['pathfinder-rasa'] / rss['baseline-rasa']:.2f}x |",
        f"| peak RSS, action server | {_mb(rss['pathfinder-actions'])} | "
        f"{_mb(rss['baseline-actions'])} | "
        f"{rss['pathfinder-actions'] / rss['baseline-actions']:.2f}x |",
        f"| knowledge load (`python -m knowledge load` into a new SQLite file, whole command) "
        f"| {facts['knowledge_load_s']:.1f} s | n/a | |",
        "",
        "Peak RSS is sampled every 0.25 s over start-up and all load levels (process and "
        "children).",
        "",
        "## Where a turn's time goes",
        "",
        *_profile(facts),
        "",
        "## Catalogue size",
        "",
        "Median time of the store's main queries on a fresh store, with the real catalogue and "
        "with 10x and 100x copies of every offering and glossary term (copies keep tier, level "
        "and archetypes, and link to copies of the capability areas). Point lookups should not "
        "change; a query whose result grows with the catalogue (by tier and archetype) costs "
        "time per row returned, not per row stored, as its plan shows.",
        "",
        *_scaling(timings, sizes),
        "",
    ]
    return "\n".join(lines)
