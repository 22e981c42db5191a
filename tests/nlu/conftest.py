"""The trained model, loaded once per session from PATHFINDER_MODEL (scripts/test.sh sets it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def agent():  # noqa: ANN201 - rasa's Agent, imported late because importing rasa is slow
    model = os.environ.get("PATHFINDER_MODEL")
    if not model or not Path(model).exists():
        pytest.skip("PATHFINDER_MODEL does not point at a trained model (scripts/test.sh sets it)")
    import skops.io  # noqa: F401 - before rasa, which makes its import ten seconds faster
    from rasa.core.agent import Agent

    return Agent.load(model)
