"""Where the knowledge database lives and how to connect to it."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = REPO_ROOT / "data" / "knowledge.db"
DB_URL_ENV = "KNOWLEDGE_DB_URL"


def default_url() -> str:
    """The configured database URL: `KNOWLEDGE_DB_URL`, else an embedded SQLite file."""
    return os.environ.get(DB_URL_ENV) or f"sqlite:///{DEFAULT_DB_PATH}"


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url`; SQLite gets its folder created, foreign keys and fast commits."""
    url = url or default_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        use_fast_sqlite_commits(engine)
    return engine


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def use_fast_sqlite_commits(engine: Engine) -> None:
    """WAL and synchronous=NORMAL on every new connection to a SQLite file.

    In the default rollback journal each commit waits for the disk several times (about 6 ms a
    turn in the benchmark's profile); in WAL mode with NORMAL sync a commit only appends to
    the log, and a crash can lose at most the last commits, never corrupt the file. Readers
    and the one writer no longer block each other. An in-memory database has no journal to
    change, so it is left alone.
    """
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        event.listen(engine, "connect", _wal_with_normal_sync)


def _wal_with_normal_sync(dbapi_connection, _record) -> None:  # noqa: ANN001
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
