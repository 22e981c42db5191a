"""Real catalogues with a hole cut in them, to see how plans behave where courses are missing,
and edited copies of the content, loaded as an educator loads them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import delete, select

from knowledge.catalogue import tables as m
from knowledge.catalogue.loader import load
from knowledge.catalogue.offline import memory_store
from knowledge.catalogue.store import KnowledgeStore
from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR
from knowledge.storage.db import make_engine


def store_without(archetype: str, area: str) -> KnowledgeStore:
    """The real catalogue in memory, except that no offering for `archetype` covers `area`."""
    store = memory_store()
    serving = select(m.OfferingArchetypeRow.offering_key).where(
        m.OfferingArchetypeRow.archetype_key == archetype
    )
    with store.engine.begin() as conn:
        conn.execute(delete(m.OfferingAreaRow).where(
            m.OfferingAreaRow.area_key == area, m.OfferingAreaRow.offering_key.in_(serving)
        ))
    return store


REPO = Path(__file__).resolve().parents[2]
OLD_TITLE = "AI and Digital Healthcare Technologies Capability Framework (self-assessment)"
NEW_TITLE = "AI and Digital Healthcare Technologies Capability Framework (self-check)"
NEW_ROLE = (
    "  - {phrase: ward robot keeper, variants: [robot keeper], weights: {creators: 1.0}, "
    "clear: true, group: it_data_digital}\n"
)


def loaded_copy(folder: Path) -> tuple[Path, Path]:
    """A copy of the content in `folder`, loaded into a SQLite file beside it."""
    content, db = folder / "content", folder / "knowledge.db"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    engine = make_engine(f"sqlite:///{db}")
    load(engine, content)
    engine.dispose()
    return content, db


def edit_catalogue(content: Path) -> None:
    """Rename an offering and add a job title: a change to offerings and lexicon at once."""
    offerings = content / "offerings.yml"
    offerings.write_text(offerings.read_text().replace(OLD_TITLE, NEW_TITLE))
    lexicon = content / "lexicon.yml"
    lexicon.write_text(lexicon.read_text().replace("roles:\n", "roles:\n" + NEW_ROLE, 1))


def knowledge_load(content: Path, db: Path) -> None:
    """`python -m knowledge load`, in its own process, as an educator runs it."""
    subprocess.run(
        [sys.executable, "-m", "knowledge", "load", "--content", str(content),
         "--db", f"sqlite:///{db}"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, check=True,
        capture_output=True,
    )
