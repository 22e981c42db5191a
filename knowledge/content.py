"""Read and validate the catalogue's YAML files into plain records.

Every problem is collected (not just the first) and reported as `file: item: problem`, so an
editor can fix a whole batch in one pass. Nothing here touches the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from knowledge.glossary import aliases_for, term_key
from knowledge.views import (
    ARCHETYPE_KEYS,
    DEPTHS,
    PERSONA_ORIGINS,
    STAFF_GROUPS,
    TIER_KEYS,
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
)

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent / "content"
FILES = (
    "archetypes.yml",
    "capability_areas.yml",
    "needs.yml",
    "tiers.yml",
    "offerings.yml",
    "glossary.yml",
    "lexicon.yml",
)
AREA_KINDS = ("framework_domain", "framework_subdomain", "confidence_factor")
LAYERS = ("governance", "implementation", "clinical_use")
DELIVERIES = ("online", "blended", "in_person")
COSTS = ("free", "funded", "paid", "unknown")
MIN_CORE_AREAS = 5
# Tiers a plan offers whatever the archetype (product-specific training is for some only).
TIERS_FOR_EVERYONE = ("foundation", "specialist", "cpd")
# Hosts that are never a provider's own page: blogs, mirrors, proxies, staging and copy sites.
# A host is refused when it is one of these or ends with "." plus one of them.
DENIED_HOSTS = (
    "medium.com", "substack.com", "blogspot.com", "wordpress.com", "tumblr.com",
    "pslhub.org", "scribd.com", "grokipedia.com", "hackmd.io", "web.archive.org",
    "webarchive.nationalarchives.gov.uk", "nhsd.io", "ebmdatalab.net", "pages.dev",
    "telblog.hee.nhs.uk", "terminalfour.net", "mirrorweb.com",
    "eudev.facultyofclinicalinformatics.org.uk", "squarespace.com",
)
# Words in a host name that mark a blog, proxy, mirror or staging copy, and labels (the parts
# between dots) that mark a development or test copy of a site.
DENIED_HOST_WORDS = ("blog", "proxy", "mirror", "staging", "nonprod", "non-prod", "production-like")
DENIED_HOST_LABELS = ("dev", "test", "uat", "preprod", "sandbox")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


@dataclass(frozen=True)
class Problem:
    file: str
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.message}"


class ContentError(Exception):
    """The content has problems; `problems` lists every one found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Catalogue:
    archetypes: tuple[Archetype, ...]
    areas: tuple[CapabilityArea, ...]
    area_sources: dict[str, tuple[str, ...]]
    needs: tuple[Need, ...]
    tiers: tuple[Tier, ...]
    tier_sources: dict[str, tuple[str, ...]]
    offerings: tuple[Offering, ...]
    offering_sources: dict[str, tuple[str, ...]]
    glossary: tuple[GlossaryTerm, ...]
    lexicon: Lexicon
    content_hash: str


