"""A database made by an earlier release upgrades in place, its rows kept."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from knowledge.storage.db import make_engine
from knowledge.storage.migrate import upgrade

EARLIER_HEADS = ("0002_people", "0003_insights")  # what the first release shipped
PERSONA = {"title": "Radiographer", "ai_work": "Reports AI-flagged films", "verified": True}


def test_an_earlier_catalogue_upgrades_although_other_tables_refer_to_it(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'earlier.db'}")
    for head in EARLIER_HEADS:
        upgrade(engine, head)
    with engine.begin() as db:
        db.execute(text(
            "INSERT INTO archetypes VALUES ('users', 'Users', 's', 'd', '[]', '[]', '[]', 'q', 'w',"
            " :persona, 1, '[]')"), {"persona": json.dumps(PERSONA)})
        db.execute(text("INSERT INTO capability_areas (key, name, kind, description, verified,"
                        " sources) VALUES ('ethics', 'Ethics', 'sub_domain', 'd', 1, '[]')"))
        db.execute(text("INSERT INTO needs VALUES ('users', 'ethics', 'core', 'why')"))
    upgrade(engine)  # rebuilds the archetypes table, which needs refers to
    with engine.connect() as db:
        personas = db.execute(text("SELECT personas FROM archetypes")).scalar_one()
        assert json.loads(personas) == PERSONA
        assert db.execute(text("SELECT count(*) FROM needs")).scalar_one() == 1
        assert db.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    engine.dispose()
