"""The bare baseline: the `rasa init` project, on our pipeline, with one trivial custom action.

`rasa init --no-prompt` copies a scaffold and then trains it with Rasa's default TensorFlow
config. Here the same scaffold is copied (`rasa.cli.scaffold.create_initial_project`, the
copy step of `rasa init`), its config is replaced by ours (pipeline and policies exactly as in
config.yml), and its greeting becomes a custom action (`action_hello`, uttering the same
`utter_greet`), so its conversations also pay the hop to an action server on one turn in five.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from scripts.bench.procs import REPO, timed

ACTION = '''"""The baseline's only custom action: the greeting, sent from the action server."""
from rasa_sdk import Action


class ActionHello(Action):
    def name(self) -> str:
        return "action_hello"

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(response="utter_greet")
        return []
'''


def baseline_config() -> dict:
    ours = yaml.safe_load((REPO / "config.yml").read_text(encoding="utf-8"))
    return {
        "recipe": "default.v1", "assistant_id": "bare_baseline", "language": "en",
        "pipeline": ours["pipeline"], "policies": ours["policies"],
    }


def create(folder: Path) -> Path:
    """Scaffold the baseline project in `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    timed([sys.executable, "-c", "import sys; from rasa.cli.scaffold import "
           "create_initial_project as c; c(sys.argv[1])", str(folder)])
    (folder / "config.yml").write_text(yaml.safe_dump(baseline_config(), sort_keys=False))
    stories = folder / "data" / "stories.yml"
    stories.write_text(stories.read_text().replace("action: utter_greet", "action: action_hello"))
    domain = folder / "domain.yml"
    domain.write_text(domain.read_text() + "\nactions:\n  - action_hello\n")
    (folder / "actions" / "actions.py").write_text(ACTION)
    return folder


def train(folder: Path, out: Path, cache: Path) -> tuple[Path, float]:
    """Train the baseline with an empty cache; the model and the seconds it took."""
    seconds = timed(
        [str(Path(sys.executable).parent / "rasa"), "train", "--out", str(out),
         "--fixed-model-name", "baseline", "--quiet"],
        cwd=folder, PYTHONPATH=str(folder), RASA_CACHE_DIRECTORY=str(cache),
    )
    return out / "baseline.tar.gz", seconds


def train_ours(out: Path, cache: Path) -> float:
    """A fresh `rasa train` of Pathfinder into `out`, with an empty cache."""
    return timed(
        [str(Path(sys.executable).parent / "rasa"), "train", "--domain", "bot/domain",
         "--data", "bot/data", "--config", "config.yml", "--out", str(out),
         "--fixed-model-name", "pathfinder-bench", "--quiet"],
        RASA_CACHE_DIRECTORY=str(cache),
    )
