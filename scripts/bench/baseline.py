"""The two stock bots Pathfinder is measured against, both the `rasa init` project on our config.

`rasa init --no-prompt` copies a scaffold and then trains it with Rasa's default TensorFlow
config. Here the same scaffold is copied (`rasa.cli.scaffold.create_initial_project`, the
copy step of `rasa init`) and its config replaced by ours (pipeline and policies exactly as in
config.yml, with a MemoizationPolicy added if ours has none: `baseline_config`). Two variants:

* **plain**: the scaffold as it is; every reply is a response from the domain.
* **peer**: every bot turn runs one custom action on a stock rasa_sdk action server, uttering
  the same responses (a turn that uttered two responses runs one action uttering both), so
  each turn pays the hop to the action server as every Pathfinder turn does. This is the fair
  peer for a bot whose every turn is a custom action. Its Rasa server runs under Pathfinder's
  launcher, as Pathfinder's does (see `scripts.bench.__main__`).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from scripts.bench.procs import REPO, timed

PEER_ACTIONS = '''"""Stock custom actions for the benchmark peer: each utters a turn's responses."""
from rasa_sdk import Action

RESPONSES = {responses}


def _action(action_name, responses):
    async def run(self, dispatcher, tracker, domain):
        for response in responses:
            dispatcher.utter_message(response=response)
        return []

    return type(action_name, (Action,), {{"name": lambda self: action_name, "run": run}})


ACTIONS = [_action(name, responses) for name, responses in RESPONSES.items()]
'''
VARIANTS = ("peer", "plain")


# the scaffold's conversations are stories, which rules alone do not follow
STORY_POLICY = {"name": "MemoizationPolicy", "max_history": 3}


def baseline_config() -> dict:
    """Our pipeline and policies; a MemoizationPolicy too if ours has none, so that the
    scaffold's stories (greet, then mood, then "did that help?") are followed at all."""
    ours = yaml.safe_load((REPO / "config.yml").read_text(encoding="utf-8"))
    policies = list(ours["policies"])
    if not any(p.get("name") == STORY_POLICY["name"] for p in policies):
        policies.insert(0, dict(STORY_POLICY))
    return {
        "recipe": "default.v1", "assistant_id": "bare_baseline", "language": "en",
        "pipeline": ours["pipeline"], "policies": policies,
    }


def one_action_per_turn(steps: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict]:
    """Each run of `utter_` steps becomes one custom action; the steps and {action: responses}."""
    out: list[dict[str, Any]] = []
    actions: dict[str, list[str]] = {}
    run: list[str] = []

    def close() -> None:
        if run:
            name = "action_" + "_".join(r.removeprefix("utter_") for r in run)
            actions[name] = list(run)
            out.append({"action": name})
            run.clear()

    for step in steps:
        action = step.get("action")
        if isinstance(action, str) and action.startswith("utter_") and len(step) == 1:
            run.append(action)
            continue
        close()
        out.append(step)
    close()
    return out, actions


def _convert_data(path: Path, section: str) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for item in data.get(section, []):
        item["steps"], actions = one_action_per_turn(item["steps"])
        found.update(actions)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return found


def create(folder: Path, variant: str) -> Path:
    """Scaffold the `variant` ("peer" or "plain") project in `folder` and return it."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")
    folder.mkdir(parents=True, exist_ok=True)
    timed([sys.executable, "-c", "import sys; from rasa.cli.scaffold import "
           "create_initial_project as c; c(sys.argv[1])", str(folder)])
    (folder / "config.yml").write_text(yaml.safe_dump(baseline_config(), sort_keys=False))
    if variant == "peer":
        actions = {**_convert_data(folder / "data" / "stories.yml", "stories"),
                   **_convert_data(folder / "data" / "rules.yml", "rules")}
        domain = folder / "domain.yml"
        domain.write_text(domain.read_text() + "\nactions:\n"
                          + "".join(f"  - {name}\n" for name in actions))
        (folder / "actions" / "actions.py").write_text(
            PEER_ACTIONS.format(responses=json.dumps(actions, indent=4)))
    return folder


def train(folder: Path, out: Path, cache: Path, name: str) -> tuple[Path, float]:
    """Train a stock project with an empty cache; the model and the seconds it took.

    The repository is on the path after the project, as for its Rasa server, so that our
    pipeline's own components (bot/nlu) are found."""
    seconds = timed(
        [str(Path(sys.executable).parent / "rasa"), "train", "--out", str(out),
         "--fixed-model-name", name, "--quiet"],
        cwd=folder, PYTHONPATH=f"{folder}{os.pathsep}{REPO}", RASA_CACHE_DIRECTORY=str(cache),
    )
    return out / f"{name}.tar.gz", seconds


def train_ours(out: Path, cache: Path) -> float:
    """A fresh `rasa train` of Pathfinder into `out`, with an empty cache."""
    return timed(
        [str(Path(sys.executable).parent / "rasa"), "train", "--domain", "bot/domain",
         "--data", "bot/data", "--config", "config.yml", "--out", str(out),
         "--fixed-model-name", "pathfinder-bench", "--quiet"],
        RASA_CACHE_DIRECTORY=str(cache),
    )
