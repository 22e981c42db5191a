"""docs/benchmarks.md and its chart, from one run's figures."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.bench.load import LevelResult, pathfinder_conversation, stock_conversation
from scripts.bench.scaling import FACTORS, PLAN_QUERY, QueryTiming

BOTS = {"pathfinder": "Pathfinder", "peer": "stock + custom action every turn",
        "plain": "plain rasa init"}
PEER, PLAIN = "peer", "plain"
TARGET_P50_RATIO = 1.3  # Pathfinder's median turn at 1 user, at most this times the peer's
TARGET_THROUGHPUT_RATIO = 0.9  # turns/s at TARGET_LEVEL, at least this times the peer's
TARGET_LEVEL = 20
TARGET_PLAN_MS = {1: 2.0, 100: 10.0}  # building a plan, at catalogue size factor
TARGET_COLD_START_S = 20.0
COLOURS = {"pathfinder": "#005eb8", "peer": "#ed8b00", "plain": "#999999"}
TURN_NAMES = {
    "pathfinder": ["greeting", "role description", "confirm (yes)", "familiarity -> plan",
                   "glossary question"],
    "stock": ["greeting", "mood (unhappy)", "answer (yes)", "bot challenge", "goodbye"],
}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def _mb(value: int) -> str:
    return f"{value / 2**20:.0f} MB"


@dataclass(frozen=True)
class Ratios:
    """Pathfinder against one stock bot at one concurrency level."""

    concurrency: int
    against: str
    p50: float  # Pathfinder's median turn / theirs (lower is better)
    throughput: float  # Pathfinder's turns per second / theirs (higher is better)


def ratios(levels: list[dict[str, LevelResult]]) -> list[Ratios]:
    """Pathfinder's median and throughput relative to each stock bot, level by level."""
    out = []
    for level in levels:
        ours = level["pathfinder"]
        for other in (PEER, PLAIN):
            theirs = level.get(other)
            if theirs is None or not theirs.latencies or not theirs.throughput:
                continue
            out.append(Ratios(ours.concurrency, other,
                              ours.percentile(50) / theirs.percentile(50),
                              ours.throughput / theirs.throughput))
    return out


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    met: bool


def targets(levels: list[dict[str, LevelResult]], plan_ms: dict[int, float],
            cold_start_s: float) -> list[Target]:
    """Issue 12's targets against this run's figures (reported, never asserted in tests)."""
    found = {(r.concurrency, r.against): r for r in ratios(levels)}
    out = []
    one = found.get((1, PEER))
    if one:
        out.append(Target(f"median turn at 1 user <= {TARGET_P50_RATIO}x the peer",
                          f"{one.p50:.2f}x", one.p50 <= TARGET_P50_RATIO))
    busy = found.get((TARGET_LEVEL, PEER))
    if busy:
        out.append(Target(f"throughput at {TARGET_LEVEL} concurrent >= "
                          f"{TARGET_THROUGHPUT_RATIO}x the peer", f"{busy.throughput:.2f}x",
                          busy.throughput >= TARGET_THROUGHPUT_RATIO))
    for factor, limit in TARGET_PLAN_MS.items():
        if factor in plan_ms:
            out.append(Target(f"building a plan at {factor}x the catalogue <= {limit:g} ms",
                              f"{plan_ms[factor]:.2f} ms", plan_ms[factor] <= limit))
    out.append(Target(f"cold start to first reply <= {TARGET_COLD_START_S:g} s",
                      f"{cold_start_s:.1f} s", cold_start_s <= TARGET_COLD_START_S))
    return out


def target_table(rows: list[Target]) -> list[str]:
    return ["| target | measured | |", "|---|---:|---|",
            *[f"| {t.name} | {t.measured} | {'met' if t.met else '**not met**'} |"
              for t in rows]]


