"""The query API that actions and engines use to read the catalogue.

Small, bounded tables (archetypes, areas, tiers, lexicon) are read once and kept; offerings and
glossary entries are looked up through indexed queries, so a turn costs the same however large
the catalogue grows.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from knowledge import models as m
from knowledge.db import make_engine
from knowledge.glossary import key_forms, term_key
from knowledge.views import (
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

T = TypeVar("T")


class StoreUnavailable(RuntimeError):
    """The knowledge database cannot be reached or holds no catalogue."""


def _guarded(method: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(method)
    def wrapper(self: KnowledgeStore, *args, **kwargs) -> T:
        try:
            return method(self, *args, **kwargs)
        except SQLAlchemyError as err:
            raise StoreUnavailable(
                f"The knowledge database is unavailable ({type(err).__name__})."
            ) from err

    return wrapper


class KnowledgeStore:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._archetypes: dict[str, Archetype] | None = None
        self._areas: dict[str, CapabilityArea] | None = None
        self._tiers: tuple[Tier, ...] | None = None
        self._lexicon: Lexicon | None = None
        self._aliases: dict[str, str] | None = None
        self._names: dict[str, str] | None = None
        self._compiled: dict[str, object] = {}

    @classmethod
    def from_url(cls, url: str | None = None) -> KnowledgeStore:
        return cls(make_engine(url))

    # -- archetypes, areas, tiers -------------------------------------------------------------

    @_guarded
    def archetypes(self) -> tuple[Archetype, ...]:
        if self._archetypes is None:
            with self.engine.connect() as conn:
                rows = conn.execute(select(m.ArchetypeRow.__table__)).mappings().all()
            if not rows:
                raise StoreUnavailable(
                    "The knowledge database holds no catalogue: run `python -m knowledge load`."
                )
            self._archetypes = {row["key"]: _archetype(row) for row in rows}
        return tuple(sorted(self._archetypes.values(), key=lambda a: a.order))

    def archetype(self, key: str) -> Archetype | None:
        self.archetypes()
        assert self._archetypes is not None
        return self._archetypes.get(key)

    @_guarded
    def areas(self) -> tuple[CapabilityArea, ...]:
        if self._areas is None:
            with self.engine.connect() as conn:
                rows = conn.execute(select(m.CapabilityAreaRow.__table__)).mappings().all()
            self._areas = {
                r["key"]: CapabilityArea(
                    key=r["key"], name=r["name"], kind=r["kind"], parent=r["parent_key"],
                    ref=r["ref"], layer=r["layer"], description=r["description"],
                    verified=r["verified"],
                )
                for r in rows
            }
        return tuple(self._areas.values())

    def area(self, key: str) -> CapabilityArea | None:
        self.areas()
        assert self._areas is not None
        return self._areas.get(key)

    @_guarded
    def tiers(self) -> tuple[Tier, ...]:
        if self._tiers is None:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(m.TierRow.__table__).order_by(m.TierRow.position)
                ).mappings().all()
            self._tiers = tuple(
                Tier(
                    key=r["key"], order=r["position"], name=r["name"],
                    description=r["description"], delivered_by=r["delivered_by"],
                )
                for r in rows
            )
        return self._tiers

    # -- needs and offerings ------------------------------------------------------------------

    @_guarded
    def needs_for(self, archetypes: Iterable[str]) -> tuple[Need, ...]:
        keys = list(dict.fromkeys(archetypes))
        if not keys:
            return ()
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(m.NeedRow.__table__).where(m.NeedRow.archetype_key.in_(keys))
            ).mappings().all()
        return tuple(
            Need(r["archetype_key"], r["area_key"], r["depth"], r["why"]) for r in rows
        )

    @_guarded
    def offerings_for(
        self,
        area: str | None = None,
        level: int | None = None,
        *,
        tier: str | None = None,
        archetypes: Iterable[str] | None = None,
    ) -> tuple[Offering, ...]:
        """Offerings matching every filter given, ordered by level then title."""
        query = select(m.OfferingRow.__table__)
        if area is not None:
            query = query.where(
                m.OfferingRow.key.in_(
                    select(m.OfferingAreaRow.offering_key).where(m.OfferingAreaRow.area_key == area)
                )
            )
        if archetypes is not None:
            query = query.where(
                m.OfferingRow.key.in_(
                    select(m.OfferingArchetypeRow.offering_key).where(
                        m.OfferingArchetypeRow.archetype_key.in_(list(archetypes))
                    )
                )
            )
        if level is not None:
            query = query.where(m.OfferingRow.level == level)
        if tier is not None:
            query = query.where(m.OfferingRow.tier_key == tier)
        return self._offerings(query.order_by(m.OfferingRow.level, m.OfferingRow.title))

    @_guarded
    def offering(self, key: str) -> Offering | None:
        found = self._offerings(select(m.OfferingRow.__table__).where(m.OfferingRow.key == key))
        return found[0] if found else None

    @_guarded
    def all_offerings(self) -> tuple[Offering, ...]:
        return self._offerings(select(m.OfferingRow.__table__).order_by(m.OfferingRow.key))

    def _offerings(self, query) -> tuple[Offering, ...]:  # noqa: ANN001
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            keys = [r["key"] for r in rows]
            if not keys:
                return ()
            links = conn.execute(
                select(m.OfferingArchetypeRow.__table__).where(
                    m.OfferingArchetypeRow.offering_key.in_(keys)
                )
            ).all()
            areas = conn.execute(
                select(m.OfferingAreaRow.__table__).where(m.OfferingAreaRow.offering_key.in_(keys))
            ).all()
        by_archetype: dict[str, list[str]] = {k: [] for k in keys}
        for offering_key, archetype_key in links:
            by_archetype[offering_key].append(archetype_key)
        by_area: dict[str, list[str]] = {k: [] for k in keys}
        for offering_key, area_key in areas:
            by_area[offering_key].append(area_key)
        return tuple(
            Offering(
                key=r["key"], title=r["title"], provider=r["provider"], tier=r["tier_key"],
                format=r["format"], delivery=r["delivery"], level=r["level"],
                duration=r["duration"], cost=r["cost"], cost_note=r["cost_note"], url=r["url"],
                summary=r["summary"], archetypes=tuple(sorted(by_archetype[r["key"]])),
                areas=tuple(sorted(by_area[r["key"]])), last_reviewed=r["last_reviewed"],
                verified=r["verified"], competitive=r["competitive"],
            )
            for r in rows
        )

    # -- glossary -----------------------------------------------------------------------------

    @_guarded
    def glossary_lookup(self, text: str) -> GlossaryTerm | None:
        """The term whose name or synonym matches `text`, ignoring case and plurals."""
        forms = key_forms(text)
        if not forms:
            return None
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(m.GlossaryAliasRow.alias, m.GlossaryTermRow.__table__).join(
                    m.GlossaryAliasRow, m.GlossaryAliasRow.term_key == m.GlossaryTermRow.key
                ).where(m.GlossaryAliasRow.alias.in_(forms))
            ).mappings().all()
        by_alias = {r["alias"]: r for r in rows}
        best = next((by_alias[f] for f in forms if f in by_alias), None)
        return _glossary_term(best) if best else None

    @_guarded
    def glossary_terms(self) -> tuple[GlossaryTerm, ...]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(m.GlossaryTermRow.__table__).order_by(m.GlossaryTermRow.key)
            ).mappings().all()
        return tuple(_glossary_term(r) for r in rows)

    def find_terms_in(self, text: str) -> list[GlossaryTerm]:
        """Glossary terms mentioned anywhere in `text`, longest mention first.

        Words inside a longer mention are not read again: "automation bias" is not also "bias".
        """
        words = term_key(text).split()
        aliases = self._alias_index()
        found: list[str] = []
        claimed: set[int] = set()
        for size in range(min(len(words), 8), 0, -1):
            for start in range(len(words) - size + 1):
                span = set(range(start, start + size))
                if span & claimed:
                    continue
                owner = aliases.get(" ".join(words[start : start + size]))
                if owner:
                    claimed |= span
                    if owner not in found:
                        found.append(owner)
        terms = [self.glossary_lookup(key) for key in found]
        return [t for t in terms if t is not None]

    def nearest_terms(self, text: str, limit: int = 3) -> list[str]:
        """Known terms that look most like `text`, for an honest "did you mean"."""
        aliases = self._alias_index()
        key = term_key(text)
        close = difflib.get_close_matches(key, list(aliases), n=limit * 3, cutoff=0.5)
        words = set(key.split()) - _STOP_WORDS
        overlapping = [a for a in aliases if words & set(a.split())]
        names: list[str] = []
        for alias in [*close, *overlapping]:
            term = self._term_names()[aliases[alias]]
            if term not in names:
                names.append(term)
        return names[:limit]

    @_guarded
    def _alias_index(self) -> dict[str, str]:
        if self._aliases is None:
            with self.engine.connect() as conn:
                rows = conn.execute(select(m.GlossaryAliasRow.__table__)).all()
            self._aliases = {alias: owner for alias, owner in rows}
        return self._aliases

    @_guarded
    def _term_names(self) -> dict[str, str]:
        if self._names is None:
            with self.engine.connect() as conn:
                rows = conn.execute(select(m.GlossaryTermRow.key, m.GlossaryTermRow.term)).all()
            self._names = dict(rows)
        return self._names

    # -- lexicon ------------------------------------------------------------------------------

    @_guarded
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(m.LexiconEntryRow.__table__).order_by(m.LexiconEntryRow.id)
                ).mappings().all()
                words = conn.execute(select(m.LexiconContextWordRow.word)).scalars().all()
            self._lexicon = Lexicon(
                entries=tuple(
                    LexiconEntry(
                        kind=r["kind"], phrase=r["phrase"], variants=tuple(r["variants"]),
                        weights=dict(r["weights"]), clear=r["clear"], group=r["staff_group"],
                        employer=r["employer"],
                    )
                    for r in rows
                ),
                ai_context=tuple(sorted(words)),
                screening=screening_of(self.archetypes()),
            )
        return self._lexicon

    def cached(self, name: str, build: Callable[[], T]) -> T:
        """Keep a value derived from this store's content (such as a compiled lexicon)."""
        if name not in self._compiled:
            self._compiled[name] = build()
        return self._compiled[name]  # type: ignore[return-value]

    @_guarded
    def content_hash(self) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(m.CatalogueMetaRow.value).where(m.CatalogueMetaRow.name == "content_hash")
            ).scalar()


_STOP_WORDS = {"a", "an", "the", "of", "in", "and", "or", "to", "for", "is", "what", "ai"}


def _archetype(row) -> Archetype:  # noqa: ANN001
    return Archetype(
        key=row["key"], name=row["name"], summary=row["summary"],
        description=row["description"], responsibilities=tuple(row["responsibilities"]),
        example_roles=tuple(row["example_roles"]), works_with=dict(row["works_with"]),
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


def _glossary_term(row) -> GlossaryTerm:  # noqa: ANN001
    return GlossaryTerm(
        term=row["term"], synonyms=tuple(row["synonyms"]), definition=row["definition"],
        why_it_matters=row["why_it_matters"], related=tuple(row["related"]),
        sources=tuple(row["sources"]),
    )
