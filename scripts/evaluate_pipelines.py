"""Compare candidate Rasa pipelines for Pathfinder on accuracy and on cost.

Why: docs/pipeline.md records which NLU/policy components the bot uses; every figure in it comes
from this script, so the choice can be re-checked whenever the training data or config change.

For each candidate (derived from config.yml, written under --work, never into the repo) it runs
  1. `rasa test nlu --cross-validation` on bot/data/nlu + bot/data/generated (numpy seeded, so the
     folds are the same on every run),
  2. a cold-cache `rasa train` on all of bot/data (wall time, peak RSS),
  3. fresh-process probes of that model: `import rasa`, `Agent.load`, RSS after load, and
     `agent.parse_message` latency; the first probe also classifies tests/nlu/heldout.yml and,
     for the chosen candidate, checks what the policies predict after every pair of intents.
It prints Markdown tables and writes summary.json/summary.md under --work (and charts with
--charts DIR). SklearnIntentClassifier (SVM) is not a candidate: Rasa refuses to build it without a
DenseFeaturizer, and every dense featurizer (spaCy, MITIE, language models) needs downloaded
weights.

Usage (the machine has 2 cores; be kind to whoever shares it):
    nice -n 10 .venv/bin/python scripts/evaluate_pipelines.py [--candidates A,B,C]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "config.yml"
DOMAIN = ROOT / "bot" / "domain"
DATA = ROOT / "bot" / "data"
RULES = DATA / "rules" / "rules.yml"
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
FOCUS_INTENTS = (
    "describe_role",
    "correct_archetype",
    "ask_definition",
    "out_of_scope",
    "clinical_question",
)
FALLBACK_INTENT = "nlu_fallback"
SEED = 42
NUMERIC = ("_s", "_ms", "_mb")

Pipeline = list[dict[str, Any]]


@dataclass(frozen=True)
class Candidate:
    """A pipeline variant: a key for file names, a label for tables, and how to derive it."""

    key: str
    label: str
    derive: Callable[[Pipeline], Pipeline]


def _same(pipeline: Pipeline) -> Pipeline:
    return pipeline


def _without_regex_features(pipeline: Pipeline) -> Pipeline:
    """Drop the lookup/regex features; RegexEntityExtractor keeps them for entities only."""
    return [c for c in pipeline if not c["name"].endswith("RegexFeaturizer")]


def _without_lexical_syntactic(pipeline: Pipeline) -> Pipeline:
    """LexicalSyntacticFeaturizer only makes token-level features, which LogReg never reads."""
    return [c for c in pipeline if c["name"] != "LexicalSyntacticFeaturizer"]


def _with_diet(pipeline: Pipeline) -> Pipeline:
    """Swap the classifier for DIET; entities stay with RegexEntityExtractor in every variant."""
    diet = {
        "name": "DIETClassifier",
        "epochs": 100,
        "random_seed": SEED,
        "constrain_similarities": True,
        "entity_recognition": False,
    }
    return [diet if c["name"].endswith("LogisticRegressionClassifier") else c for c in pipeline]


CANDIDATES = {
    c.key: c
    for c in (
        Candidate("A", "A: config.yml (LogReg + lookup features)", _same),
        Candidate("B", "B: A without RegexFeaturizer", _without_regex_features),
        Candidate("C", "C: A with DIET (TensorFlow)", _with_diet),
        Candidate("E", "E: A without LexicalSyntacticFeaturizer", _without_lexical_syntactic),
    )
}


def rasa_env(cache: Path) -> dict[str, str]:
    """Environment for child Rasa processes: no telemetry, quiet TF, a private model cache."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="3",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        PYTHONHASHSEED=str(SEED),
        RASA_CACHE_DIRECTORY=str(cache),
        PYTHONPATH=str(ROOT),
    )
    return env


