"""Bring a database's schema up to date with Alembic, from code or the command line."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"


class MigrationError(RuntimeError):
    """A migration left rows that point at nothing."""


def upgrade(engine: Engine, target: str = "heads") -> None:
    """Run every pending migration on `engine`'s database (up to `target`, for tests)."""
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_foreign_keys(connection, on=False)
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, target)
                if sqlite:
                    _check_sqlite_references(connection)
        finally:
            if sqlite:
                _sqlite_foreign_keys(connection, on=True)


def _sqlite_foreign_keys(connection: Connection, *, on: bool) -> None:
    """SQLite rebuilds a table to alter it (Alembic's batch mode), which it refuses while other
    tables refer to it and foreign keys are enforced; the switch only works between
    transactions, so it wraps the whole upgrade."""
    connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    connection.commit()  # ends the transaction SQLAlchemy opened for the statement


def _check_sqlite_references(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise MigrationError(f"migration left broken references in: {', '.join(tables)}")
