"""The SQL catalogue, read as one frozen snapshot at a time.

The database stays the source of truth that `python -m knowledge load` writes and every
instance shares. A process reads it whole into a `CatalogueSnapshot`, then only asks, at most
once every `CHECK_EVERY` seconds, for the catalogue's version (the content hash the loader
records): one primary-key lookup. When the version changes the new catalogue is read and
swapped in by one assignment, so readers see either the old catalogue or the new one, never a
mix. When the database cannot be reached the last snapshot goes on serving.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from types import MappingProxyType
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from knowledge.catalogue import tables as m
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.views import (
    Archetype,
    CapabilityArea,
    GlossaryTerm,
    Lexicon,
    LexiconEntry,
    Need,
    Offering,
    Persona,
    Question,
    Tier,
    screening_of,
)
from knowledge.storage.db import make_engine

T = TypeVar("T")
logger = logging.getLogger(__name__)

CHECK_EVERY = 1.0  # seconds between two looks at the catalogue version
_READ_ATTEMPTS = 3  # a load committing mid-read is read again, this many times at most
VERSION_NAME = "content_hash"  # the catalogue_meta row the loader writes with each load


class StoreUnavailable(RuntimeError):
    """The knowledge database cannot be reached or holds no catalogue."""


def _guarded(method: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(method)
    def wrapper(*args, **kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except SQLAlchemyError as err:
            raise StoreUnavailable(
                f"The knowledge database is unavailable ({type(err).__name__})."
            ) from err

    return wrapper


class KnowledgeStore:
    """One process's view of the shared catalogue: the engine and the snapshot in use."""

    def __init__(self, engine: Engine, check_every: float = CHECK_EVERY):
        self.engine = engine
        self.check_every = check_every
        self._current: CatalogueSnapshot | None = None
        self._checked_at = float("-inf")

    @classmethod
    def from_url(cls, url: str | None = None) -> KnowledgeStore:
        return cls(make_engine(url))

    def snapshot(self) -> CatalogueSnapshot:
        """The catalogue to answer from; read again only when its version has changed.

        Raises StoreUnavailable only when no catalogue has been read yet.
        """
        current = self._current
        now = time.monotonic()
        if current is not None and now - self._checked_at < self.check_every:
            return current
        try:
            version = self.version()
            if current is None or version != current.version:
                self._current = current = self.read()
        except StoreUnavailable as err:
            if current is None:
                raise
            logger.warning("Serving catalogue %s from memory: %s", current.version[:12], err)
        self._checked_at = now
        return current

    @_guarded
    def version(self) -> str | None:
        """The loaded catalogue's version, or None when nothing has been loaded."""
        with self.engine.connect() as conn:
            return _version(conn)

    @_guarded
    def read(self) -> CatalogueSnapshot:
        """The whole catalogue as it is now, read again if a load commits part-way through."""
        with self.engine.connect() as conn:
            for _ in range(_READ_ATTEMPTS):
                before = _version(conn)
                if before is None:
                    raise StoreUnavailable(
                        "The knowledge database holds no catalogue: run `python -m knowledge load`."
                    )
                snapshot = _read(conn, before)
                if _version(conn) == before:
                    return snapshot
        raise StoreUnavailable("The catalogue kept changing while it was being read.")


def _version(conn: Connection) -> str | None:
    return conn.execute(
        select(m.CatalogueMetaRow.value).where(m.CatalogueMetaRow.name == VERSION_NAME)
    ).scalar()


def _rows(conn: Connection, model: type, *order: object) -> list:
    return list(conn.execute(select(model.__table__).order_by(*order)).mappings())


