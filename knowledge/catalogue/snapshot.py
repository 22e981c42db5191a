"""The catalogue as one frozen, indexed value in memory: what every turn reads.

The SQL store stays the source of truth that educators load and every instance shares; a
snapshot is read from it whole, indexed once, and never changed. A new catalogue is a new
snapshot that the store swaps in whole, so a turn never sees one catalogue's lexicon beside
another's offerings, and a lookup costs a dictionary access however large the catalogue grows.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from knowledge.catalogue.glossary import key_forms, term_key
from knowledge.engines.identify import CompiledLexicon, compile_lexicon
from knowledge.engines.views import (
    Archetype,
    CapabilityArea,
    GlossaryTerm,
    Lexicon,
    Need,
    Offering,
    Tier,
)

_STOP_WORDS = {"a", "an", "the", "of", "in", "and", "or", "to", "for", "is", "what", "ai"}
_LONGEST_MENTION = 8  # words; no glossary term is longer


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


def _grouped(pairs: Iterable[tuple[object, Offering]]) -> Mapping:
    groups: dict[object, list[Offering]] = {}
    for key, offering in pairs:
        groups.setdefault(key, []).append(offering)
    return _frozen({k: tuple(v) for k, v in groups.items()})


@dataclass(frozen=True)
class CatalogueSnapshot:
    """Every catalogue record, with the indexes turns look things up by.

    Offerings are kept in catalogue order (level, then title), the order every list of them
    is returned in; `position` says where each one sits in it.
    """

    version: str  # the content hash of the loaded catalogue
    archetype_by_key: Mapping[str, Archetype]
    area_by_key: Mapping[str, CapabilityArea]  # in the order the areas were loaded
    area_names: Mapping[str, str]
    tier_order: tuple[Tier, ...]
    needs_by_archetype: Mapping[str, tuple[Need, ...]]  # each in area order
    offerings_in_order: tuple[Offering, ...]
    offerings_by_key: tuple[Offering, ...]
    offering_by_key: Mapping[str, Offering]
    position: Mapping[str, int]
    by_archetype: Mapping[str, tuple[Offering, ...]]
    by_area: Mapping[str, tuple[Offering, ...]]
    by_tier_archetype: Mapping[tuple[str, str], tuple[Offering, ...]]
    term_by_key: Mapping[str, GlossaryTerm]  # in key order
    alias_owner: Mapping[str, str]  # every spelling that finds a term -> the term's key
    lexicon_entries: Lexicon

    @classmethod
    def build(
        cls,
        version: str,
        *,
        archetypes: Iterable[Archetype],
        areas: Sequence[CapabilityArea],
        tiers: Iterable[Tier],
        needs: Iterable[Need],
        offerings: Iterable[Offering],
        glossary: Mapping[str, GlossaryTerm],
        aliases: Mapping[str, str],
        lexicon: Lexicon,
    ) -> CatalogueSnapshot:
        """Index the records once; everything a turn asks is then a lookup."""
        area_position = {a.key: i for i, a in enumerate(areas)}
        needs_of: dict[str, list[Need]] = {}
        for need in sorted(needs, key=lambda n: area_position.get(n.area, len(areas))):
            needs_of.setdefault(need.archetype, []).append(need)
        ordered = tuple(sorted(sorted(offerings, key=lambda o: o.key),
                               key=lambda o: (o.level, o.title)))
        return cls(
            version=version,
            archetype_by_key=_frozen({a.key: a for a in sorted(archetypes, key=lambda a: a.order)}),
            area_by_key=_frozen({a.key: a for a in areas}),
            area_names=_frozen({a.key: a.name for a in areas}),
            tier_order=tuple(sorted(tiers, key=lambda t: t.order)),
            needs_by_archetype=_frozen({k: tuple(v) for k, v in needs_of.items()}),
            offerings_in_order=ordered,
            offerings_by_key=tuple(sorted(ordered, key=lambda o: o.key)),
            offering_by_key=_frozen({o.key: o for o in ordered}),
            position=_frozen({o.key: i for i, o in enumerate(ordered)}),
            by_archetype=_grouped((a, o) for o in ordered for a in o.archetypes),
            by_area=_grouped((a, o) for o in ordered for a in o.areas),
            by_tier_archetype=_grouped(((o.tier, a), o) for o in ordered for a in o.archetypes),
            term_by_key=_frozen(dict(sorted(glossary.items()))),
            alias_owner=_frozen(aliases),
            lexicon_entries=lexicon,
        )

    # -- archetypes, areas, tiers, needs ------------------------------------------------------

    def archetypes(self) -> tuple[Archetype, ...]:
        return tuple(self.archetype_by_key.values())

    def archetype(self, key: str) -> Archetype | None:
        return self.archetype_by_key.get(key)

    def areas(self) -> tuple[CapabilityArea, ...]:
        return tuple(self.area_by_key.values())

    def area(self, key: str) -> CapabilityArea | None:
        return self.area_by_key.get(key)

    def tiers(self) -> tuple[Tier, ...]:
        return self.tier_order

    def needs_for(self, archetypes: Iterable[str]) -> tuple[Need, ...]:
        """The needs of each archetype in turn, each archetype's in area order."""
        return tuple(
            n for a in dict.fromkeys(archetypes) for n in self.needs_by_archetype.get(a, ())
        )

    # -- offerings ----------------------------------------------------------------------------

    def all_offerings(self) -> tuple[Offering, ...]:
        """Every offering, by key."""
        return self.offerings_by_key

    def offering(self, key: str) -> Offering | None:
        return self.offering_by_key.get(key)

    def offerings_for(
        self,
        area: str | None = None,
        level: int | None = None,
        *,
        tier: str | None = None,
        archetypes: Iterable[str] | None = None,
    ) -> tuple[Offering, ...]:
        """Offerings matching every filter given, in catalogue order."""
        wanted = None if archetypes is None else tuple(dict.fromkeys(archetypes))
        serving = frozenset(wanted or ())
        if area is not None:
            found: Iterable[Offering] = self.by_area.get(area, ())
        elif wanted is not None:
            found = self._union(
                self.by_tier_archetype.get((tier, a), ()) if tier else self.by_archetype.get(a, ())
                for a in wanted
            )
        else:
            found = self.offerings_in_order
        return tuple(
            o for o in found
            if (level is None or o.level == level)
            and (tier is None or o.tier == tier)
            and (wanted is None or not serving.isdisjoint(o.archetypes))
        )

    def offerings_in_areas(
        self, areas: Iterable[str], archetypes: Iterable[str]
    ) -> tuple[Offering, ...]:
        """Offerings for any of `archetypes` that cover any of `areas`, in catalogue order;
        however large the catalogue, only the offerings in those areas are looked at."""
        serving = frozenset(archetypes)
        return self._union(
            [o for o in self.by_area.get(area, ()) if not serving.isdisjoint(o.archetypes)]
            for area in dict.fromkeys(areas)
        )

    def _union(self, groups: Iterable[Iterable[Offering]]) -> tuple[Offering, ...]:
        seen: dict[str, Offering] = {}
        for group in groups:
            for offering in group:
                seen.setdefault(offering.key, offering)
        return tuple(sorted(seen.values(), key=lambda o: self.position[o.key]))

    # -- glossary -----------------------------------------------------------------------------

    def glossary_terms(self) -> tuple[GlossaryTerm, ...]:
        return tuple(self.term_by_key.values())

    def glossary_lookup(self, text: str) -> GlossaryTerm | None:
        """The term whose name or synonym matches `text`, ignoring case and plurals."""
        owner = next((self.alias_owner[f] for f in key_forms(text) if f in self.alias_owner), None)
        return self.term_by_key.get(owner) if owner else None

    def find_terms_in(self, text: str) -> list[GlossaryTerm]:
        """Glossary terms mentioned anywhere in `text`, longest mention first.

        Words inside a longer mention are not read again: "automation bias" is not also "bias".
        """
        words = term_key(text).split()
        found: list[str] = []
        claimed: set[int] = set()
        for size in range(min(len(words), _LONGEST_MENTION), 0, -1):
            for start in range(len(words) - size + 1):
                span = set(range(start, start + size))
                if span & claimed:
                    continue
                owner = self.alias_owner.get(" ".join(words[start : start + size]))
                if owner:
                    claimed |= span
                    if owner not in found:
                        found.append(owner)
        return [self.term_by_key[key] for key in found if key in self.term_by_key]

    def nearest_terms(self, text: str, limit: int = 3) -> list[str]:
        """Known terms that look most like `text`, for an honest "did you mean"."""
        key = term_key(text)
        close = difflib.get_close_matches(key, list(self.alias_owner), n=limit * 3, cutoff=0.5)
        words = set(key.split()) - _STOP_WORDS
        overlapping = [a for a in self.alias_owner if words & set(a.split())]
        names: list[str] = []
        for alias in [*close, *overlapping]:
            term = self.term_by_key[self.alias_owner[alias]].term
            if term not in names:
                names.append(term)
        return names[:limit]

    # -- lexicon ------------------------------------------------------------------------------

    def lexicon(self) -> Lexicon:
        return self.lexicon_entries

    @cached_property
    def compiled_lexicon(self) -> CompiledLexicon:
        """This snapshot's lexicon indexed for `identify`: compiled on first use (it takes a
        while, and reports that never identify anyone need not wait for it), then kept as long
        as the snapshot is."""
        return compile_lexicon(self.lexicon_entries)