def run_timed(cmd: list[str], log: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Run a command to completion; return (wall s, CPU s, peak RSS MB) or fail loudly.

    CPU seconds are reported too because wall time on a shared machine depends on the neighbours.
    """
    start = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}), see {log}: {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def cached_step(path: Path, reuse: bool, step: Callable[[], dict]) -> dict:
    """Run a slow step, or with --reuse read what it saved last time (DIET CV takes an hour)."""
    if reuse and path.exists():
        return json.loads(path.read_text())
    result = step()
    path.write_text(json.dumps(result))
    return result


def write_config(candidate: Candidate, work: Path) -> Path:
    """Write the candidate's config next to its results (config.yml is never modified)."""
    base = yaml.safe_load(CONFIG.read_text())
    config = copy.deepcopy(base)
    config["pipeline"] = candidate.derive(copy.deepcopy(base["pipeline"]))
    config["assistant_id"] = f"pathfinder_eval_{candidate.key.lower()}"
    path = work / f"config-{candidate.key}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def nlu_data_dir(work: Path) -> Path:
    """One folder with the hand-written NLU files and the generated lookups (symlinks)."""
    generated = sorted((DATA / "generated").glob("*.yml"))
    if not generated:
        sys.exit("bot/data/generated has no lookups: run `make nlu-data` first.")
    folder = work / "nlu-data"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for source in sorted((DATA / "nlu").glob("*.yml")) + generated:
        (folder / f"{source.parent.name}-{source.name}").symlink_to(source)
    return folder


def cross_validate(candidate: Candidate, config: Path, data: Path, work: Path, folds: int) -> dict:
    """Seeded `rasa test nlu --cross-validation`; returns the accumulated test-fold report."""
    out = work / f"cv-{candidate.key}"
    cache = work / f"cache-cv-{candidate.key}"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    cmd = [
        sys.executable,
        __file__,
        "_rasa",
        "test",
        "nlu",
        "--nlu",
        str(data),
        "--config",
        str(config),
        "--cross-validation",
        "--folds",
        str(folds),
        "--out",
        str(out),
        "--successes",
        "--no-plot",
    ]
    log = work / f"cv-{candidate.key}.log"
    wall, cpu, peak = run_timed(cmd, log, rasa_env(cache))
    return {"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": peak, **read_cross_validation(out, log)}


def read_cross_validation(out: Path, log: Path) -> dict:
    """Figures and out-of-fold predictions from a `rasa test nlu --cross-validation` run."""
    report = json.loads((out / "intent_report.json").read_text())
    intent_log = log.read_text().split("Intent evaluation results", 1)[-1]
    fold_stats = {
        name: re.search(rf"test {name}: ([0-9.]+ \([0-9.]+\))", intent_log).group(1)
        for name in ("Accuracy", "F1-score")
    }
    predictions = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = out / name
        for row in json.loads(path.read_text()) if path.exists() else []:
            predictions.append(
                {
                    "text": row["text"],
                    "truth": row["intent"],
                    "predicted": row["intent_prediction"]["name"],
                    "confidence": row["intent_prediction"]["confidence"],
                }
            )
    return {
        "accuracy": report["accuracy"],
        "macro_f1": report["macro avg"]["f1-score"],
        "fold_stats": fold_stats,
        "f1": {intent: report[intent]["f1-score"] for intent in FOCUS_INTENTS},
        "predictions": predictions,
    }


def train(candidate: Candidate, config: Path, work: Path) -> dict:
    """Cold-cache `rasa train` of the whole assistant, as a fresh CI clone would do it."""
    cache = work / f"cache-train-{candidate.key}"
    shutil.rmtree(cache, ignore_errors=True)
    models = work / "models"
    cmd = [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "--domain",
        str(DOMAIN),
        "--data",
        str(DATA),
        "--config",
        str(config),
        "--out",
        str(models),
        "--fixed-model-name",
        f"candidate-{candidate.key}",
        "--quiet",
    ]
    wall, cpu, peak = run_timed(cmd, work / f"train-{candidate.key}.log", rasa_env(cache))
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mb": peak,
        "model": str(models / f"candidate-{candidate.key}.tar.gz"),
    }


def probe_model(
    model: str,
    work: Path,
    name: str,
    repeats: int,
    messages: int,
    extra: tuple[str, ...] = (),
    first_extra: tuple[str, ...] = (),
) -> list[dict]:
    """Run the load/latency probe in fresh processes so each load is a real cold start."""
    results = []
    for index in range(repeats):
        out = work / f"probe-{name}-{index}.json"
        cmd = [
            sys.executable,
            __file__,
            "_probe",
            "--model",
            model,
            "--out",
            str(out),
            "--messages",
            str(messages),
            *extra,
            *(first_extra if index == 0 else ()),
        ]
        run_timed(cmd, work / f"probe-{name}-{index}.log", rasa_env(work / "cache-probe"))
        results.append(json.loads(out.read_text()))
    return results


