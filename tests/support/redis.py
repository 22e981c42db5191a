"""A throw-away Redis server on loopback (no persistence), one per test process.

    from tests.support.redis import shared_redis
    url = shared_redis().fresh_url()        # redis://127.0.0.1:PORT/N, database N emptied

or, with `pytest_plugins = ["tests.support.redis"]`, the `redis_server` and `redis_url`
fixtures. Debian's `redis-server` package provides the binary (scripts/system-deps.sh).
"""

from __future__ import annotations

import atexit
import itertools
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import redis

from tests.support.servers import free_port

DATABASES = 16
_lock = threading.Lock()
_shared: RedisServer | None = None


class RedisServer:
    def __init__(self, root: Path | None = None, port: int | None = None) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(
                "Redis is not installed: run `bash scripts/system-deps.sh` (Debian package "
                "redis-server)"
            )
        self.root = Path(root or tempfile.mkdtemp(prefix="pathfinder-redis-"))
        self.port = port or free_port()
        self.log = self.root / "redis.log"
        self.process = subprocess.Popen(
            [
                binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", str(self.root), "--logfile", str(self.log),
                "--databases", str(DATABASES),
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self._databases = itertools.cycle(range(1, DATABASES))
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 15) -> None:
        client = redis.Redis(port=self.port, socket_timeout=1)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited:\n{self.log.read_text(errors='replace')}")
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server did not start within {timeout} s")

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def fresh_url(self) -> str:
        """A database of this server, emptied first (15 are handed out in turn)."""
        url = self.url(next(self._databases))
        redis.Redis.from_url(url).flushdb()
        return url

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        shutil.rmtree(self.root, ignore_errors=True)


def shared_redis() -> RedisServer:
    """This process's Redis, started on first use and stopped when the process exits."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = RedisServer()
            atexit.register(_shared.stop)
        return _shared


@pytest.fixture(scope="session")
def redis_server() -> RedisServer:
    return shared_redis()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    return redis_server.fresh_url()
