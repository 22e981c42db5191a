"""`knowledge nlu-export` writes the lookup tables and every job title as a role description,
keeping out organisations and anything a held-out evaluation set holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR
from knowledge.commands.nlu_export import ROLE_INTENT, bare_titles, held_out_texts

REPO = Path(__file__).resolve().parents[3]


def export(out: Path, *held_out: Path) -> subprocess.CompletedProcess[str]:
    extra = [a for path in held_out for a in ("--held-out", str(path))]
    return subprocess.run([sys.executable, "-m", "knowledge", "nlu-export", "--out", str(out),
                           *extra], cwd=REPO, capture_output=True, text=True)


def examples(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {next(v for k, v in block.items() if k in ("intent", "lookup")):
            [line[2:] for line in block["examples"].splitlines()] for block in data["nlu"]}


def test_job_titles_and_their_abbreviations_become_role_descriptions(tmp_path: Path) -> None:
    held = tmp_path / "held.yml"
    held.write_text('version: "3.1"\nnlu:\n- intent: describe_role\n  examples: |\n'
                    "    - [porter](job_title)\n    - I'm a nurse\n", encoding="utf-8")
    done = export(tmp_path / "out", held)
    assert done.returncode == 0, done.stderr
    titles = examples(tmp_path / "out" / "roles.yml")[ROLE_INTENT]
    assert {"nurse", "paramedic", "gp", "chief executive", "receptionist"} <= set(titles)
    assert "porter" not in titles  # the held-out set has it, annotated
    assert "nhs england" not in titles and "integrated care board" not in titles  # organisations
    assert "porter" in examples(tmp_path / "out" / "lookups.yml")["job_title"]


def test_a_held_out_file_that_cannot_be_read_stops_the_export(tmp_path: Path) -> None:
    done = export(tmp_path / "out", tmp_path / "missing.yml")
    assert done.returncode == 2 and "cannot read a held-out file" in done.stderr
    assert not (tmp_path / "out").exists()


def test_held_out_texts_are_read_as_their_plain_words(tmp_path: Path) -> None:
    held = tmp_path / "held.yml"
    held.write_text('version: "3.1"\nnlu:\n- intent: x\n  examples: |\n'
                    '    - a [ward nurse](job_title) here\n    - [GP]{"entity": "job_title"}\n',
                    encoding="utf-8")
    assert held_out_texts([held]) == ["a ward nurse here", "GP"]
    assert "gp" not in bare_titles(DEFAULT_CONTENT_DIR, held_out_texts([held]))