# --- the probe (runs in a child process) -----------------------------------------------------


def rss_mb() -> tuple[float, float]:
    """Current and peak resident memory of this process, from /proc (Linux)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def heldout_examples() -> list[tuple[str, str]]:
    """(text, intent) pairs of the held-out set, entity markup removed by Rasa's own reader."""
    from rasa.shared.nlu.training_data.loading import load_data

    return [(m.get("text"), m.get("intent")) for m in load_data(str(HELDOUT)).intent_examples]


def raw_prediction(result: dict) -> dict:
    """The classifier's own top intent, as if FallbackClassifier were absent (as rasa test does)."""
    ranking = [r for r in result.get("intent_ranking", []) if r["name"] != FALLBACK_INTENT]
    top = ranking[0] if ranking else {"name": "", "confidence": 0.0}
    second = ranking[1]["confidence"] if len(ranking) > 1 else 0.0
    return {
        "predicted": top["name"],
        "confidence": float(top["confidence"]),
        "second": float(second),
        "fallback": result["intent"]["name"] == FALLBACK_INTENT,
    }


def rule_actions() -> dict[str, list[str]]:
    """intent -> the actions its rule runs, read from bot/data/rules/rules.yml."""
    expected: dict[str, list[str]] = {}
    for rule in yaml.safe_load(RULES.read_text())["rules"]:
        first, *rest = rule["steps"]
        intents = [s["intent"] for s in first["or"]] if "or" in first else [first["intent"]]
        actions = [s["action"] for s in rest if "action" in s]
        for intent in intents:
            expected[intent] = actions
    return expected


def policy_transitions(agent: Any) -> dict:
    """After every (previous intent, next intent) pair, do the policies run the next rule?

    Why: off-script turns are the weak spot of a dialogue without TED; this shows whether any
    intent, at any point, still gets its action (and from which policy).
    """
    from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    expected = rule_actions()
    intents = [i for i in agent.domain.intents if i not in ("back", "session_start")]

    def follow(events: list) -> tuple[list[str], list[str]]:
        actions, policies = [], []
        for _ in range(6):
            tracker = DialogueStateTracker.from_events("probe", events, agent.domain.slots)
            prediction = agent.predict_next_with_tracker(tracker)
            best = max(prediction["scores"], key=lambda s: s["score"])["action"]
            if best == "action_listen":
                break
            actions.append(best)
            policies.append(prediction["policy"])
            events.append(ActionExecuted(best))
        events.append(ActionExecuted("action_listen"))
        return actions, policies

    def utter(intent: str) -> UserUttered:
        return UserUttered(intent, intent={"name": intent, "confidence": 1.0})

    outcomes: Counter = Counter()
    used: Counter = Counter()
    unexpected: set[str] = set()
    for previous in [None, *intents]:
        start = [ActionExecuted("action_session_start"), SessionStarted()]
        start.append(ActionExecuted("action_listen"))
        if previous:
            start.append(utter(previous))
            follow(start)
        for intent in intents:
            events = [*start, utter(intent)]
            actions, policies = follow(events)
            as_rule = actions == expected.get(intent)
            outcomes["as rule" if as_rule else "other"] += 1
            used.update(policies[:1])
            if not as_rule:
                unexpected.add(f"{previous} -> {intent}: {actions}")
    return {
        "pairs": sum(outcomes.values()),
        "outcomes": dict(outcomes),
        "policies": dict(used),
        "unexpected": sorted(unexpected)[:20],
    }


