"""Finding offerings for a question such as "any free online courses on model drift?".

The question is read into a `CourseQuery`: cost, delivery, level and length, and the topic left
once those and the question words are taken out. `search` then looks, in this order, for an
offering the person names ("the NHS Fellowship in Clinical AI"), the glossary terms and
capability areas the question mentions, and the remaining topic words (typos tolerated), and
returns what fits every condition, or the nearest offerings when nothing does; a provider named
in full ("the NHS Digital Academy") stands for its offerings. The module only
reads a catalogue snapshot, so the same question always gets the same answer.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from knowledge.catalogue.glossary import key_forms, term_key
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.views import LEVEL_BANDS, CapabilityArea, GlossaryTerm, Offering

# Conditions, matched against the lookup form of the question (lower case, words only).
FREE = re.compile(
    r"\b(free|free of charge|no cost|nothing to pay|doesnt cost|dont cost|costs nothing|"
    r"without paying|no fee|no fees)\b"
)
FUNDED = re.compile(r"\b(funded|funding|bursary|bursaries|salary cover|paid for)\b")
ONLINE = re.compile(
    r"\b(online|remote|remotely|from home|e learning|elearning|virtual|web based)\b"
)
IN_PERSON = re.compile(r"\b(in person|face to face|classroom|on site)\b")
BLENDED = re.compile(r"\bblended\b")
FOUNDATION = re.compile(
    r"\b(beginners?|introduction|introductory|intro|basics?|basic|foundations?|foundational|"
    r"starter|entry level|new to ai|level (1|2|one|two))\b"
)
ADVANCED = re.compile(r"\b(advanced|expert|experts|in depth|specialist|level (3|4|three|four))\b")
SHORT = re.compile(r"\b(short|quick|brief|bite sized)\b")
LONG = re.compile(r"\b(long|longer|year long|long term)\b")
LONG_DURATION = re.compile(r"\b(\d+ months?|months?|years?)\b")

# Words that say "I'm asking about learning" rather than what about.
_QUESTION_WORDS = """
    a about after am an and any anything are around available be best can course courses could
    do does doing find for from get give good got have help how i im in into involve involves is it
    kind kinds learn learning let list look looking me module modules more my need of offer offered
    offering offerings on one ones only option options or please recommend related resource
    resources run runs show so some something suggest tell that the them there theres these they
    this to training want what whats where which who will with would you your thing things study
    stuff topic topics materials material ai also just really all else other otherwise yet do
    involved us our we by"""
QUESTION_WORDS = frozenset(_QUESTION_WORDS.split())
LIMIT = 6
NAME_SCORE = 90  # how closely a title must appear in the question to count as named
WORD_SCORE = 85  # how closely a topic word must match a catalogue word (typos tolerated)
TITLES_CACHED = 4096  # offering titles whose names are kept worked out (a catalogue reload or two)


@dataclass(frozen=True)
class CourseQuery:
    """What a question asks of the catalogue. Empty fields ask nothing."""

    cost: str | None = None  # "free" or "funded"
    delivery: str | None = None  # "online", "in_person" or "blended"
    band: str | None = None  # a key of LEVEL_BANDS: "foundation" or "advanced"
    length: str | None = None  # "short" or "long"
    words: tuple[str, ...] = ()  # topic words left once the conditions are taken out
    topic_text: str = ""  # the question without its conditions, where terms are looked for

    @property
    def has_conditions(self) -> bool:
        return bool(self.cost or self.delivery or self.band or self.length)


@dataclass(frozen=True)
class CatalogueAnswer:
    query: CourseQuery
    named: tuple[Offering, ...] = ()  # offerings the person named
    topics: tuple[str, ...] = ()  # the topics understood: term or area names, else the words
    matches: tuple[Offering, ...] = ()  # fit the topic and every condition, best first
    nearest: tuple[Offering, ...] = ()  # when nothing matches: the closest offerings
    relaxed: tuple[str, ...] = field(default=())  # what `nearest` gave up: "topic", "conditions"


def parse_query(text: str) -> CourseQuery:
    """Read the conditions and the topic words out of a question."""
    key = term_key(text)
    cost = "free" if FREE.search(key) else "funded" if FUNDED.search(key) else None
    delivery = next(
        (name for name, pattern in (("online", ONLINE), ("in_person", IN_PERSON),
                                     ("blended", BLENDED)) if pattern.search(key)),
        None,
    )
    band = "foundation" if FOUNDATION.search(key) else "advanced" if ADVANCED.search(key) else None
    length = "short" if SHORT.search(key) else "long" if LONG.search(key) else None
    rest = key
    for pattern in (FREE, FUNDED, ONLINE, IN_PERSON, BLENDED, FOUNDATION, ADVANCED, SHORT, LONG):
        rest = pattern.sub(" ", rest)
    words = tuple(w for w in rest.split() if w not in QUESTION_WORDS)
    return CourseQuery(cost, delivery, band, length, words, " ".join(rest.split()))


def is_long(offering: Offering) -> bool:
    """A programme measured in months or years, rather than a read, a webinar or a module."""
    return bool(LONG_DURATION.search(offering.duration.lower()))


def meets(offering: Offering, query: CourseQuery) -> bool:
    """Whether an offering meets every condition of the query (the topic aside)."""
    if query.cost and offering.cost != query.cost:
        return False
    if query.delivery and offering.delivery != query.delivery:
        return False
    if query.band and offering.level not in LEVEL_BANDS[query.band]:
        return False
    if query.length == "long" and not is_long(offering):
        return False
    return not (query.length == "short" and is_long(offering))


def names_of(offering: Offering) -> tuple[str, ...]:
    """The ways people name an offering: its title, the part before a colon, a bracketed name."""
    return _names_in_title(offering.title)


@lru_cache(maxsize=TITLES_CACHED)
def _names_in_title(title: str) -> tuple[str, ...]:
    """Worked out once per title, not at every question; keyed by the title alone, so the cache
    holds strings, never an offering or the catalogue snapshot it came from."""
    names = [title, re.sub(r"\s*\(.*?\)", "", title), title.split(":", 1)[0]]
    names += re.findall(r"\((.*?)\)", title)
    return tuple(dict.fromkeys(k for n in names if len(k := term_key(n)) >= 6))


@lru_cache(maxsize=TITLES_CACHED)
def _words_in_title(title: str) -> frozenset[str]:
    return frozenset(term_key(title).split())


def named_offerings(text: str, offerings: Sequence[Offering]) -> tuple[Offering, ...]:
    """Offerings whose name appears in the question, allowing for small slips."""
    key = term_key(text)
    scored: list[tuple[float, int, Offering]] = []
    for offering in offerings:
        best = max(
            ((fuzz.partial_ratio(name, key), len(name)) for name in names_of(offering)
             if len(name) <= len(key) + 2 and (" " in name or any(c.isdigit() for c in name))),
            default=(0.0, 0),
        )
        if best[0] >= NAME_SCORE:
            scored.append((best[0], best[1], offering))
    if not scored:
        return _named_by_title_words(parse_query(text).words, offerings)
    top = max(s for s, _, _ in scored)
    return tuple(o for s, _, o in sorted(scored, key=lambda t: -t[1]) if s == top)


def named_provider(
    text: str, offerings: Sequence[Offering]
) -> tuple[str, tuple[Offering, ...]] | None:
    """A provider the question names in full, in two words or more ("tell me about the NHS
    Digital Academy", "anything from the Scottish AI Alliance?"): its name as the catalogue
    writes it, and its offerings. Part of a name is not enough ("clinical safety" is a topic,
    not "NHS England clinical safety team")."""
    asked = set(parse_query(text).words)
    found: dict[frozenset[str], tuple[str, dict[str, Offering]]] = {}
    for offering in offerings:
        for name in _provider_names(offering.provider):
            if (words := _content_words(name)) <= asked:
                found.setdefault(words, (name, {}))[1][offering.key] = offering
    if not found:
        return None
    name, theirs = max(found.items(), key=lambda item: (len(item[0]), len(item[1][1])))[1]
    return name, tuple(theirs.values())


@lru_cache(maxsize=TITLES_CACHED)
def _provider_names(provider: str) -> tuple[str, ...]:
    """The organisations a provider line names ("NHS AI Lab and Health Education England",
    "NHS England (formerly NHS Digital)"), each of two or more content words."""
    parts = (p.strip() for p in re.split(r",|\(|\)|;| and | with ", provider))
    return tuple(p for p in parts if len(_content_words(p)) >= 2)


@lru_cache(maxsize=TITLES_CACHED)
def _content_words(name: str) -> frozenset[str]:
    return frozenset(w for w in term_key(name).split() if w not in QUESTION_WORDS)


def _named_by_title_words(
    words: Sequence[str], offerings: Sequence[Offering]
) -> tuple[Offering, ...]:
    """The one offering whose title holds every topic word ("the topol fellowship"), if any."""
    if len(words) < 2:
        return ()
    titles = [_words_in_title(o.title) for o in offerings]
    near = _near_words(words, frozenset().union(*titles))
    holding = [o for o, title in zip(offerings, titles, strict=True)
               if all(near[w] & title for w in words)]
    return tuple(holding) if len(holding) == 1 else ()


def _near_words(words: Iterable[str], vocabulary: Collection[str]) -> dict[str, set[str]]:
    """Each word's matches in `vocabulary` by `_word_hits`'s test, found in one pass over it: a
    word hits a title (`_word_hits`) exactly when one of its matches is among the title's words,
    so every title is checked without matching the word against each title again."""
    return {
        word: {choice for choice, _, _ in process.extract(
            word, vocabulary, scorer=fuzz.ratio, score_cutoff=_cutoff(word), limit=None)}
        for word in set(words)
    }


def _offering_text(offering: Offering, areas: Mapping[str, CapabilityArea]) -> str:
    area_names = " ".join(areas[a].name for a in offering.areas if a in areas)
    return term_key(f"{offering.title} {offering.provider} {offering.summary} {area_names}")


def _phrase_in(phrase: str, text: str) -> bool:
    return len(phrase) <= len(text) and fuzz.partial_ratio(phrase, text) >= NAME_SCORE


def areas_in(text: str, areas: Iterable[CapabilityArea]) -> list[CapabilityArea]:
    """Capability areas named in the question ("human factors", "ethics", "robotics")."""
    key = term_key(text)
    words = set(key.split())
    found = []
    for area in areas:
        name = term_key(area.name)
        if (" " in name and _phrase_in(name, key)) or any(f in words for f in key_forms(name)):
            found.append(area)
    return found


def _term_covered(term: GlossaryTerm, offering: Offering, text: str,
                  areas: Mapping[str, CapabilityArea]) -> bool:
    """An offering covers a term if it names the term, or sits in an area that does."""
    aliases = [term_key(a) for a in (term.term, *term.synonyms) if len(term_key(a)) > 2]
    if any(_phrase_in(a, text) for a in aliases):
        return True
    return any(
        _phrase_in(a, term_key(f"{areas[k].name} {areas[k].description}"))
        for k in offering.areas if k in areas for a in aliases
    )


def _area_covered(
    area: CapabilityArea, offering: Offering, areas: Mapping[str, CapabilityArea]
) -> bool:
    """An offering covers an area if it is tagged with it or with one of its sub-domains."""
    return any(k == area.key or (k in areas and areas[k].parent == area.key)
               for k in offering.areas)


def _word_hits(words: Sequence[str], vocabulary: Collection[str]) -> int:
    hits = 0
    for word in words:
        if process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=_cutoff(word)):
            hits += 1
    return hits


def _cutoff(word: str) -> int:
    """How closely a catalogue word must match a topic word: exactly for a short one."""
    return 100 if len(word) <= 3 else WORD_SCORE


def _rank(offerings: Iterable[Offering], archetypes: Sequence[str]) -> list[Offering]:
    """The person's own archetypes first, then foundation before advanced, then by title."""
    mine = set(archetypes)
    return sorted(offerings, key=lambda o: (not (mine & set(o.archetypes)), o.level, o.title))


def search(
    store: CatalogueSnapshot, text: str, archetypes: Sequence[str] = (), limit: int = LIMIT
) -> CatalogueAnswer:
    """Answer a catalogue question; `archetypes` (the person's, if known) orders the results."""
    query = parse_query(text)
    offerings = store.all_offerings()
    named = named_offerings(text, offerings)
    if named:
        return CatalogueAnswer(query, named=named)
    areas = store.area_by_key
    # a term everyone's question mentions ("AI") says nothing about the topic
    terms = [
        t for t in store.find_terms_in(query.topic_text)
        if not {term_key(a) for a in (t.term, *t.synonyms)} & QUESTION_WORDS
    ]
    mentioned_areas = areas_in(query.topic_text, areas.values())
    # a provider, unless its name is also a topic ("clinical safety", "NHS England clinical
    # safety team")
    provider = None if terms or mentioned_areas else named_provider(text, offerings)
    if provider:
        name, theirs = provider
        fitting = [o for o in theirs if meets(o, query)]
        if fitting:
            return CatalogueAnswer(query, topics=(name,), matches=tuple(_rank(fitting, archetypes)))
        return CatalogueAnswer(query, topics=(name,), nearest=tuple(_rank(theirs, archetypes)),
                               relaxed=("conditions",))
    texts = {o.key: _offering_text(o, areas) for o in offerings}

    def covered(
        offering: Offering, terms: Sequence[GlossaryTerm], mentioned: Sequence[CapabilityArea]
    ) -> list[bool]:
        return [_term_covered(t, offering, texts[offering.key], areas) for t in terms] + [
            _area_covered(a, offering, areas) for a in mentioned
        ]

    def covers(offering: Offering) -> float:
        """How much of the topic an offering covers, from 0 (nothing) to 1 (all of it)."""
        units = covered(offering, terms, mentioned_areas)
        if units:
            return sum(units) / len(units)
        if not query.words:
            return 1.0
        return _word_hits(query.words, set(texts[offering.key].split())) / len(query.words)

    topics = tuple(
        dict.fromkeys([*(t.term for t in terms), *(a.name for a in mentioned_areas)])
    ) or ((" ".join(query.words),) if query.words else ())
    coverage = {o.key: covers(o) for o in offerings}
    matches = [o for o in offerings if coverage[o.key] == 1.0 and meets(o, query)]
    if matches:
        return CatalogueAnswer(query, topics=topics, matches=tuple(_rank(matches, archetypes)))
    on_topic = [o for o in offerings if coverage[o.key] == 1.0]
    if on_topic and query.has_conditions:
        nearest, relaxed = on_topic, ("conditions",)
    else:
        if not any(coverage.values()):
            # nothing on the topic itself: try the terms it relates to and the wider areas
            related = [r for t in terms for n in t.related if (r := store.glossary_lookup(n))]
            wider = [areas[a.parent] for a in mentioned_areas if a.parent in areas]
            coverage = {
                o.key: sum(units) / len(units) if (units := covered(o, related, wider)) else 0.0
                for o in offerings
            }
        partial = [o for o in offerings if coverage[o.key] > 0 and meets(o, query)]
        nearest = sorted(partial, key=lambda o: -coverage[o.key])
        relaxed = ("topic",)
    best = _rank(nearest, archetypes)
    best.sort(key=lambda o: -coverage[o.key])
    return CatalogueAnswer(
        query, topics=topics, nearest=tuple(best[:limit]), relaxed=relaxed if best else ()
    )