def level_table(levels: list[dict[str, LevelResult]]) -> list[str]:
    """Percentiles, throughput and errors of every bot, then Pathfinder's ratios, per level."""
    bots = [b for b in BOTS if b in levels[0]]
    head = " | ".join(f"{BOTS[b]} p50 / p95 / p99 (ms) | turns/s | errors" for b in bots)
    lines = [f"| concurrent | {head} |", "|---:|" + "---|---:|---:|" * len(bots)]
    for level in levels:
        cells = []
        for b in bots:
            r = level[b]
            trio = " / ".join(ms(r.percentile(q)) for q in (50, 95, 99))
            cells.append(f"{trio} | {r.throughput:.1f} | {r.errors}/{r.turns}")
        lines.append(f"| {level[bots[0]].concurrency} | {' | '.join(cells)} |")
    lines += ["", "Pathfinder relative to each stock bot (median: lower is better; throughput: "
              "higher is better):", "",
              "| concurrent | median vs peer | throughput vs peer | median vs plain | "
              "throughput vs plain |", "|---:|---:|---:|---:|---:|"]
    by = {(r.concurrency, r.against): r for r in ratios(levels)}
    for level in levels:
        c = level["pathfinder"].concurrency
        cells = [f"{by[(c, o)].p50:.2f}x | {by[(c, o)].throughput:.2f}x" if (c, o) in by
                 else "n/a | n/a" for o in (PEER, PLAIN)]
        lines.append(f"| {c} | {' | '.join(cells)} |")
    return lines


def per_turn(levels: list[dict[str, LevelResult]]) -> list[str]:
    first = levels[0]
    lines = [f"Per turn at {first['pathfinder'].concurrency} concurrent (p50, ms):", "",
             "| turn | Pathfinder | | stock turn | peer | plain |",
             "|---:|---|---:|---|---:|---:|"]
    for i in range(5):
        cells = [ms(first[b].percentile(50, first[b].by_turn.get(i, [])))
                 if b in first else "n/a" for b in BOTS]
        lines.append(f"| {i + 1} | {TURN_NAMES['pathfinder'][i]} | {cells[0]} | "
                     f"{TURN_NAMES['stock'][i]} | {cells[1]} | {cells[2]} |")
    return lines


PROFILES = {"pathfinder": ("profile_rasa", "profile_actions"),
            PEER: ("profile_peer_rasa", "profile_peer_actions")}


def profiled(facts: dict) -> list[str]:
    """The bots this run profiled stage by stage (older runs profiled Pathfinder alone)."""
    return [bot for bot, keys in PROFILES.items() if all(k in facts for k in keys)]


def stages(facts: dict, bot: str = "pathfinder") -> list[tuple[str, float]]:
    """A turn of one bot cut into parts that add up to the whole, in ms per turn."""
    rasa, actions = (facts[key] for key in PROFILES[bot])
    turns, got = rasa["turns"], rasa["stages_s"]
    work = sum(a["seconds"] for a in actions["actions"].values())
    action_commit = actions["sql"].get("commit_seconds", 0.0)
    commit = got.get("tracker_commit", 0.0)
    parts = [
        ("NLU parse (`parse_message`)", got.get("nlu", 0.0)),
        ("dialogue policies (`_predict_next_with_tracker`)", got.get("policies", 0.0)),
        ("action HTTP hop + JSON, both ends (round trip minus action work)",
         got.get("action_round_trip", 0.0) - work),
        ("action work (`ActionExecutor.run`), without its commits", work - action_commit),
        ("action server: knowledge database commits (profile saves)", action_commit),
        ("tracker store fetch + session check", got.get("tracker_fetch", 0.0)),
        ("tracker store save, without the commit", got.get("tracker_save", 0.0) - commit),
        ("tracker store commit (SQL)", commit),
    ]
    rest = rasa["wall_s"] - sum(v for _, v in parts)
    parts.append(("everything else in the processor (events, slots, output)", rest))
    return [(name, seconds / turns * 1000) for name, seconds in parts]


def plan_ms(timings: list[QueryTiming]) -> dict[int, float]:
    return {t.factor: t.median_ms for t in timings if t.name == PLAN_QUERY}


def plot(levels: list[dict[str, LevelResult]], facts: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    x = [level["pathfinder"].concurrency for level in levels]
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(15, 4.2))
    for bot, label in BOTS.items():
        runs = [level[bot] for level in levels if bot in level]
        if len(runs) != len(levels):
            continue
        left.plot(x, [r.percentile(50) * 1000 for r in runs], "o-", color=COLOURS[bot],
                  label=f"{label} p50")
        left.plot(x, [r.percentile(95) * 1000 for r in runs], "s--", color=COLOURS[bot],
                  alpha=0.6, label=f"{label} p95")
        middle.plot(x, [r.throughput for r in runs], "o-", color=COLOURS[bot], label=label)
    left.set(xscale="log", yscale="log", xlabel="concurrent conversations",
             ylabel="turn latency (ms)", title="Latency")
    middle.set(xscale="log", xlabel="concurrent conversations", ylabel="turns per second",
               title="Throughput")
    for axis in (left, middle):
        axis.set_xticks(x)
        axis.set_xticklabels([str(v) for v in x])
        axis.grid(alpha=0.3)
        axis.legend(fontsize=7)
    parts = stages(facts)
    names = [name.split(" (")[0] for name, _ in parts]
    right.barh(names[::-1], [v for _, v in parts][::-1], color=COLOURS["pathfinder"])
    right.set(xlabel="ms per turn", title="A Pathfinder turn, by stage (profile)")
    right.tick_params(axis="y", labelsize=7)
    right.grid(alpha=0.3, axis="x")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


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
        plan = last.plan.replace("USING COVERING INDEX", "covering index") or "no SQL (snapshot)"
        kind = "lookup" if last.lookup else "grows with matches"
        lines.append(f"| {name} | {kind} | {cells} | {last.rows} | {plan} |")
    return lines