async def probe_async(args: argparse.Namespace) -> dict:
    """Time import and load, then parse messages, in this fresh process."""
    start, cpu_start = time.perf_counter(), time.process_time()
    from rasa.core.agent import Agent

    imported, cpu_imported = time.perf_counter(), time.process_time()
    agent = Agent.load(args.model)
    loaded, cpu_loaded = time.perf_counter(), time.process_time()
    rss_after_load, _ = rss_mb()
    examples = heldout_examples()
    texts = [text for text, _ in examples]
    random.Random(SEED).shuffle(texts)
    first_start = time.perf_counter()
    await agent.parse_message(texts[0])
    first_ms = (time.perf_counter() - first_start) * 1000
    timings, cpu_timings = [], []
    for index in range(args.messages):
        began, cpu_began = time.perf_counter(), time.process_time()
        await agent.parse_message(texts[index % len(texts)])
        timings.append((time.perf_counter() - began) * 1000)
        cpu_timings.append((time.process_time() - cpu_began) * 1000)
    timings.sort()
    result: dict[str, Any] = {
        "import_s": imported - start,
        "load_s": loaded - imported,
        "import_cpu_s": cpu_imported - cpu_start,
        "load_cpu_s": cpu_loaded - cpu_imported,
        "rss_after_load_mb": rss_after_load,
        "first_parse_ms": first_ms,
        "parse_p50_ms": statistics.median(timings),
        "parse_p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "parse_cpu_p50_ms": statistics.median(cpu_timings),
    }
    if args.predict:
        predictions = []
        for text, intent in examples:
            parsed = raw_prediction(await agent.parse_message(text))
            predictions.append({"text": text, "truth": intent, **parsed})
        result["heldout"] = predictions
    if args.policies:
        result["policies"] = policy_transitions(agent)
    result["peak_rss_mb"] = rss_mb()[1]
    return result