class _Checker:
    """Collects problems while reading one file's items."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems

    def add(self, item: str, message: str) -> None:
        self.problems.append(Problem(self.file, item, message))

    def fields(
        self, item: str, raw: Any, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.add(item, f"expected a mapping, got {type(raw).__name__}")
            return None
        required = tuple(required)
        known = set(required) | set(optional)
        for name in required:
            if name not in raw or raw[name] in (None, "", [], {}):
                self.add(item, f"missing field '{name}'")
        for name in raw:
            if name not in known:
                self.add(item, f"unknown field '{name}'")
        return raw

    def text(self, item: str, raw: dict, name: str) -> str:
        value = raw.get(name)
        if value is None:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add(item, f"'{name}' must be non-empty text")
            return ""
        return value.strip()

    def text_list(self, item: str, raw: dict, name: str, allow_empty: bool = False) -> tuple:
        value = raw.get(name, [] if allow_empty else None)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v.strip() for v in value
        ):
            self.add(item, f"'{name}' must be a list of non-empty text")
            return ()
        return tuple(v.strip() for v in value)

    def boolean(self, item: str, raw: dict, name: str, default: bool = True) -> bool:
        value = raw.get(name, default)
        if not isinstance(value, bool):
            self.add(item, f"'{name}' must be true or false")
            return default
        return value

    def choice(self, item: str, raw: dict, name: str, allowed: Iterable[str]) -> str:
        value = raw.get(name)
        allowed = tuple(allowed)
        if value is None:
            return ""
        if value not in allowed:
            self.add(item, f"'{name}' is {value!r}; expected one of {', '.join(allowed)}")
            return ""
        return value

    def urls(self, item: str, raw: dict, name: str) -> tuple[str, ...]:
        values = self.text_list(item, raw, name)
        for url in values:
            if not is_valid_url(url):
                self.add(item, f"'{name}' has a bad URL: {url!r}")
        return values

    def unique(self, keys: list[str], what: str) -> None:
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                self.add(key, f"duplicate {what}")
            seen.add(key)


def denied_host(url: str) -> str | None:
    """The reason `url` is not a provider's own page, or None when its host is acceptable."""
    host = (urlparse(url).hostname or "").lower()
    for denied in DENIED_HOSTS:
        if host == denied or host.endswith("." + denied):
            return f"{host} is a blog, mirror, proxy or copy site, not the provider's page"
    for word in DENIED_HOST_WORDS:
        if word in host:
            return f"{host} looks like a {word} host, not the provider's page"
    for label in host.split("."):
        for marker in DENIED_HOST_LABELS:
            if label == marker or label.endswith("-" + marker):
                return f"{host} looks like a {marker} copy of a site, not the provider's page"
    return None


def is_valid_url(url: Any) -> bool:
    if not isinstance(url, str) or any(c.isspace() for c in url):
        return False
    parsed = urlparse(url)
    return parsed.scheme in ("https", "http") and "." in parsed.netloc


def _item_name(raw: Any, field: str, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get(field), str) and raw[field].strip():
        return raw[field].strip()
    return f"item {index + 1}"


def _load_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(path.name, "file", "missing"))
        return None
    except UnicodeDecodeError as err:
        problems.append(Problem(path.name, "file", f"not UTF-8 text ({err.reason})"))
        return None
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        detail = getattr(err, "problem", None) or err
        problems.append(Problem(path.name, where, f"YAML syntax error: {detail}"))
        return None


def _as_list(data: Any, file: str, problems: list[Problem]) -> list:
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(file, "file", "expected a list of items at the top level"))
        return []
    return data


def _read_archetypes(data: Any, problems: list[Problem]) -> list[Archetype]:
    check = _Checker("archetypes.yml", problems)
    result: list[Archetype] = []
    required = (
        "key", "name", "summary", "description", "responsibilities", "example_roles",
        "works_with", "question", "personas", "sources",
    )
    for i, raw in enumerate(_as_list(data, check.file, problems)):
        item = _item_name(raw, "key", i)
        if check.fields(item, raw, required, ("verified",)) is None:
            continue
        key = check.choice(item, raw, "key", ARCHETYPE_KEYS)
        works_with = raw.get("works_with") or {}
        if not isinstance(works_with, dict):
            check.add(item, "'works_with' must map archetype keys to text")
            works_with = {}
        for other in works_with:
            if other not in ARCHETYPE_KEYS:
                check.add(item, f"'works_with' names unknown archetype '{other}'")
        question = raw.get("question") or {}
        q = check.fields(f"{item}.question", question, ("text", "why"))
        personas = _read_personas(check, item, raw["personas"]) if raw.get("personas") else ()
        if not key or q is None or not personas:
            continue
        result.append(
            Archetype(
                key=key,
                name=check.text(item, raw, "name"),
                summary=check.text(item, raw, "summary"),
                description=check.text(item, raw, "description"),
                responsibilities=check.text_list(item, raw, "responsibilities"),
                example_roles=check.text_list(item, raw, "example_roles"),
                works_with={k: str(v) for k, v in works_with.items()},
                question=Question(
                    archetype=key,
                    text=check.text(f"{item}.question", q, "text"),
                    why=check.text(f"{item}.question", q, "why"),
                ),
                personas=personas,
                verified=check.boolean(item, raw, "verified"),
                sources=check.urls(item, raw, "sources"),
            )
        )
    check.unique([a.key for a in result], "archetype key")
    missing = set(ARCHETYPE_KEYS) - {a.key for a in result}
    if missing and not any(p.file == check.file for p in problems):
        check.add("file", f"missing archetypes: {', '.join(sorted(missing))}")
    return result


