"""Open an existing knowledge database for reading, without creating one by accident."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from knowledge.storage.db import make_engine, safe_url


class DatabaseUnavailable(RuntimeError):
    """The database is missing, unreachable or has not been migrated."""


class BadDatabaseUrl(ValueError):
    """The URL is not one SQLAlchemy can use."""


def open_existing(url: str, *, need_events: bool = False) -> Engine:
    """An engine on `url` once it is known to be reachable (and to hold the events table).

    Raises BadDatabaseUrl or DatabaseUnavailable with a message fit for the terminal.
    """
    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except ArgumentError as err:
        raise BadDatabaseUrl(
            f"{safe_url(url)} is not a database URL SQLAlchemy knows: {err}"
        ) from err
    file = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if file not in (None, "", ":memory:") and not Path(file).is_file():
        raise DatabaseUnavailable(
            f"No knowledge database at {file}: run `python -m knowledge load` first, or pass --db."
        )
    engine = make_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
    except Exception as err:  # noqa: BLE001 - any driver error means we cannot read it
        engine.dispose()
        raise DatabaseUnavailable(
            f"Cannot reach the knowledge database {safe_url(url)} ({type(err).__name__})."
        ) from err
    if need_events and "insight_events" not in tables:
        engine.dispose()
        raise DatabaseUnavailable(
            f"The knowledge database {safe_url(url)} has no insight events table: run "
            "`python -m knowledge load` to bring its schema up to date."
        )
    return engine
