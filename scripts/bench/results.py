"""One run's raw figures as JSON, so the report can be drawn again without measuring again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scripts.bench.load import LevelResult
from scripts.bench.scaling import QueryTiming


def dump(path: Path, facts: dict, levels: list[dict[str, LevelResult]],
         timings: list[QueryTiming], sizes: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "facts": facts,
        "levels": [{bot: vars(r) for bot, r in level.items()} for level in levels],
        "timings": [vars(t) for t in timings], "sizes": sizes,
    }, indent=1, default=str))


def _level(raw: dict[str, Any]) -> LevelResult:
    by_turn = {int(k): v for k, v in raw.get("by_turn", {}).items()}
    return LevelResult(**{**raw, "by_turn": by_turn})


def read(path: Path) -> tuple[dict, list[dict[str, LevelResult]], list[QueryTiming], dict]:
    """What `dump` wrote: facts, levels, catalogue timings and sizes (JSON keys made ints)."""
    raw = json.loads(path.read_text())
    levels = [{bot: _level(r) for bot, r in level.items()} for level in raw["levels"]]
    return (raw["facts"], levels, [QueryTiming(**t) for t in raw["timings"]],
            {int(k): v for k, v in raw["sizes"].items()})