def _read_personas(check: _Checker, item: str, raw: Any) -> tuple[Persona, ...]:
    """An archetype's personas, general one first; exactly one is for no particular group."""
    if not isinstance(raw, list) or not raw:
        check.add(item, "'personas' must be a non-empty list")
        return ()
    personas: list[Persona] = []
    for i, spec in enumerate(raw):
        where = f"{item}.personas[{i + 1}]"
        fields = ("title", "ai_work", "learning_route", "origin")
        if check.fields(where, spec, fields, ("verified", "staff_groups")) is None:
            continue
        groups = check.text_list(where, spec, "staff_groups", allow_empty=True)
        for group in groups:
            if group not in STAFF_GROUPS:
                check.add(where, f"unknown staff group '{group}'")
        origin = check.choice(where, spec, "origin", PERSONA_ORIGINS)
        verified = check.boolean(where, spec, "verified", default=False)
        if verified and origin != "research":
            check.add(where, "only a persona taken from the research can be verified")
        personas.append(
            Persona(
                title=check.text(where, spec, "title"),
                ai_work=check.text(where, spec, "ai_work"),
                learning_route=check.text_list(where, spec, "learning_route"),
                verified=verified,
                staff_groups=groups,
                origin=origin,
            )
        )
    general = [p for p in personas if not p.staff_groups]
    if len(general) != 1:
        check.add(item, f"needs one general persona (no staff_groups); found {len(general)}")
    return tuple(sorted(personas, key=lambda p: bool(p.staff_groups)))


def _read_areas(data: Any, problems: list[Problem]) -> tuple[list[CapabilityArea], dict]:
    check = _Checker("capability_areas.yml", problems)
    result: list[CapabilityArea] = []
    sources: dict[str, tuple[str, ...]] = {}
    for i, raw in enumerate(_as_list(data, check.file, problems)):
        item = _item_name(raw, "key", i)
        if check.fields(
            item, raw, ("key", "name", "kind", "description", "sources"),
            ("parent", "ref", "layer", "verified"),
        ) is None:
            continue
        kind = check.choice(item, raw, "kind", AREA_KINDS)
        layer = raw.get("layer")
        if kind == "confidence_factor":
            layer = check.choice(item, raw, "layer", LAYERS) or None
            if raw.get("layer") is None:
                check.add(item, "confidence factors need a 'layer'")
        if kind == "framework_subdomain" and not raw.get("parent"):
            check.add(item, "framework sub-domains need a 'parent'")
        parent = raw.get("parent")
        if parent is not None and not isinstance(parent, str):
            check.add(item, "'parent' must be the key of another area")
            parent = None
        area = CapabilityArea(
            key=check.text(item, raw, "key"),
            name=check.text(item, raw, "name"),
            kind=kind,
            parent=parent,
            ref=str(raw["ref"]) if raw.get("ref") is not None else None,
            layer=layer,
            description=check.text(item, raw, "description"),
            verified=check.boolean(item, raw, "verified"),
        )
        sources[area.key] = check.urls(item, raw, "sources")
        result.append(area)
    check.unique([a.key for a in result], "area key")
    keys = {a.key for a in result}
    for area in result:
        if area.parent and area.parent not in keys:
            check.add(area.key, f"'parent' refers to unknown area '{area.parent}'")
    return result, sources


