"""Start the bot the way `make serve` does for the Slack and Teams tests: credentials written by
`python -m bot.channels.enabled` from the environment, a Rasa server and an action server.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from tests.support.servers import (
    REPO,
    Server,
    base_env,
    free_port,
    running,
    start_action_server,
    start_rasa_server,
    write_endpoints,
)

PUBLIC_URL = "https://pathfinder.example.nhs.uk"  # where staff would reach this deployment


@contextmanager
def bot_stack(folder: Path, env: dict[str, str]) -> Iterator[Server]:
    """The Rasa server (with --enable-api for tracker checks); both servers stop on exit."""
    credentials = folder / "credentials.yml"
    subprocess.run(
        [sys.executable, "-m", "bot.channels.enabled", str(credentials)],
        cwd=REPO, env=base_env(**env), check=True, capture_output=True, timeout=30,
    )
    action_port = free_port()
    endpoints = write_endpoints(folder / "endpoints.yml", f"http://127.0.0.1:{action_port}")
    with ThreadPoolExecutor(max_workers=2) as pool:  # the two start-ups overlap
        actions = pool.submit(start_action_server, action_port, PATHFINDER_OFFLINE="1",
                              PATHFINDER_PUBLIC_URL=PUBLIC_URL)
        rasa = pool.submit(start_rasa_server, endpoints, credentials,
                           extra_args=["--enable-api"], **env)
        started = [f.result() for f in (actions, rasa) if f.exception() is None]
        if len(started) < 2:
            for server in started:
                server.stop()
            raise next(f.exception() for f in (actions, rasa) if f.exception() is not None)
    with running(*started):
        yield started[1]