def _profile(facts: dict) -> list[str]:
    rasa, actions = facts["profile_rasa"], facts["profile_actions"]
    turns = rasa["turns"]
    per_turn_ms = rasa["wall_s"] / turns * 1000
    bots = profiled(facts)
    lines = [f"An in-process profile of the same code path: {turns} turns ({turns // 5} "
             "Pathfinder conversations) one at a time, the Rasa agent in-process (`Agent.load` + "
             "`handle_text`, with Pathfinder's resilient actions and its SQLite tracker store) "
             "calling the real action server over HTTP, which times its own actions and "
             "commits; wall-clock timers around each stage, so the stages never overlap. "
             f"Mean per turn: **{per_turn_ms:.1f} ms**."]
    if PEER in bots:
        peer = facts["profile_peer_rasa"]
        lines[0] += (f" The peer is profiled the same way ({peer['turns']} turns of its own "
                     "conversation, its stock action server, Rasa's in-memory tracker store, "
                     "the launcher's add-ons as its server has them): mean per turn "
                     f"**{peer['wall_s'] / peer['turns'] * 1000:.1f} ms**.")
    columns = {bot: dict(stages(facts, bot)) for bot in bots}
    header = "| stage | ms per turn | share |" + (" peer, ms per turn |" if PEER in bots else "")
    lines += ["", header, "|---|---:|---:|" + ("---:|" if PEER in bots else "")]
    for name, value in columns["pathfinder"].items():
        row = f"| {name} | {value:.1f} | {value / per_turn_ms:.0%} |"
        if PEER in bots:
            row += f" {columns[PEER][name]:.1f} |"
        lines.append(row)
    calls = sum(a["calls"] for a in actions["actions"].values())
    sql = actions["sql"]
    lines += [
        "", f"The action server answered {calls} action calls ({calls / turns:.2f} per turn), "
        f"running {sql['statements'] / calls:.1f} SQL statements "
        f"({sql['seconds'] / calls * 1000:.1f} ms) and {sql.get('commits', 0) / calls:.2f} "
        "commits per call.",
        "", "Slowest actions (mean ms per call):", "",
        "| action | calls | mean ms |", "|---|---:|---:|",
    ]
    slow = sorted(actions["actions"].items(), key=lambda kv: -kv[1]["seconds"] / kv[1]["calls"])
    for name, a in slow[:6]:
        lines.append(f"| `{name}` | {a['calls']} | {a['seconds'] / a['calls'] * 1000:.1f} |")
    for title, rows in (("Rasa server", rasa["hot_functions"]),
                        ("action server", actions["hot_functions"])):
        lines += ["", f"Hottest functions by own CPU time, {title} (cProfile, a second pass over "
                  "the same conversations):", "",
                  "| function | calls | own s | cumulative s |", "|---|---:|---:|---:|"]
        for row in rows[:8]:
            lines.append(f"| `{_short(row['path'])}:{row['function'].split(':', 1)[1]}` | "
                         f"{row['calls']} | {row['self_s']:.2f} | {row['cumulative_s']:.2f} |")
    return lines


def _startup(facts: dict) -> list[str]:
    cold, rss, train = facts["cold_start_s"], facts["peak_rss"], facts["train_s"]
    bots = [b for b in BOTS if b in cold]

    def row(name: str, values: dict[str, str]) -> str:
        return f"| {name} | " + " | ".join(values.get(b, "n/a") for b in bots) + " |"

    return [
        "| | " + " | ".join(BOTS[b] for b in bots) + " |", "|---|" + "---:|" * len(bots),
        row("cold start: `rasa run` launch to first reply",
            {b: f"{cold[b]:.1f} s" for b in bots}),
        row("`rasa train`, empty cache", {b: f"{train[b]:.1f} s" for b in bots if b in train}),
        row("peak RSS, Rasa server",
            {b: _mb(rss[f"{b}-rasa"]) for b in bots if f"{b}-rasa" in rss}),
        row("peak RSS, action server",
            {b: _mb(rss[f"{b}-actions"]) for b in bots if f"{b}-actions" in rss}),
        "",
        f"Knowledge load (`python -m knowledge load` into a new SQLite file, whole command): "
        f"{facts['knowledge_load_s']:.1f} s. Peak RSS is sampled every 0.25 s over start-up and "
        "all load levels (process and children). The bots start one after another, so each "
        "cold start competes with the servers already idling, not with load.",
    ]