def _read_needs(
    data: Any, problems: list[Problem], area_keys: set[str]
) -> list[Need]:
    check = _Checker("needs.yml", problems)
    result: list[Need] = []
    seen_archetypes: list[str] = []
    for i, raw in enumerate(_as_list(data, check.file, problems)):
        item = _item_name(raw, "archetype", i)
        if check.fields(item, raw, ("archetype", "needs")) is None:
            continue
        archetype = check.choice(item, raw, "archetype", ARCHETYPE_KEYS)
        seen_archetypes.append(item)
        needs = raw.get("needs") or {}
        if not isinstance(needs, dict):
            check.add(item, "'needs' must map area keys to {depth, why}")
            continue
        for area, spec in needs.items():
            where = f"{item}.{area}"
            if area not in area_keys:
                check.add(where, f"unknown capability area '{area}'")
                continue
            if check.fields(where, spec, ("depth", "why")) is None:
                continue
            depth = check.choice(where, spec, "depth", DEPTHS)
            why = check.text(where, spec, "why")
            if archetype and depth:
                result.append(Need(archetype, area, depth, why))
        if archetype:
            for area in sorted(area_keys - set(needs)):
                check.add(item, f"no need given for area '{area}'")
            core = sum(1 for n in result if n.archetype == archetype and n.depth == "core")
            if core < MIN_CORE_AREAS:
                check.add(item, f"only {core} core areas; at least {MIN_CORE_AREAS} expected")
    check.unique(seen_archetypes, "archetype")
    for archetype in ARCHETYPE_KEYS:
        if archetype not in seen_archetypes:
            check.add(archetype, "no needs given for this archetype")
    for area in sorted(area_keys):
        if not any(n.area == area and n.depth != "awareness" for n in result):
            check.add(area, "no archetype needs this area beyond awareness")
    return result


def _read_tiers(data: Any, problems: list[Problem]) -> tuple[list[Tier], dict]:
    check = _Checker("tiers.yml", problems)
    result: list[Tier] = []
    sources: dict[str, tuple[str, ...]] = {}
    for i, raw in enumerate(_as_list(data, check.file, problems)):
        item = _item_name(raw, "key", i)
        if check.fields(
            item, raw, ("key", "order", "name", "description", "delivered_by", "sources")
        ) is None:
            continue
        key = check.choice(item, raw, "key", TIER_KEYS)
        order = raw.get("order")
        if not isinstance(order, int) or isinstance(order, bool):
            check.add(item, "'order' must be a whole number")
            order = 0
        if key:
            result.append(
                Tier(
                    key=key,
                    order=order,
                    name=check.text(item, raw, "name"),
                    description=check.text(item, raw, "description"),
                    delivered_by=check.text(item, raw, "delivered_by"),
                )
            )
            sources[key] = check.urls(item, raw, "sources")
    check.unique([t.key for t in result], "tier key")
    return sorted(result, key=lambda t: t.order), sources


