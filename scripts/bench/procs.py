"""Start the servers under test as child processes, wait for them, sample their memory."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env(**extra: str) -> dict[str, str]:
    merged = {
        **os.environ, "PYTHONPATH": str(REPO), "RASA_TELEMETRY_ENABLED": "false",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    merged.update(extra)
    return merged


@dataclass
class Proc:
    """A server we started, in its own process group so it can be stopped cleanly."""

    name: str
    url: str
    popen: subprocess.Popen
    log: Path
    started: float

    def wait_ready(self, probe: str, timeout: float) -> float:
        """Seconds from launch until `probe` answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError(f"{self.name} exited early; see {self.log}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.url + probe, timeout=2).status_code == 200:
                    return time.monotonic() - self.started
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} not ready after {timeout} s; see {self.log}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=10)


LAUNCHED: list[Proc] = []


def launch(name: str, args: list[str], port: int, logs: Path, cwd: Path = REPO,
           **extra: str) -> Proc:
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{name}.log"
    started = time.monotonic()
    popen = subprocess.Popen(args, cwd=cwd, env=env(**extra), stdout=log.open("w"),
                             stderr=subprocess.STDOUT, start_new_session=True)
    proc = Proc(name, f"http://127.0.0.1:{port}", popen, log, started)
    LAUNCHED.append(proc)
    return proc


def stop_all() -> None:
    """Stop every server this run started that is still running (also after a failure)."""
    for proc in reversed(LAUNCHED):
        proc.stop()


def timed(args: list[str], cwd: Path = REPO, **extra: str) -> float:
    """Run a command to completion; its wall time in seconds."""
    started = time.monotonic()
    done = subprocess.run(args, cwd=cwd, env=env(**extra), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return time.monotonic() - started


@dataclass
class MemorySampler:
    """Peak resident memory of each named process (with its children), sampled in a thread."""

    interval: float = 0.25
    procs: dict[str, Proc] = field(default_factory=dict)
    peaks: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def watch(self, proc: Proc) -> None:
        self.procs[proc.name] = proc

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, proc in list(self.procs.items()):
                rss = _tree_rss(proc.popen.pid)
                if rss > self.peaks.get(name, 0):
                    self.peaks[name] = rss
            self._stop.wait(self.interval)


def _tree_rss(pid: int) -> int:
    try:
        root = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
    except psutil.Error:
        return 0
