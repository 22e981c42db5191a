"""Find every row, in every table of a database, that mentions a person."""

from __future__ import annotations

from sqlalchemy import MetaData, Text, cast, or_, select
from sqlalchemy.engine import Engine


def rows_mentioning(engine: Engine, *needles: str) -> dict[str, int]:
    """{table: rows} for tables where any column, read as text, contains one of `needles`."""
    metadata = MetaData()
    metadata.reflect(engine)
    found: dict[str, int] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            columns = [cast(c, Text) for c in table.columns]
            if not columns:
                continue
            where = or_(*[col.contains(n) for col in columns for n in needles])
            count = len(conn.execute(select(table).where(where)).all())
            if count:
                found[table.name] = count
    return found


def table_names(engine: Engine) -> list[str]:
    metadata = MetaData()
    metadata.reflect(engine)
    return sorted(metadata.tables)