def _read_offerings(
    data: Any, problems: list[Problem], area_keys: set[str], tier_keys: set[str]
) -> tuple[list[Offering], dict]:
    check = _Checker("offerings.yml", problems)
    result: list[Offering] = []
    sources: dict[str, tuple[str, ...]] = {}
    required = (
        "key", "title", "provider", "tier", "format", "delivery", "level", "duration", "cost",
        "url", "archetypes", "areas", "summary", "last_reviewed", "sources",
    )
    for i, raw in enumerate(_as_list(data, check.file, problems)):
        item = _item_name(raw, "key", i)
        if check.fields(item, raw, required, ("cost_note", "verified", "competitive")) is None:
            continue
        level = raw.get("level")
        if "level" in raw and (
            not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 4
        ):
            check.add(item, f"'level' is {level!r}; expected a whole number from 1 to 4")
            level = 0
        tier = raw.get("tier")
        if tier is not None and (not isinstance(tier, str) or tier not in tier_keys):
            check.add(item, f"unknown tier '{tier}'")
        url = raw.get("url")
        if url is not None and not is_valid_url(url):
            check.add(item, f"bad URL: {url!r}")
        elif url is not None and denied_host(url):
            check.add(item, f"'url' must be the provider's own page: {denied_host(url)}")
        competitive = check.boolean(item, raw, "competitive", default=False)
        if competitive and raw.get("cost") == "free":
            check.add(item, "'competitive' places are funded or paid, not free")
        archetypes = check.text_list(item, raw, "archetypes")
        for key in archetypes:
            if key not in ARCHETYPE_KEYS:
                check.add(item, f"unknown archetype '{key}'")
        areas = check.text_list(item, raw, "areas")
        for key in areas:
            if key not in area_keys:
                check.add(item, f"unknown capability area '{key}'")
        reviewed = raw.get("last_reviewed")
        if "last_reviewed" in raw and not isinstance(reviewed, date):
            check.add(item, f"'last_reviewed' is {reviewed!r}; expected a date (YYYY-MM-DD)")
            reviewed = date.min
        result.append(
            Offering(
                key=check.text(item, raw, "key"),
                title=check.text(item, raw, "title"),
                provider=check.text(item, raw, "provider"),
                tier=str(tier or ""),
                format=check.text(item, raw, "format"),
                delivery=check.choice(item, raw, "delivery", DELIVERIES),
                level=int(level or 0),
                duration=check.text(item, raw, "duration"),
                cost=check.choice(item, raw, "cost", COSTS),
                cost_note=check.text(item, raw, "cost_note"),
                url=str(url or ""),
                summary=check.text(item, raw, "summary"),
                archetypes=archetypes,
                areas=areas,
                last_reviewed=reviewed or date.min,
                verified=check.boolean(item, raw, "verified"),
                competitive=competitive,
            )
        )
        sources[result[-1].key] = check.urls(item, raw, "sources")
    check.unique([o.key for o in result], "offering key")
    return result, sources


def _read_glossary(data: Any, problems: list[Problem]) -> list[GlossaryTerm]:
    check = _Checker("glossary.yml", problems)
    result: list[GlossaryTerm] = []
    for i, raw in enumerate(_as_list(data, check.file, problems)):
        item = _item_name(raw, "term", i)
        if check.fields(
            item, raw, ("term", "definition", "why_it_matters", "sources"),
            ("synonyms", "related"),
        ) is None:
            continue
        result.append(
            GlossaryTerm(
                term=check.text(item, raw, "term"),
                synonyms=check.text_list(item, raw, "synonyms", allow_empty=True),
                definition=check.text(item, raw, "definition"),
                why_it_matters=check.text(item, raw, "why_it_matters"),
                related=check.text_list(item, raw, "related", allow_empty=True),
                sources=check.urls(item, raw, "sources"),
            )
        )
    check.unique([term_key(t.term) for t in result], "glossary term")
    owners: dict[str, str] = {}
    for t in result:
        for alias in aliases_for(t.term, t.synonyms):
            if owners.setdefault(alias, t.term) != t.term:
                check.add(t.term, f"synonym '{alias}' also belongs to '{owners[alias]}'")
    keys = {term_key(t.term) for t in result}
    for t in result:
        for other in t.related:
            if term_key(other) not in keys:
                check.add(t.term, f"'related' names unknown term '{other}'")
    return result


