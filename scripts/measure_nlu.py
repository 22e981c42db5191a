"""Intent routing on a held-out set: `rasa test nlu`, summarised, and written into the docs.

Why: docs/pipeline.md quotes the accuracy, macro F1 and per-intent figures of the trained model
on a set written apart from the training data; this script produces them, so they are never typed
by hand, and fails (exit 1) when the model falls below the targets.

Usage:
    .venv/bin/python scripts/measure_nlu.py --nlu tests/nlu/paraphrases.yml \
        --model models/pathfinder.tar.gz [--write docs/pipeline.md]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_ACCURACY = 0.95  # share of all messages routed to the right intent
TARGET_PER_INTENT = 0.90  # share of each intent's messages routed right (its recall)
MARKER = "<!-- nlu-figures:{set}:{end} -->"  # where --write puts the figures for a set
SUMMARY_KEYS = ("accuracy", "macro avg", "weighted avg", "micro avg")


def texts_of(path: Path) -> list[tuple[str, str]]:
    """(text, intent) of every example in an NLU file or folder, annotations removed."""
    from rasa.shared.nlu.training_data.loading import load_data

    return [(e.get("text"), e.get("intent")) for e in load_data(str(path)).intent_examples]


def overlap(report: dict[str, Any], nlu: Path) -> tuple[int, int, float]:
    """How many test messages also appear, word for word, in the training data, and the
    accuracy on the rest (the messages the model has never seen)."""
    training = {t.lower() for t, _ in texts_of(ROOT / "bot" / "data" / "nlu")}
    tests = texts_of(nlu)
    seen = {t.lower() for t, _ in tests if t.lower() in training}
    unseen_total = len(tests) - sum(1 for t, _ in tests if t.lower() in seen)
    unseen_wrong = sum(1 for e in report["_errors"] if e["text"].lower() not in seen)
    return len(tests) - unseen_total, unseen_total, 1 - unseen_wrong / max(unseen_total, 1)


def run_rasa_test(nlu: Path, model: Path, out: Path) -> dict[str, Any]:
    """Run `rasa test nlu` and return its intent report (plus the errors it lists)."""
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "rasa"), "test", "nlu", "--nlu", str(nlu),
         "--model", str(model), "--out", str(out), "--quiet"],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
    )
    report = json.loads((out / "intent_report.json").read_text())
    errors_file = out / "intent_errors.json"
    report["_errors"] = json.loads(errors_file.read_text()) if errors_file.exists() else []
    return report


def per_intent(report: dict[str, Any]) -> dict[str, dict[str, float]]:
    return {k: v for k, v in report.items()
            if k not in SUMMARY_KEYS and not k.startswith("_") and isinstance(v, dict)}


def shortfalls(report: dict[str, Any]) -> list[str]:
    """What misses the targets, in words; empty when every target is met."""
    misses = []
    if report["accuracy"] < TARGET_ACCURACY:
        misses.append(f"accuracy {report['accuracy']:.3f} < {TARGET_ACCURACY}")
    for intent, figures in sorted(per_intent(report).items()):
        if figures["recall"] < TARGET_PER_INTENT:
            misses.append(f"{intent} recall {figures['recall']:.2f} < {TARGET_PER_INTENT}")
    return misses


def markdown(report: dict[str, Any], nlu: str, model: str, seen: tuple[int, int, float]) -> str:
    intents = per_intent(report)
    total = sum(int(v["support"]) for v in intents.values())
    right = round(report["accuracy"] * total)
    lines = [
        f"Set: `{nlu}` ({total} messages, {len(intents)} intents). Model: `{model}`.",
        "",
        f"- **Accuracy: {report['accuracy']:.3f}** ({right} of {total}); target "
        f">= {TARGET_ACCURACY}.",
        f"- **Macro F1: {report['macro avg']['f1-score']:.3f}**; weighted F1 "
        f"{report['weighted avg']['f1-score']:.3f}.",
        f"- Lowest per-intent recall: {min(v['recall'] for v in intents.values()):.2f}; "
        f"target >= {TARGET_PER_INTENT} for every intent.",
        f"- {seen[0]} of the messages also occur word for word in the training data (short "
        f"replies such as greetings); on the other {seen[1]} the accuracy is {seen[2]:.3f}.",
        "",
        "| intent | messages | precision | recall | F1 |",
        "|---|---|---|---|---|",
    ]
    for name, v in sorted(intents.items(), key=lambda kv: (kv[1]["recall"], kv[0])):
        lines.append(f"| {name} | {int(v['support'])} | {v['precision']:.2f} | "
                     f"{v['recall']:.2f} | {v['f1-score']:.2f} |")
    confusions = Counter(
        (e["intent"], e["intent_prediction"]["name"]) for e in report["_errors"]
    )
    if confusions:
        lines += ["", "Confusions (expected → predicted, count):", ""]
        lines += [f"- {a} → {b}: {n}" for (a, b), n in confusions.most_common(12)]
    return "\n".join(lines)


def write_into(doc: Path, text: str, name: str) -> None:
    """Replace the figures between this set's markers in `doc`, leaving the rest as it is."""
    start, end = (MARKER.format(set=name, end=e) for e in ("start", "end"))
    head, rest = doc.read_text().split(start, 1)
    _, tail = rest.split(end, 1)
    doc.write_text(f"{head}{start}\n{text}\n{end}{tail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nlu", type=Path, required=True)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "pathfinder.tar.gz")
    parser.add_argument("--write", type=Path, help="a Markdown file with the set's markers")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pathfinder-nlu-") as out:
        report = run_rasa_test(args.nlu.resolve(), args.model.resolve(), Path(out))
    nlu = args.nlu.resolve().relative_to(ROOT).as_posix()
    model = args.model.resolve().name
    text = markdown(report, nlu, model, overlap(report, args.nlu.resolve()))
    print(text)
    if args.write:
        write_into(args.write, text, args.nlu.stem)
    misses = shortfalls(report)
    for miss in misses:
        print(f"below target: {miss}", file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
