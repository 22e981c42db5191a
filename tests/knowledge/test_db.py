"""SQLite files get WAL and NORMAL sync on every connection; in-memory databases are left alone."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from knowledge.db import make_engine


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
