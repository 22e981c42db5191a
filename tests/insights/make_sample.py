"""Regenerate the sample charts in docs/img from a seeded in-memory database.

    python -m tests.insights.make_sample        # writes docs/img/insights-*.png

The population comes from `seeding.seed_sample` (fixed seed), so the charts change only when
the catalogue, the planner or the chart code does.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from knowledge.catalogue.offline import memory_store
from knowledge.insights.render import write_report
from knowledge.insights.report import build_report
from tests.insights.seeding import seed_sample

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


def main() -> int:
    store = memory_store()
    seed_sample(store.engine, store.snapshot())
    report = build_report(store.engine)
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for path in write_report(report, "md", Path(folder)):
            if path.suffix == ".png":
                target = DOCS_IMG / f"insights-{path.name.replace('_', '-')}"
                target.write_bytes(path.read_bytes())
                print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
