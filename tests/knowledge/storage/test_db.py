"""One engine per database URL; SQLite files keep their connections and get WAL and NORMAL sync on
each; in-memory databases are left alone."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from knowledge.storage.db import make_engine


def pragmas(url: str) -> tuple[str, int, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return (
                conn.execute(text("PRAGMA journal_mode")).scalar_one(),
                conn.execute(text("PRAGMA synchronous")).scalar_one(),
                conn.execute(text("PRAGMA foreign_keys")).scalar_one(),
            )
    finally:
        engine.dispose()


SYNC_NORMAL, SYNC_FULL = 1, 2


def test_a_new_connection_to_a_file_uses_wal_and_normal_sync(tmp_path: Path) -> None:
    assert pragmas(f"sqlite:///{tmp_path / 'sub' / 'k.db'}") == ("wal", SYNC_NORMAL, 1)


def test_every_connection_gets_the_settings_not_only_the_first(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    pragmas(url)
    assert pragmas(url) == ("wal", SYNC_NORMAL, 1)


def test_an_in_memory_database_keeps_its_own_journal(tmp_path: Path) -> None:
    journal, sync, foreign_keys = pragmas("sqlite:///:memory:")
    assert journal == "memory"
    assert sync == SYNC_FULL
    assert foreign_keys == 1


def test_one_engine_per_database_url_in_a_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    assert make_engine(url) is make_engine(url)
    assert make_engine(url) is not make_engine(f"sqlite:///{tmp_path / 'other.db'}")


def test_each_in_memory_database_is_its_own(tmp_path: Path) -> None:
    first, second = make_engine("sqlite://"), make_engine("sqlite://")
    with first.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    with second.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one() == 0


def test_a_file_connection_is_kept_for_the_next_use(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kept.db'}")
    with engine.connect() as conn:
        first = conn.connection.dbapi_connection
    with engine.connect() as conn:
        assert conn.connection.dbapi_connection is first
