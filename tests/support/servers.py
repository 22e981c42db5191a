"""Start the real Rasa and action servers on free loopback ports, and stop them cleanly.

Used by every test module that talks to a running bot; each module starts its servers once.
Every server started here shares one action-server secret (`ACTIONS_SECRET`), as under
`make serve`; the endpoints files written here send it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

from bot.addons.endpoints import action_section
from bot.contract import ACTIONS_SECRET_ENV

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
MODEL = Path(os.environ.get("PATHFINDER_MODEL", REPO / "models" / "pathfinder.tar.gz"))
LOGS = REPO / "artifacts" / "logs"
ACTIONS_SECRET = secrets.token_hex(32)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "RASA_TELEMETRY_ENABLED": "false",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        ACTIONS_SECRET_ENV: ACTIONS_SECRET,
    }
    env.update(extra)
    return env


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def _spawn(name: str, args: list[str], env: dict[str, str], url: str, probe: str,
           timeout: float) -> Server:
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{name}-{int(time.time() * 1000)}.log"
    handle = log.open("w")
    process = subprocess.Popen(
        args, cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(name, url, process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited early:\n{server.log_text()[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url + probe, timeout=2).status_code == 200:
                return server
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"{name} did not start within {timeout} s:\n{server.log_text()[-3000:]}")


def start_action_server(port: int | None = None, **env: str) -> Server:
    port = port or free_port()
    return _spawn(
        "actions",
        [str(VENV_BIN / "python"), "-m", "actions.server", "--port", str(port)],
        base_env(**env), f"http://127.0.0.1:{port}", "/health", timeout=60,
    )


def write_endpoints(path: Path, action_url: str, extra: str = "") -> Path:
    path.write_text(action_section(f"{action_url}/webhook") + extra)
    return path


def start_rasa_server(
    endpoints: Path,
    credentials: Path,
    port: int | None = None,
    model: Path = MODEL,
    extra_args: list[str] | None = None,
    **env: str,
) -> Server:
    port = port or free_port()
    args = [
        str(VENV_BIN / "rasa"), "run", "--model", str(model), "--port", str(port),
        "--interface", "127.0.0.1", "--endpoints", str(endpoints),
        "--credentials", str(credentials), *(extra_args or []),
    ]
    return _spawn("rasa", args, base_env(**env), f"http://127.0.0.1:{port}", "/", timeout=120)


@contextlib.contextmanager
def running(*servers: Server) -> Iterator[None]:
    try:
        yield
    finally:
        for server in reversed(servers):
            server.stop()