def findings(facts: dict, levels: list[dict[str, LevelResult]],
             plan: dict[int, float]) -> list[str]:
    """What this run's figures say, in sentences computed from them."""
    parts = dict(stages(facts))
    per_turn_ms = sum(parts.values())
    top = sorted(parts, key=lambda name: -parts[name])[:3]
    tracker = sum(v for name, v in parts.items() if name.startswith("tracker store"))
    one = levels[0]
    ours = one["pathfinder"].percentile(50) * 1000
    out = [
        "* The three largest stages of a Pathfinder turn in the profile: "
        + "; ".join(f"{name.split(' (')[0]} {parts[name]:.1f} ms" for name in top)
        + f" (of {per_turn_ms:.1f} ms). Its SQLite tracker store (fetch, save, commit) takes "
        f"{tracker:.1f} ms a turn, work the stock bots' in-memory store does not do.",
        f"* The profile ran after the load levels (load average then {facts['load_after']}); "
        f"its mean turn ({per_turn_ms:.1f} ms, in-process) is "
        f"{'above' if per_turn_ms > ours else 'below'} the live median at "
        f"{one['pathfinder'].concurrency} user ({ours:.0f} ms, through REST). On a shared "
        "machine compare stages with each other, and bots within one measurement, rather "
        "than figures taken at different moments.",
    ]
    if PEER in one and PLAIN in one:
        peer, plain = (one[b].percentile(50) * 1000 for b in (PEER, PLAIN))
        out.append(f"* At {one[PEER].concurrency} user the stock bot's median turn is "
                   f"{peer:.1f} ms with a custom action on every turn and {plain:.1f} ms "
                   f"without: the hop to a trivial action and its JSON cost "
                   f"{max(peer - plain, 0):.1f} ms at the median, so Pathfinder's extra "
                   f"{ours - peer:.0f} ms is the work behind its actions and its stores.")
    best = {b: max(level[b].throughput for level in levels) for b in one}
    out.append("* Peak throughput over the levels: " + ", ".join(
        f"{BOTS[b]} {v:.1f} turns/s" for b, v in best.items()) + ". Every bot runs one Rasa "
        "process, which uses one core for NLU and policies; the other core is shared by the "
        "action server, the load generator and anything else on the machine.")
    if PEER in profiled(facts):
        peer = dict(stages(facts, PEER))
        gaps = sorted(((parts[n] - peer[n], n) for n in parts), reverse=True)
        out.append(
            f"* In the profile a Pathfinder turn takes {per_turn_ms - sum(peer.values()):.1f} ms "
            f"more than the peer's ({sum(peer.values()):.1f} ms); the stages that differ most: "
            + "; ".join(f"{n.split(' (')[0]} {d:+.1f} ms" for d, n in gaps[:4]) + ".")
    if plan:
        out.append("* Building a plan: " + ", ".join(
            f"{ms_:.1f} ms at {factor}x" for factor, ms_ in sorted(plan.items()))
            + " of the catalogue, built from the action server's in-memory snapshot; what "
            "grows with the catalogue is the number of offerings a plan weighs.")
    return out