def _read_lexicon(data: Any, problems: list[Problem]) -> Lexicon:
    check = _Checker("lexicon.yml", problems)
    if data is None:
        return Lexicon(entries=(), ai_context=())
    if not isinstance(data, dict):
        check.add("file", "expected a mapping with 'roles', 'activities' and 'ai_context'")
        return Lexicon(entries=(), ai_context=())
    check.fields("file", data, ("roles", "activities", "ai_context"))
    entries: list[LexiconEntry] = []
    for section, kind in (("roles", "role"), ("activities", "activity")):
        items = data.get(section) or []
        if not isinstance(items, list):
            check.add(section, "expected a list of phrases")
            continue
        for i, raw in enumerate(items):
            item = f"{section}: {_item_name(raw, 'phrase', i)}"
            if check.fields(item, raw, ("phrase", "weights"), ("variants", "clear")) is None:
                continue
            weights = raw.get("weights") or {}
            if not isinstance(weights, dict):
                check.add(item, "'weights' must map archetype keys to numbers")
                continue
            clean: dict[str, float] = {}
            for key, value in weights.items():
                if key not in ARCHETYPE_KEYS:
                    check.add(item, f"unknown archetype '{key}' in weights")
                elif isinstance(value, bool) or not isinstance(value, (int, float)) or not (
                    -1 <= value <= 1
                ):
                    check.add(item, f"weight for '{key}' must be a number from -1 to 1")
                else:
                    clean[key] = float(value)
            entries.append(
                LexiconEntry(
                    kind=kind,
                    phrase=check.text(item, raw, "phrase").lower(),
                    variants=tuple(
                        v.lower() for v in check.text_list(item, raw, "variants", True)
                    ),
                    weights=clean,
                    clear=check.boolean(item, raw, "clear", default=False),
                )
            )
    check.unique([f"{e.kind}: {e.phrase}" for e in entries], "lexicon phrase")
    context = check.text_list("ai_context", data, "ai_context")
    return Lexicon(entries=tuple(entries), ai_context=tuple(w.lower() for w in context))


def read_catalogue(content_dir: Path | str = DEFAULT_CONTENT_DIR) -> Catalogue:
    """Read and cross-check every content file; raise ContentError listing all problems."""
    content_dir = Path(content_dir)
    problems: list[Problem] = []
    if not content_dir.is_dir():
        raise ContentError([Problem(str(content_dir), "folder", "not found")])
    raw = {name: _load_yaml(content_dir / name, problems) for name in FILES}
    digest = hashlib.sha256()
    for name in FILES:
        path = content_dir / name
        digest.update(path.read_bytes() if path.is_file() else b"")

    archetypes = _read_archetypes(raw["archetypes.yml"], problems)
    areas, area_sources = _read_areas(raw["capability_areas.yml"], problems)
    area_keys = {a.key for a in areas}
    needs = _read_needs(raw["needs.yml"], problems, area_keys) if areas else []
    tiers, tier_sources = _read_tiers(raw["tiers.yml"], problems)
    offerings, offering_sources = _read_offerings(
        raw["offerings.yml"], problems, area_keys, {t.key for t in tiers}
    )
    glossary = _read_glossary(raw["glossary.yml"], problems)
    lexicon = _read_lexicon(raw["lexicon.yml"], problems)
    _check_reachability(archetypes, areas, offerings, problems)
    if problems:
        raise ContentError(problems)
    return Catalogue(
        archetypes=tuple(archetypes),
        areas=tuple(areas),
        area_sources=area_sources,
        needs=tuple(needs),
        tiers=tuple(tiers),
        tier_sources=tier_sources,
        offerings=tuple(offerings),
        offering_sources=offering_sources,
        glossary=tuple(glossary),
        lexicon=lexicon,
        content_hash=digest.hexdigest(),
    )


def _check_reachability(
    archetypes: list[Archetype],
    areas: list[CapabilityArea],
    offerings: list[Offering],
    problems: list[Problem],
) -> None:
    """Every archetype must have something to recommend at each tier every plan shows."""
    if not offerings:
        return
    check = _Checker("offerings.yml", problems)
    for archetype in archetypes:
        for tier in TIERS_FOR_EVERYONE:
            if not any(o.tier == tier and archetype.key in o.archetypes for o in offerings):
                check.add(archetype.key, f"no {tier}-tier offering serves this archetype")


def summarise(catalogue: Catalogue) -> str:
    return (
        f"{len(catalogue.archetypes)} archetypes, {len(catalogue.areas)} capability areas, "
        f"{len(catalogue.needs)} needs, {len(catalogue.tiers)} tiers, "
        f"{len(catalogue.offerings)} offerings, {len(catalogue.glossary)} glossary terms, "
        f"{len(catalogue.lexicon.entries)} lexicon phrases"
    )