def _read(conn: Connection, version: str) -> CatalogueSnapshot:
    by_archetype: dict[str, list[str]] = {}
    for offering_key, archetype_key in conn.execute(select(m.OfferingArchetypeRow.__table__)):
        by_archetype.setdefault(offering_key, []).append(archetype_key)
    by_area: dict[str, list[str]] = {}
    for offering_key, area_key in conn.execute(select(m.OfferingAreaRow.__table__)):
        by_area.setdefault(offering_key, []).append(area_key)
    words = conn.execute(select(m.LexiconContextWordRow.word)).scalars().all()
    archetypes = [_archetype(r) for r in _rows(conn, m.ArchetypeRow)]
    return CatalogueSnapshot.build(
        version,
        archetypes=archetypes,
        # load order: the plan lists a person's needs in it
        areas=[_area(r) for r in _rows(conn, m.CapabilityAreaRow)],
        tiers=[_tier(r) for r in _rows(conn, m.TierRow, m.TierRow.position)],
        needs=[
            Need(r["archetype_key"], r["area_key"], r["depth"], r["why"])
            for r in _rows(conn, m.NeedRow)
        ],
        offerings=[
            _offering(r, by_archetype.get(r["key"], ()), by_area.get(r["key"], ()))
            for r in _rows(conn, m.OfferingRow)
        ],
        glossary={r["key"]: _glossary_term(r) for r in _rows(conn, m.GlossaryTermRow)},
        aliases=dict(conn.execute(select(m.GlossaryAliasRow.__table__)).all()),
        lexicon=Lexicon(
            entries=tuple(
                _lexicon_entry(r) for r in _rows(conn, m.LexiconEntryRow, m.LexiconEntryRow.id)
            ),
            ai_context=tuple(sorted(words)),
            screening=screening_of(archetypes),
        ),
    )


def _archetype(row) -> Archetype:  # noqa: ANN001
    return Archetype(
        key=row["key"], name=row["name"], summary=row["summary"],
        description=row["description"], responsibilities=tuple(row["responsibilities"]),
        example_roles=tuple(row["example_roles"]),
        works_with=MappingProxyType(dict(row["works_with"])),
        question=Question(row["key"], row["question_text"], row["question_why"],
                          row["question_topic"], row["question_topic_no"]),
        personas=tuple(
            Persona(
                title=p["title"], ai_work=p["ai_work"], learning_route=tuple(p["learning_route"]),
                verified=p["verified"], staff_groups=tuple(p["staff_groups"]), origin=p["origin"],
            )
            for p in row["personas"]
        ),
        verified=row["verified"], sources=tuple(row["sources"]), order=row["position"],
        prior=row["prior"],
    )


def _area(row) -> CapabilityArea:  # noqa: ANN001
    return CapabilityArea(
        key=row["key"], name=row["name"], kind=row["kind"], parent=row["parent_key"],
        ref=row["ref"], layer=row["layer"], description=row["description"],
        verified=row["verified"],
    )


def _tier(row) -> Tier:  # noqa: ANN001
    return Tier(
        key=row["key"], order=row["position"], name=row["name"],
        description=row["description"], delivered_by=row["delivered_by"],
    )


def _offering(row, archetypes, areas) -> Offering:  # noqa: ANN001
    return Offering(
        key=row["key"], title=row["title"], provider=row["provider"], tier=row["tier_key"],
        format=row["format"], delivery=row["delivery"], level=row["level"],
        duration=row["duration"], cost=row["cost"], cost_note=row["cost_note"], url=row["url"],
        summary=row["summary"], archetypes=tuple(sorted(archetypes)), areas=tuple(sorted(areas)),
        last_reviewed=row["last_reviewed"], verified=row["verified"],
        competitive=row["competitive"],
    )


def _glossary_term(row) -> GlossaryTerm:  # noqa: ANN001
    return GlossaryTerm(
        term=row["term"], synonyms=tuple(row["synonyms"]), definition=row["definition"],
        why_it_matters=row["why_it_matters"], related=tuple(row["related"]),
        sources=tuple(row["sources"]),
    )


def _lexicon_entry(row) -> LexiconEntry:  # noqa: ANN001
    return LexiconEntry(
        kind=row["kind"], phrase=row["phrase"], variants=tuple(row["variants"]),
        weights=MappingProxyType(dict(row["weights"])), clear=row["clear"],
        group=row["staff_group"], employer=row["employer"],
    )
