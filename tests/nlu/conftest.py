"""The trained model (PATHFINDER_MODEL, else models/pathfinder.tar.gz, as for the servers),
loaded once per session."""

from __future__ import annotations

import pytest

from tests.support.servers import MODEL


@pytest.fixture(scope="session")
def agent():  # noqa: ANN201 - rasa's Agent, imported late because importing rasa is slow
    if not MODEL.exists():  # the routing gate must never pass by being skipped
        pytest.fail(f"no trained model at {MODEL}: run `make model`, or set PATHFINDER_MODEL")
    import skops.io  # noqa: F401 - before rasa, which makes its import ten seconds faster
    from rasa.core.agent import Agent

    return Agent.load(str(MODEL))