def render(facts: dict, levels: list[dict[str, LevelResult]],
           timings: list[QueryTiming], sizes: dict, plot_path: Path, out: Path) -> str:
    config = yaml.safe_dump(facts["baseline_config"], sort_keys=False).strip()
    rows = targets(levels, plan_ms(timings), facts["cold_start_s"]["pathfinder"])
    lines = [
        "# Benchmarks: Pathfinder against stock Rasa",
        "",
        "Generated by `make bench` (`python -m scripts.bench --model models/pathfinder.tar.gz`)"
        f" on {facts['started']} UTC at commit `{facts['commit']}`; the run took "
        f"{facts['run_minutes']:.1f} minutes. Do not edit by hand: run it again.",
        "",
        "## Targets (issue 12)",
        "",
        *target_table(rows),
        "",
        "The peer is the stock `rasa init` bot on our config in which every turn runs a custom "
        "action (below). Targets are reported here, never asserted in tests.",
        "",
        "## Findings",
        "",
        *findings(facts, levels, plan_ms(timings)),
        "",
        "## Machine",
        "",
        "| | |", "|---|---|",
        *[f"| {k} | {v} |" for k, v in facts["machine"].items()],
        f"| load average (1/5/15 min) | before {facts['load_before']}; after the load levels "
        f"{facts['load_after']} |",
        "",
        "The load generator (one asyncio process, aiohttp) runs on the same cores as the "
        "servers, and the machine may be shared with other work: treat the figures as this "
        "run's, and compare the bots within the run (they were measured alternately) rather "
        "than across runs.",
        "",
        "## What is compared",
        "",
        "* **Pathfinder**: `python -m bot.addons.rasa_run` (Rasa 3.6 + the strict REST channel "
        "+ resilient custom actions over a kept-alive connection) with "
        "`models/pathfinder.tar.gz`, endpoints written by `bot.addons.endpoints` as deployed: "
        "the embedded SQLite tracker store (`ForgettingSQLTrackerStore`, WAL, kept "
        "connections) and an in-memory lock store; the action server (`python -m "
        "actions.server`, the shared secret checked) reads the catalogue from, and saves profiles "
        "to, a SQLite file loaded by `python -m knowledge load`. Every turn runs a custom "
        "action.",
        "* **Peer (stock + custom action every turn)**: the `rasa init` project (scaffold "
        "copied with `rasa.cli.scaffold.create_initial_project`, as `rasa init` does), trained "
        "with our pipeline and policies exactly (plus a MemoizationPolicy when ours has none: "
        "the scaffold's conversations are stories, which rules alone do not follow), in which "
        "every bot turn is one custom action "
        "on a stock rasa_sdk action server uttering that turn's responses "
        "(`scripts/bench/baseline.py`). Stock `rest` channel, Rasa's default in-memory "
        "tracker and lock stores, served by Pathfinder's launcher (`python -m "
        "bot.addons.rasa_run`) so that Rasa calls its actions exactly as it calls "
        "Pathfinder's: stock `rasa run` re-validates the action response schema from scratch "
        "and opens a new HTTP connection on every call, fixed costs per action call that "
        "Pathfinder's launcher removes and that would otherwise land on the peer alone "
        "(`bot/addons/resilient_actions.py`); the launcher's other add-ons (event classes "
        "looked up once, `skops.io` imported before TensorFlow) serve both bots alike.",
        "* **Plain `rasa init`**: the same project as scaffolded, every reply a domain "
        "response, no action server, served by stock `rasa run`.",
        "* Pathfinder therefore also pays for writing each turn to its SQLite conversation "
        "store, which the stock bots, keeping conversations in memory, do not.",
        "* Conversations: Pathfinder `" + "` → `".join(pathfinder_conversation(0)) + "` (the "
        "familiarity turn builds the plan; the run checks that it does before measuring); "
        "stock bots `" + "` → `".join(stock_conversation(0)) + "` (wording varies between "
        "conversations). Each level runs two rounds (the bots in turn, then in reverse order), "
        "each of max(12, 2 × level) whole conversations per bot, new sender ids.",
        "",
        "Stock bots' config:", "", "```yaml", config, "```",
        "",
        "## Latency and throughput",
        "",
        *level_table(levels),
        "",
        f"![Latency, throughput and a Pathfinder turn by stage]"
        f"({os.path.relpath(plot_path, out.parent)})",
        "",
        *per_turn(levels),
        "",
        "## Start-up, training, memory",
        "",
        *_startup(facts),
        "",
        "## Where a Pathfinder turn's time goes",
        "",
        *_profile(facts),
        "",
        "## Building a plan, and the catalogue at 10x and 100x",
        "",
        "Median time of the catalogue's main reads and of building a plan "
        f"(`{PLAN_QUERY}`: `knowledge.engines.advisor.plan` on the catalogue snapshot, as the plan "
        "action calls it), of the per-turn version check and of reading a whole snapshot "
        "(once per load), with the real catalogue and with 10x and 100x synthetic "
        "copies of every offering and glossary term (copies keep tier, level and archetypes, "
        "and link to copies of the capability areas; `scripts/bench/scaling.py`).",
        "",
        *_scaling(timings, sizes),
        "",
    ]
    return "\n".join(lines)
