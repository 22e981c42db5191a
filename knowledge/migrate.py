"""Bring a database's schema up to date with Alembic, from code or the command line."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

ALEMBIC_INI = Path(__file__).resolve().parent.parent / "alembic.ini"


def upgrade(engine: Engine, target: str = "heads") -> None:
    """Run every pending migration on `engine`'s database (up to `target`, for tests)."""
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
