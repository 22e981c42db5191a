"""A throw-away PostgreSQL cluster on loopback, for tests that need the real engine.

One cluster per test process, started on first use in a temporary folder and removed when the
process exits; each user asks for a fresh database of its own. As root, initdb and the server
run as the `postgres` user (initdb refuses root); the server is this process's child, so it is
stopped and reaped here. Debian's `postgresql` package provides the
binaries (scripts/system-deps.sh installs it).

    from tests.support.postgres import shared_postgres
    url = shared_postgres().create_database("my_tests")   # postgresql://...

or, with `pytest_plugins = ["tests.support.postgres"]`, the `postgres_server` and
`postgres_url` fixtures.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from tests.support.servers import free_port

USER = "pathfinder"
_lock = threading.Lock()
_shared: PostgresServer | None = None


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError(
        "PostgreSQL is not installed: run `bash scripts/system-deps.sh` (Debian package "
        "postgresql)"
    )


def _version(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


class PostgresServer:
    """A running cluster: `url(db)` to connect, `create_database()` for a fresh database."""

    def __init__(self, root: Path | None = None, port: int | None = None) -> None:
        self.root = Path(root or tempfile.mkdtemp(prefix="pathfinder-pg-"))
        self.port = port or free_port()
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        # initdb refuses to run as root: then run the cluster as Debian's `postgres` user
        self._user = {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}
        if self._user:
            shutil.chown(self.root, "postgres", "postgres")
        bindir = _bindir()
        initdb = subprocess.run(
            [str(bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", USER,
             "-E", "UTF8", "--no-sync", "--no-instructions"],
            capture_output=True, text=True, timeout=120, **self._user,
        )
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{initdb.stdout}{initdb.stderr}")
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [str(bindir / "postgres"), "-D", str(self.data), "-p", str(self.port),
                 "-k", str(self.root), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                 "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                 "-c", "max_connections=300"],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **self._user,
            )
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 60) -> None:
        engine = create_engine(self.url(), future=True, poolclass=NullPool)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"postgres exited:\n{self.log.read_text(errors='replace')}")
            try:
                with engine.connect():
                    return
            except OperationalError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"postgres did not start within {timeout} s")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; returns its URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT", future=True)
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT", future=True)
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()

    def stop(self) -> None:
        """Fast shutdown (SIGINT), then remove the cluster's folder."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        shutil.rmtree(self.root, ignore_errors=True)


def shared_postgres() -> PostgresServer:
    """This process's cluster, started on first use and stopped when the process exits."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = PostgresServer()
            atexit.register(_shared.stop)
        return _shared


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    return shared_postgres()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)
