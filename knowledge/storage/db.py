"""Where the knowledge database lives, and the one engine per database URL in a process."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import QueuePool, StaticPool

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = REPO_ROOT / "data" / "knowledge.db"
DB_URL_ENV = "KNOWLEDGE_DB_URL"

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def default_url() -> str:
    """The configured database URL: `KNOWLEDGE_DB_URL`, else an embedded SQLite file."""
    return os.environ.get(DB_URL_ENV) or f"sqlite:///{DEFAULT_DB_PATH}"


def make_engine(url: str | None = None) -> Engine:
    """The process's engine (and connection pool) for `url`, made on first use.

    Every part of a process that names the same database shares one engine, so connections are
    pooled once, not per caller. An in-memory SQLite URL always gets a new engine: each is a
    database of its own.
    """
    url = url or default_url()
    if _in_memory(url):
        return _new_engine(url)
    key = make_url(url).render_as_string(hide_password=False)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = _new_engine(url)
        return engine


def _in_memory(url: str) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")


def _new_engine(url: str) -> Engine:
    """SQLite gets foreign keys; a SQLite file also its folder, fast commits and kept connections;
    an in-memory one a single connection, so every thread of the process sees the same database.

    SQLAlchemy 1.4 opens and closes a SQLite file connection on every use (NullPool); closing
    the last connection in WAL mode checkpoints and deletes the log, which cost more than the
    query itself (docs/benchmarks.md). A file database is safe to share between threads one
    connection at a time, which is what a pool does.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, future=True, pool_pre_ping=True)
    if _in_memory(url):  # one connection, shared by every thread: the database is that connection
        engine = create_engine(url, future=True, poolclass=StaticPool,
                               connect_args={"check_same_thread": False})
    else:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True, poolclass=QueuePool,
                               connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _wal_with_normal_sync)
    event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _wal_with_normal_sync(dbapi_connection, _record) -> None:  # noqa: ANN001
    """WAL and synchronous=NORMAL on every new connection to a SQLite file.

    In the default rollback journal each commit waits for the disk several times; in WAL mode
    with NORMAL sync a commit only appends to the log, and a crash can lose at most the last
    commits, never corrupt the file. Readers and the one writer no longer block each other.
    An in-memory database has no journal to change, so it is left alone.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def safe_url(url: str) -> str:
    """The URL without its password, fit for a terminal or a log."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as given
        return url