def probe_main(argv: list[str]) -> int:
    """Entry point of the child process that measures one model."""
    parser = argparse.ArgumentParser(prog="evaluate_pipelines.py _probe")
    parser.add_argument("--model", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--predict", action="store_true")
    parser.add_argument("--policies", action="store_true")
    parser.add_argument(
        "--skops-first",
        action="store_true",
        help="import skops.io before Rasa: its import scans sys.modules, which TensorFlow fills",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.skops_first:
        import skops.io  # noqa: F401
    skops_s = time.perf_counter() - started
    result = asyncio.run(probe_async(args))
    if args.skops_first:
        result["skops_import_s"] = skops_s
    Path(args.out).write_text(json.dumps(result))
    return 0


def seeded_rasa(argv: list[str]) -> int:
    """The rasa CLI with numpy/random seeded: rasa's StratifiedKFold shuffles unseeded."""
    import numpy

    random.seed(SEED)
    numpy.random.seed(SEED)
    from rasa.__main__ import main

    sys.argv = ["rasa", *argv]
    main()
    return 0


# --- analysis ----------------------------------------------------------------------------------


def scores(predictions: list[dict]) -> dict:
    """Accuracy, macro F1 and focus-intent F1 of raw classifier predictions."""
    from sklearn.metrics import accuracy_score, f1_score

    truth = [p["truth"] for p in predictions]
    predicted = [p["predicted"] for p in predictions]
    labels = sorted(set(truth) | set(predicted))
    per_intent = f1_score(truth, predicted, labels=labels, average=None, zero_division=0)
    by_label = dict(zip(labels, per_intent, strict=True))
    return {
        "accuracy": accuracy_score(truth, predicted),
        "macro_f1": f1_score(truth, predicted, labels=labels, average="macro", zero_division=0),
        "f1": {intent: float(by_label.get(intent, 0.0)) for intent in FOCUS_INTENTS},
    }


def fallback_rates(predictions: list[dict], threshold: float, ambiguity: float) -> dict:
    """Share of messages FallbackClassifier would catch, split by right and wrong predictions."""

    def falls(p: dict) -> bool:
        second = p.get("second", 0.0)
        return p["confidence"] < threshold or p["confidence"] - second < ambiguity

    right = [p for p in predictions if p["predicted"] == p["truth"]]
    wrong = [p for p in predictions if p["predicted"] != p["truth"]]
    return {
        "all": sum(map(falls, predictions)) / len(predictions),
        "right": sum(map(falls, right)) / max(len(right), 1),
        "wrong": sum(map(falls, wrong)) / max(len(wrong), 1),
        "n_right": len(right),
        "n_wrong": len(wrong),
    }


def threshold_grid(predictions: list[dict]) -> list[dict]:
    """Confidence thresholds vs right answers lost and wrong answers caught (no ambiguity rule)."""
    rows = []
    for step in range(5, 80, 5):
        threshold = step / 100
        rates = fallback_rates(predictions, threshold, 0.0)
        rows.append(
            {
                "threshold": threshold,
                "right_lost": rates["right"],
                "wrong_caught": rates["wrong"],
                "youden": rates["wrong"] - rates["right"],
            }
        )
    return rows


def confusions(predictions: list[dict], limit: int = 12) -> list[dict]:
    """Most frequent (truth -> predicted) mistakes with example texts."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for p in predictions:
        if p["predicted"] != p["truth"]:
            pairs.setdefault((p["truth"], p["predicted"]), []).append(p["text"])
    ranked = sorted(pairs.items(), key=lambda item: -len(item[1]))[:limit]
    return [
        {"truth": t, "predicted": pr, "count": len(x), "examples": x[:3]} for (t, pr), x in ranked
    ]


def fallback_settings() -> tuple[float, float]:
    """FallbackClassifier threshold and ambiguity threshold from config.yml."""
    for component in yaml.safe_load(CONFIG.read_text())["pipeline"]:
        if component["name"] == "FallbackClassifier":
            return float(component.get("threshold", 0.3)), float(
                component.get("ambiguity_threshold", 0.1)
            )
    sys.exit("config.yml has no FallbackClassifier")


def seconds(wall: float, cpu: float | None) -> str:
    """'12 s (9)': wall seconds with CPU seconds when they were recorded."""
    return f"{wall:.0f} s ({cpu:.0f})" if cpu is not None else f"{wall:.0f} s (n/a)"


def same_predictions(first: dict, second: dict) -> bool:
    """Did two probes of one model classify every held-out message identically?"""
    pairs = zip(first["heldout"], second["heldout"], strict=True)
    return all(
        a["predicted"] == b["predicted"] and abs(a["confidence"] - b["confidence"]) < 1e-9
        for a, b in pairs
    )


def median_of(probes: list[dict], key: str) -> float:
    return statistics.median(p[key] for p in probes)


def summarise(results: dict[str, dict], chosen: str) -> str:
    """Markdown tables of every figure, as pasted into docs/pipeline.md."""
    threshold, ambiguity = fallback_settings()
    lines = [
        "| Candidate | CV accuracy (fold mean, sd) | CV macro F1 | held-out accuracy "
        "| held-out macro F1 |",
        "|---|---|---|---|---|",
    ]
    for key, r in results.items():
        cv, held = r["cv"], r["heldout"]
        lines.append(
            f"| {CANDIDATES[key].label} | {cv['fold_stats']['Accuracy']} "
            f"| {cv['macro_f1']:.3f} | {held['accuracy']:.3f} | {held['macro_f1']:.3f} |"
        )
    lines += [
        "",
        "Wall seconds (CPU seconds); probe figures are medians of fresh-process runs.",
        "",
        "| Candidate | rasa train, cold cache | train peak RSS | CV run | import rasa | Agent.load "
        "| first parse | parse p50 / p95 (CPU p50) | RSS after load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, r in results.items():
        train, cv = r["train"], r["cv"]
        m = {k: median_of(r["probes"], k) for k in r["probes"][0] if k.endswith(NUMERIC)}
        lines.append(
            f"| {key} | {seconds(train['wall_s'], train['cpu_s'])} "
            f"| {train['peak_rss_mb']:.0f} MB | {seconds(cv['wall_s'], cv['cpu_s'])} "
            f"| {m['import_s']:.1f} s ({m['import_cpu_s']:.1f}) "
            f"| {m['load_s']:.1f} s ({m['load_cpu_s']:.1f}) | {m['first_parse_ms']:.0f} ms "
            f"| {m['parse_p50_ms']:.1f} / {m['parse_p95_ms']:.1f} ms ({m['parse_cpu_p50_ms']:.1f}) "
            f"| {m['rss_after_load_mb']:.0f} MB |"
        )
    samples = [x for r in results.values() for x in r["load_average"]]
    lines += [
        "",
        f"1-minute load average on this {os.cpu_count()}-core machine between steps: "
        f"{min(samples):.1f} to {max(samples):.1f}.",
    ]
    lines += ["", "Per-intent F1 (CV / held-out):", ""]
    lines.append("| Candidate | " + " | ".join(FOCUS_INTENTS) + " |")
    lines.append("|---" * (len(FOCUS_INTENTS) + 1) + "|")
    for key, r in results.items():
        cells = [f"{r['cv']['f1'][i]:.2f} / {r['heldout']['f1'][i]:.2f}" for i in FOCUS_INTENTS]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"FallbackClassifier in config.yml: threshold {threshold}, ambiguity {ambiguity}.",
        "",
        "| Candidate | held-out caught (all / right / wrong) | CV out-of-fold caught "
        "(all / right / wrong, no ambiguity rule) |",
        "|---|---|---|",
    ]
    for key, r in results.items():
        h = r["fallback"]["heldout"]
        c = r["fallback"]["cv"]
        lines.append(
            f"| {key} | {h['all']:.1%} / {h['right']:.1%} / {h['wrong']:.1%} "
            f"(wrong n={h['n_wrong']}) | {c['all']:.1%} / {c['right']:.1%} / {c['wrong']:.1%} "
            f"(wrong n={c['n_wrong']}) |"
        )
    if chosen in results:
        lines += ["", f"Threshold grid for {chosen} (confidence rule only):", ""]
        lines.append(
            "| threshold | held-out right lost | held-out wrong caught | CV right lost "
            "| CV wrong caught |"
        )
        lines.append("|---|---|---|---|---|")
        grids = results[chosen]["thresholds"]
        for held, cv in zip(grids["heldout"], grids["cv"], strict=True):
            lines.append(
                f"| {held['threshold']:.2f} | {held['right_lost']:.1%} "
                f"| {held['wrong_caught']:.1%} | {cv['right_lost']:.1%} "
                f"| {cv['wrong_caught']:.1%} |"
            )
        early = results[chosen]["probes_skops_first"]
        if early:
            lines += [
                "",
                f"{chosen} with `import skops.io` before Rasa (medians): skops "
                f"{median_of(early, 'skops_import_s'):.1f} s, import rasa "
                f"{median_of(early, 'import_s'):.1f} s, Agent.load "
                f"{median_of(early, 'load_s'):.1f} s, "
                f"first parse {median_of(early, 'first_parse_ms'):.0f} ms, parse p50 "
                f"{median_of(early, 'parse_p50_ms'):.1f} ms, RSS after load "
                f"{median_of(early, 'rss_after_load_mb'):.0f} MB. Same held-out predictions "
                f"and confidences: {same_predictions(early[0], results[chosen]['probes'][0])}.",
            ]
        policies = results[chosen]["probes"][0].get("policies")
        if policies:
            lines += ["", f"Policy check ({chosen}): {json.dumps(policies)}"]
    for key, r in results.items():
        lines += ["", f"Top confusions for {key} (held-out, then CV):"]
        for source in ("heldout", "cv"):
            for c in r["confusions"][source][:8]:
                examples = "; ".join(f'"{e}"' for e in c["examples"])
                lines.append(
                    f"- [{source}] {c['truth']} -> {c['predicted']} x{c['count']}: {examples}"
                )
    return "\n".join(lines) + "\n"


def charts(results: dict[str, dict], chosen: str, folder: Path) -> None:
    """Two PNGs for docs/pipeline.md: accuracy vs cost, and the chosen classifier's confidences."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    keys = list(results)
    fig, axes = plt.subplots(2, 3, figsize=(11, 6))

    def probe(key: str) -> list[float]:
        return [median_of(results[k]["probes"], key) for k in keys]

    panels = [
        ("Cross-validation accuracy", [results[k]["cv"]["accuracy"] for k in keys], "{:.3f}"),
        ("Held-out accuracy", [results[k]["heldout"]["accuracy"] for k in keys], "{:.3f}"),
        ("rasa train, cold cache (s)", [results[k]["train"]["wall_s"] for k in keys], "{:.0f}"),
        (
            "Cold start: import + Agent.load (s)",
            [a + b for a, b in zip(probe("import_s"), probe("load_s"), strict=True)],
            "{:.0f}",
        ),
        ("Parse p50 (ms)", probe("parse_p50_ms"), "{:.1f}"),
        ("RSS after load (MB)", probe("rss_after_load_mb"), "{:.0f}"),
    ]
    for axis, (title, values, fmt) in zip(axes.flat, panels, strict=True):
        bars = axis.bar(keys, values, color=["#005eb8" if k == chosen else "#768692" for k in keys])
        axis.bar_label(bars, labels=[fmt.format(v) for v in values])
        axis.set_title(title, fontsize=10)
        axis.margins(y=0.2)
    fig.tight_layout()
    fig.savefig(folder / "pipeline-accuracy-cost.png", dpi=110)
    plt.close(fig)

    threshold, _ = fallback_settings()
    predictions = results[chosen]["cv"]["predictions"]
    right = [p["confidence"] for p in predictions if p["predicted"] == p["truth"]]
    wrong = [p["confidence"] for p in predictions if p["predicted"] != p["truth"]]
    fig, axis = plt.subplots(figsize=(7, 3.4))
    bins = [i / 20 for i in range(21)]
    axis.hist(right, bins=bins, alpha=0.7, label=f"right ({len(right)})", color="#005eb8")
    axis.hist(wrong, bins=bins, alpha=0.8, label=f"wrong ({len(wrong)})", color="#da291c")
    axis.axvline(threshold, color="black", linestyle="--", label=f"threshold {threshold}")
    axis.set_xlabel(f"top-intent confidence, candidate {chosen}, CV out-of-fold predictions")
    axis.set_ylabel("messages")
    axis.legend()
    fig.tight_layout()
    fig.savefig(folder / "pipeline-confidence.png", dpi=110)
    plt.close(fig)


def evaluate(args: argparse.Namespace) -> int:
    """Run every step for every requested candidate and write the summary."""
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    keys = [k.strip().upper() for k in args.candidates.split(",") if k.strip()]
    unknown = [k for k in keys if k not in CANDIDATES]
    if unknown:
        sys.exit(f"unknown candidate(s) {unknown}; choose from {sorted(CANDIDATES)}")
    data = nlu_data_dir(work)
    threshold, ambiguity = fallback_settings()
    results: dict[str, dict] = {}
    for key in keys:
        candidate = CANDIDATES[key]
        print(f"== {candidate.label}", flush=True)
        load = [os.getloadavg()[0]]
        config = write_config(candidate, work)
        cv = cached_step(
            work / f"cv-{key}.json",
            args.reuse,
            lambda c=candidate, f=config: cross_validate(c, f, data, work, args.folds),
        )
        print(
            f"   cross-validation {cv['wall_s']:.0f} s, accuracy {cv['accuracy']:.3f}", flush=True
        )
        load.append(os.getloadavg()[0])
        trained = cached_step(
            work / f"train-{key}.json", args.reuse, lambda c=candidate, f=config: train(c, f, work)
        )
        load.append(os.getloadavg()[0])
        print(f"   rasa train {trained['wall_s']:.0f} s", flush=True)
        chosen = key == args.chosen
        first = ("--predict", "--policies") if chosen else ("--predict",)
        probes = probe_model(trained["model"], work, key, args.repeats, args.messages, (), first)
        if chosen:
            skops_first = probe_model(
                trained["model"],
                work,
                f"{key}-skops",
                args.repeats,
                args.messages,
                ("--skops-first",),
                ("--predict",),
            )
        load.append(os.getloadavg()[0])
        held = probes[0]["heldout"]
        results[key] = {
            "config": yaml.safe_load(config.read_text()),
            "load_average": load,
            "cv": cv,
            "train": trained,
            "probes": probes,
            "probes_skops_first": skops_first if chosen else [],
            "heldout": scores(held),
            "fallback": {
                "heldout": fallback_rates(held, threshold, ambiguity),
                "cv": fallback_rates(cv["predictions"], threshold, 0.0),
            },
            "thresholds": {
                "heldout": threshold_grid(held),
                "cv": threshold_grid(cv["predictions"]),
            },
            "confusions": {"heldout": confusions(held), "cv": confusions(cv["predictions"])},
        }
        print(f"   held-out accuracy {results[key]['heldout']['accuracy']:.3f}", flush=True)
    summary = summarise(results, args.chosen)
    (work / "summary.json").write_text(json.dumps(results, indent=1, default=str))
    (work / "summary.md").write_text(summary)
    if args.charts:
        charts(results, args.chosen, Path(args.charts))
    print(summary)
    return 0


def main(argv: list[str]) -> int:
    """Dispatch: the evaluation itself, or one of the two child-process modes."""
    if argv[:1] == ["_rasa"]:
        return seeded_rasa(argv[1:])
    if argv[:1] == ["_probe"]:
        return probe_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", default=",".join(CANDIDATES), help="e.g. A,B")
    parser.add_argument("--chosen", default="A", help="candidate for the threshold analysis")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3, help="cold loads per candidate")
    parser.add_argument("--messages", type=int, default=200, help="parses timed per load")
    parser.add_argument("--work", default="/tmp/pathfinder-pipelines", help="scratch folder")
    parser.add_argument("--charts", help="write pipeline-*.png here, e.g. docs/img")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep cross-validation and training results already in --work; re-probe only",
    )
    return evaluate(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
