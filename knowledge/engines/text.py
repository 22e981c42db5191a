"""The one place where what people type is read: clauses, tokens, stems, typos, negation, which
part of the work someone calls their main one, and the archetypes they name.

Both engines that read free text (`identify` for role descriptions, `corrections` for replies to
a result) use these rules, so a "not" or a "mainly" means the same in both. Deterministic, and
free of Rasa, so the engines stay pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

# --- character clean-up ------------------------------------------------------------------------

_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u201c": '"', "\u201d": '"',
    }
)


def unify(text: str) -> str:
    """Replace curly apostrophes, dashes and odd spaces with plain ones, keeping the length.

    Keeping the length means offsets found in the unified text point into the original too.
    """
    return text.translate(_CHAR_MAP)


# --- tokens ------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)*", re.IGNORECASE)

# Contractions that cannot be undone by rule, and the common apostrophe-less spellings of chat.
_CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "can't": ("can", "not"), "cannot": ("can", "not"), "won't": ("will", "not"),
    "shan't": ("shall", "not"), "ain't": ("is", "not"),
    "dont": ("do", "not"), "doesnt": ("does", "not"), "didnt": ("did", "not"),
    "isnt": ("is", "not"), "arent": ("are", "not"), "wasnt": ("was", "not"),
    "werent": ("were", "not"), "havent": ("have", "not"), "hasnt": ("has", "not"),
    "hadnt": ("had", "not"), "cant": ("can", "not"), "couldnt": ("could", "not"),
    "wouldnt": ("would", "not"), "shouldnt": ("should", "not"), "wont": ("will", "not"),
    "im": ("i", "am"), "ive": ("i", "have"), "youre": ("you", "are"),
    "theyre": ("they", "are"), "thats": ("that", "is"),
}
_SUFFIXES: dict[str, str] = {"m": "am", "re": "are", "ve": "have", "ll": "will", "d": "would"}
_IS_BEFORE_S = frozenset(
    {"it", "that", "there", "what", "he", "she", "who", "here", "where", "everyone", "this"}
)


@dataclass(frozen=True)
class Token:
    """A normalised word and where it came from in the text it was read from."""

    text: str
    start: int
    end: int
    comma: bool = False  # a comma or colon follows the original word


@lru_cache(maxsize=32768)
def _expand(word: str) -> tuple[str, ...]:
    """Undo a contraction: "don't" -> ("do", "not"); a possessive "trust's" -> ("trust",)."""
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    if "'" not in word:
        return (word,)
    if word.endswith("n't"):
        return (word[:-3], "not")
    base, _, suffix = word.partition("'")
    suffix = suffix.split("'")[0]
    if suffix in _SUFFIXES:
        return (base, _SUFFIXES[suffix])
    if suffix == "s":
        return (base, "is") if base in _IS_BEFORE_S else (base,)
    return (base + suffix,)


_COMMA_AFTER_RE = re.compile(r" {0,2}[,:]")


def tokenise(text: str) -> list[Token]:
    """Lower-case words with contractions expanded; offsets point into `text`."""
    tokens: list[Token] = []
    for m in _WORD_RE.finditer(unify(text)):
        start, end = m.span()
        comma = _COMMA_AFTER_RE.match(text, end) is not None
        for part in _expand(m.group().lower()):
            if part:
                tokens.append(Token(part, start, end, comma))
    return tokens


def words(text: str) -> list[str]:
    """Just the normalised words of `text`."""
    return [t.text for t in tokenise(text)]


_KEEP_PUNCT = ".,;:!?"
_NORMAL_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[.,;:!?]", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower-case, plain apostrophes and dashes, contractions expanded, and only the
    punctuation clause splitting needs (. , ; : ! ?) kept, single-spaced."""
    out: list[str] = []
    for m in _NORMAL_RE.finditer(unify(text or "")):
        piece = m.group()
        if piece in _KEEP_PUNCT:
            if out:
                out[-1] += piece
            continue
        out.extend(p for p in _expand(piece.lower()) if p)
    return " ".join(out)


# --- clauses -----------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset({"e.g", "i.e", "eg", "ie", "etc", "incl", "approx", "dr", "mr", "mrs",
                            "ms", "prof", "vs", "no", "st", "dept"})
_SUBJECT = r"(?:i'm|i've|i'd|im|ive|i(?!\.)|we're|we've|we|my|our|but|so)\b"
# Words that may link a comma to a new subject ("..., and alongside that I run the audit");
# they stay with the clause they open, where they say when or how its work is done.
_LINKS = (r"(?:then|separately|alongside (?:that|this)|on top of (?:that|this)|in addition"
          r"|besides|additionally|also|sometimes|occasionally)")
# ", and on my ward shifts I ...": a short phrase of time or place before a new "I" or "we".
_WHEN = r"on|in|at|during|for|every|each|twice|once|most|some"
_PERSON = r"(?:i'm|i've|i'd|i'll|im|ive|i|we're|we've|we'll|we)"
_SEPARATOR_RE = re.compile(
    r"[.!?]+(?=\s|$)"                                   # sentence ends
    r"|[;\n\r]+"                                         # semicolons and line breaks
    r"|\s+-\s+"                                          # a spaced dash
    r"|,?\s+(?:but|although|though|whereas|however|whilst|while|and also|as well as)\s+"
    rf"|,\s*(?:and\s+)?(?=(?:{_LINKS},?\s+)?{_SUBJECT})"  # ", I ...", ", and then I ..."
    rf"|,\s*and\s+(?=(?:{_WHEN})\s+(?:[\w'-]+\s+){{0,3}}?{_PERSON}\s)"  # ", and on shifts I"
    rf"|\s+and\s+(?={_SUBJECT})"                         # "... and I ..." too
    r"|(?<=[a-z0-9])(?<!mainly)(?<!mostly)(?<!primarily)(?<!chiefly)"
    r"\s+(?=(?:i'm|i\u2019m|i am|i've|i\u2019ve)\s)",  # "next month i'm a physio"
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Clause:
    text: str  # the person's words, trimmed
    start: int  # offset in the original text
    opener: str = ""  # the separator before it, lower case ("and also", ",", "")


def split_clauses(text: str) -> list[Clause]:
    """Split text where a new statement starts, so negation and quotes stay local.

    Splits on sentence punctuation, semicolons, line breaks, spaced dashes, "but"-like
    conjunctions, "and also", and a comma or "and" that introduces a new subject ("..., I use").
    """
    if not text:
        return []
    plain = unify(text)
    clauses: list[Clause] = []
    start = 0
    opener = ""
    for m in _SEPARATOR_RE.finditer(plain):
        if m.group()[:1] == "." and _ends_with_abbreviation(plain[start:m.start()]):
            continue
        _add_clause(text, start, m.start(), clauses, opener)
        start = m.end()
        opener = " ".join(m.group().lower().split())
    _add_clause(text, start, len(text), clauses, opener)
    return clauses


def _ends_with_abbreviation(before: str) -> bool:
    tail = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
    return tail in _ABBREVIATIONS or bool(re.fullmatch(r"[a-z](?:\.[a-z])*", tail))


def _add_clause(text: str, start: int, end: int, out: list[Clause], opener: str) -> None:
    piece = text[start:end]
    stripped = piece.strip(" \t\r\n,.;:!?-\"'")
    if stripped and _WORD_RE.search(stripped):
        out.append(Clause(stripped, start + piece.index(stripped), opener))


# Words saying that what follows is an extra part of someone's work, beside their main job:
# "and also the team's digital champion", "I've also been asked to", "I still work as a nurse".
SIDE_OPENERS = ("and also", "as well as")
_SIDE_MARKS: tuple[tuple[str, ...], ...] = (
    ("also",), ("still",), ("as", "well"), ("on", "the", "side"), ("in", "addition"),
    ("additionally",), ("on", "top", "of", "that"), ("besides",), ("aswell",),
    ("helped",), ("part", "of", "the"), ("part", "of", "a"), ("sit", "on"), ("sits", "on"),
    ("chunk", "of"), ("a", "bit", "of"),  # "a chunk of our tutorials is me showing them"
)
_SIDE_AT_END: tuple[tuple[str, ...], ...] = (("too",), ("as", "well"), ("aswell",))
# "a large part of the guidance", "a big chunk of my week" are a share of the work, not a place
# on a team or a small part of it.
_PORTIONS = frozenset({"large", "big", "small", "huge", "good", "major", "main", "biggest",
                       "largest", "greater", "significant"})
# Time kept apart from the main job ("in my spare time", "on my research days", "Saturdays I
# locum", "for my masters", "just a side project"): the work said with them is extra. Near the
# end of a clause they mark the whole clause ("I built a model for my masters").
_SIDE_TIMES: tuple[tuple[str, ...], ...] = (
    ("spare",), ("own", "time"), ("free", "time"), ("research", "day"), ("research", "days"),
    ("side", "project"), ("for", "my", "masters"), ("for", "my", "md"), ("for", "my", "phd"),
    ("for", "my", "msc"), ("for", "my", "dissertation"), ("for", "my", "project"),
    ("at", "weekends"), ("at", "the", "weekend"), ("weekends",), ("saturdays",), ("sundays",),
    ("evenings",), ("alongside", "that"), ("alongside", "this"), ("separately",),
    ("outside", "work"), ("outside", "of", "work"),
)
_SIDE_TAIL = 5  # a time marker this near the end of a clause marks all of it


def side_from(words: Sequence[str], opener: str = "") -> int | None:
    """Where in a clause the extra part of someone's work starts (a token index), or None.

    A clause opened by "and also", or ending on "too" / "as well", is extra as a whole;
    otherwise the extra part starts at the first marker ("I've also been asked to ...").
    """
    if opener.endswith(SIDE_OPENERS):
        return 0
    lowered = [w.lower() for w in words]
    if any(tuple(lowered[-len(m):]) == m for m in _SIDE_AT_END):
        return 0
    for i in range(len(lowered)):
        for mark in _SIDE_MARKS:
            if tuple(lowered[i:i + len(mark)]) == mark and not (
                    mark[0] in ("part", "chunk") and i > 0 and lowered[i - 1] in _PORTIONS):
                return i
        for mark in _SIDE_TIMES:
            if tuple(lowered[i:i + len(mark)]) == mark:
                opened = _opened_side_time(lowered)
                if opened is not None:
                    return opened  # "..., and in my own time | I'm building": what follows
                return 0 if i >= len(lowered) - _SIDE_TAIL else i
    return None


_TIME_SETTING = frozenset({"my", "in", "on", "at", "during", "for", "the", "of"})


def _opened_side_time(lowered: Sequence[str]) -> int | None:
    """Where a clause ends by opening a time kept apart ("..., and in my own time"), the index
    of the "and" that opens it, or None."""
    for mark in _SIDE_TIMES:
        if tuple(lowered[-len(mark):]) == mark:
            j = len(lowered) - len(mark)
            while j > 0 and lowered[j - 1] in _TIME_SETTING:
                j -= 1
            if j > 0 and lowered[j - 1] in ("and", "then", "but"):
                return j - 1
    return None


def opens_side_time(words: Sequence[str]) -> bool:
    """ "MHRA assessor, and in my own time | I'm building a model": the next clause is the
    extra part of the work."""
    return _opened_side_time([w.lower() for w in words]) is not None


def sets_the_time(words: Sequence[str]) -> bool:
    """A clause that only says when or beside what ("on my research days", "alongside that"):
    what the next clause says is done then."""
    return bool(words) and len(words) <= 6 and words[0] in (
        "on", "in", "at", "for", "during", "alongside", "outside", "separately", "besides")


# --- stems -------------------------------------------------------------------------------------

_IRREGULAR: dict[str, str] = {
    "built": "build", "made": "make", "wrote": "write", "written": "write", "ran": "run",
    "running": "run", "led": "lead", "bought": "buy", "taught": "teach", "did": "do",
    "done": "do", "does": "do", "doing": "do", "got": "get", "used": "use", "using": "use",
    "uses": "use", "sat": "sit", "sits": "sit", "sitting": "sit", "went": "go", "goes": "go",
    "gone": "go", "going": "go", "embeds": "embed",
    "children": "child", "women": "woman", "men": "man", "people": "person",
    "midwives": "midwife", "data": "data", "analyses": "analysis", "diagnoses": "diagnosis",
    "kept": "keep", "brought": "bring", "chose": "choose", "chosen": "choose",
    "spent": "spend", "sent": "send", "met": "meet", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "saw": "see", "seen": "see", "knew": "know",
    "programmes": "programme",  # a programme of work is not programming
}
_NO_STEM = frozenset({"this", "thus", "its", "has", "was", "his", "yes", "does", "less", "plus",
                      "bus", "gas", "nhs", "nhse", "news", "always", "perhaps", "series",
                      "species", "embed", "need", "feed", "seed", "speed", "bed", "red",
                      "programme"})
_STEM_RULES: tuple[tuple[str, str], ...] = (
    ("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""),
)
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, consistent stem so plurals and verb forms meet: models/model, labelling/label,
    validated/validate, images/imaging. Both the lexicon and the text go through it, so it only
    has to be consistent, not linguistically right."""
    word = _IRREGULAR.get(word, word)
    if len(word) <= 3 or word in _NO_STEM or not word.isalpha():
        return word
    for suffix, repl in _STEM_RULES:
        if word.endswith(suffix) and len(word) - len(suffix) + len(repl) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            if suffix == "es" and word.endswith("ees"):
                continue  # "trainees" is a trainee, not "train"
            if suffix in ("ing", "ed") and not _VOWELS.intersection(word[: -len(suffix)]):
                continue  # "spring" is not "spr" (a specialist registrar), nor "shred" "shr"
            return _tidy(word[: -len(suffix)] + repl)
    return _tidy(word)


def _tidy(base: str) -> str:
    """Drop a final silent "e" and undouble a final consonant (label/labell, code/cod)."""
    if len(base) > 3 and base.endswith("e"):
        base = base[:-1]
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in _VOWELS:
        base = base[:-1]
    return base


# --- typo tolerance ----------------------------------------------------------------------------

# A word this common in English (Zipf scale, by wordfreq: 3 is once in a million words) is
# meant as written, never a typo of a lexicon word ("close" is not "chose", "being" not
# "bring"); the misspellings staff make are rarer.
KNOWN_WORD = 3.0
MAX_FUZZY_LENGTH = 24  # longer "words" are pasted junk, not typos; leave them alone


def allowed_distance(word: str) -> int:
    """How many typos a word may carry and still count: none under 5 letters, one from 5,
    two from 9."""
    if len(word) >= 9:
        return 2
    return 1 if len(word) >= 5 else 0


# Ordinary but rarer words one or two edits from a lexicon word that must never be "corrected"
# to it (decoded/decided, mentored/monitored); commoner ones are known by KNOWN_WORD. Found by
# running a large English corpus through the matcher.
NO_FUZZ = frozenset({
    "approvers", "decoded", "decodes", "ingesting", "insertions", "inverting", "invocation",
    "iterating", "mentored", "parametric", "pivoting", "reverting", "rewording",
})


@dataclass
class FuzzyIndex:
    """Finds vocabulary words within a typo or two of a word (optimal-string-alignment
    distance, so a swapped pair of letters counts once, as in "radiograhper"), by rapidfuzz.

    Candidates must share the first letter: people rarely mistype it, while real words that
    happen to sit one edit from a lexicon word often differ there (found/round, match/watch).
    """

    vocabulary: frozenset[str]
    _by_initial: dict[str, tuple[str, ...]]
    _cache: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, vocabulary: Iterable[str]) -> FuzzyIndex:
        vocab = frozenset(w for w in vocabulary if len(w) >= 4 and w.isalpha())
        by_initial: dict[str, list[str]] = {}
        for word in sorted(vocab):
            if len(word) >= 5:  # shorter words are too easily reached by accident
                by_initial.setdefault(word[0], []).append(word)
        return cls(vocab, {k: tuple(v) for k, v in by_initial.items()}, {})

    def lookup(self, word: str) -> tuple[str, ...]:
        """Vocabulary words closest to `word` within its allowed distance; () if none or if the
        word is itself known, short, numeric or a protected ordinary word."""
        if word in self._cache:
            return self._cache[word]
        found: tuple[str, ...] = ()
        limit = allowed_distance(word)
        if (limit and len(word) <= MAX_FUZZY_LENGTH and word.isalpha()
                and word not in self.vocabulary and word not in NO_FUZZ
                and zipf_frequency(word, "en", wordlist="small") < KNOWN_WORD):
            found = self._closest(word, limit)
        if len(self._cache) < 100_000:
            self._cache[word] = found
        return found

    def _closest(self, word: str, limit: int) -> tuple[str, ...]:
        near = process.extract(word, self._by_initial.get(word[0], ()), scorer=OSA.distance,
                               score_cutoff=limit, limit=None)
        if not near:
            return ()
        best = min(distance for _, distance, _ in near)
        return tuple(sorted(candidate for candidate, distance, _ in near if distance == best))


def strict_typo(word: str, candidate: str) -> bool:
    """A correction safe enough to stand alone (not inside a longer phrase): a longer word that
    keeps its first and last letters, as in "radiograper" for "radiographer"."""
    return len(word) >= 7 and word[0] == candidate[0] and word[-1] == candidate[-1]


# --- negation ----------------------------------------------------------------------------------

NEGATORS = frozenset({"not", "never", "no", "without", "none", "neither", "nor", "nothing",
                      "nobody", "nowhere", "formerly", "previously", "former", "ex"})
# "not only", "not just", "not sure": the word after a negator that cancels it.
_NOT_NEGATING_NEXT = frozenset({"only", "just", "sure", "certain", "idea", "clear", "yet",
                                "doubt", "bad", "problem", "matter",
                                # "no-show": a missed appointment, not a denial
                                "show", "shows", "showed"})
NEGATION_WINDOW = 5


_ACCUSTOMED = frozenset({"am", "is", "are", "was", "were", "be", "been", "get", "got", "getting"})


def _past_habit(tokens: Sequence[Token], i: int) -> bool:
    """ "I used to build models" is about the past (but "I am used to it" is not)."""
    return (
        tokens[i].text == "used"
        and i + 1 < len(tokens)
        and tokens[i + 1].text == "to"
        and (i == 0 or tokens[i - 1].text not in _ACCUSTOMED)
    )


def _contrast_pair(tokens: Sequence[Token], i: int) -> bool:
    """ "where we will and will not use AI", "whether or not": both sides, so no denial."""
    before = [t.text for t in tokens[max(0, i - 3):i]]
    if before[-2:] == ["whether", "or"]:
        return True
    return len(before) == 3 and before[1] in ("and", "or") and before[0] == before[2]


# "I don't think | I'm a Driver": a denied opinion that ends its clause denies the next one.
_OPINIONS = frozenset({"think", "say", "believe", "reckon", "consider", "feel", "call"})


def denies_what_follows(clause: Sequence[Token]) -> bool:
    """Whether a clause is a denied opinion ("I wouldn't say", "I don't think") that carries
    its "not" into the clause after it."""
    return bool(clause) and clause[-1].text in _OPINIONS and negated(clause, len(clause) - 1)


def negated(tokens: Sequence[Token], start: int, window: int = NEGATION_WINDOW) -> bool:
    """True when a negator sits within `window` words before tokens[start] in the same clause.

    Past roles count as negated ("I used to be a data scientist", "formerly a CCIO"), and
    "no," at the start of a reply is an interjection, not a negation of what follows.
    """
    for i in range(max(0, start - window), start):
        tok = tokens[i]
        if _past_habit(tokens, i):
            return True
        if tok.text not in NEGATORS:
            continue
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if nxt in _NOT_NEGATING_NEXT or _contrast_pair(tokens, i):
            continue
        if tok.text == "no" and tok.comma:
            continue
        if _scope_ended(tokens, i, start) or _checked_for(tokens, i):
            continue
        return True
    return False


# "to make sure noise and resolution haven't drifted", "checking it doesn't miss any": what a
# check looks for, not a denial of the work.
_MAKING_SURE = frozenset({"sure", "ensure", "ensuring", "ensures", "whether", "check", "checks",
                         "checking", "verify", "verifying"})
CHECKED_REACH = 6  # words from the check to the negator


def _checked_for(tokens: Sequence[Token], i: int) -> bool:
    """Whether the negator at `i` says what a check looks for."""
    return any(t.text in _MAKING_SURE for t in tokens[max(0, i - CHECKED_REACH):i])


# "no" and "without" deny the noun after them, and a preposition ends that noun: in "no AI
# in our contracts yet" the contracts are not denied, only the AI.
_NOUN_NEGATORS = frozenset({"no", "without", "none"})
_SCOPE_ENDS = frozenset({"in", "on", "at", "for", "within", "across", "from", "into", "to",
                         "with"})


def _scope_ended(tokens: Sequence[Token], i: int, start: int) -> bool:
    if tokens[i].text not in _NOUN_NEGATORS or tokens[i + 1].text in ("longer", "of"):
        return False
    return any(t.text in _SCOPE_ENDS for t in tokens[i + 1:start])


# --- which part of the work comes first ------------------------------------------------------

# Words saying which of someone's jobs comes first ("mainly I'm still a secretary", "I'm more of
# a Driver", "most of my week goes on writing the model code").
MAINLY = frozenset({"mainly", "mostly", "primarily", "predominantly", "chiefly"})
_MAIN_PHRASES: tuple[tuple[str, ...], ...] = (
    ("more", "of", "a"), ("more", "of", "an"), ("really", "a"), ("really", "an"),
    ("actually", "a"), ("actually", "an"), ("my", "bit", "is"),
)
MAIN_SPANS = frozenset({"job", "week", "time", "work", "role", "day", "days", "hours"})


# "it's on in my clinics all day", "most days I'm working from its summaries": the weight of
# the working day, said of the work beside it.
_ALL_DAY: tuple[tuple[str, ...], ...] = (("all", "day"), ("all", "week"), ("all", "shift"),
                                         ("most", "days"), ("most", "weeks"),
                                         ("all", "the", "time"))


def day_marks(words: Sequence[str]) -> list[int]:
    """Token positions that weigh the work beside them as the bulk of the day."""
    return [i for i in range(len(words))
            if any(tuple(words[i:i + len(p)]) == p for p in _ALL_DAY)]


def main_marks(words: Sequence[str]) -> list[int]:
    """Token positions where someone says which part of their work comes first."""
    return [i for i, w in enumerate(words)
            if w in MAINLY
            or any(tuple(words[i:i + len(p)]) == p for p in _MAIN_PHRASES)
            or (words[i:i + 3] == ["most", "of", "my"] and i + 3 < len(words)
                and words[i + 3] in MAIN_SPANS)]


# --- checking a tool's figures at intervals ------------------------------------------------------

# "once a quarter I pull the recall rates", "the monthly review of its alerts and incidents",
# "check its flags against our records for three months": looking at how a tool does, at
# intervals or over a set period, rather than at one output at a time.
_PERIODS = frozenset({"week", "weeks", "month", "months", "quarter", "quarters", "fortnight"})
_EVERY = frozenset({"every", "evry", "each", "once", "twice", "per", "for"})
_PERIODIC = frozenset({"weekly", "monthly", "quarterly", "fortnightly"})
_REVIEWS = frozenset({"check", "checks", "review", "reviews", "audit", "audits", "report",
                      "meeting"})
# Words for a tool's results taken together (its figures, errors, incidents, how it performs)
# or checked against something else: the start of each word is enough ("misses", "misrouted",
# "mistakes", "performing").
_FIGURES = ("figure", "number", "rate", "error", "mis", "incident", "complain",
            "wrong", "accura", "perform", "statistic", "stats", "against", "compar", "audit",
            "false")
_HOW = frozenset({"much", "many", "often", "well", "closely", "accurate", "good"})  # "how many"
# "whether they are right", "if it was correct": asking whether a tool's results hold up.
_BEING = frozenset({"is", "are", "was", "were"})
_CORRECT = frozenset({"right", "correct"})  # "accurate", "wrong" are figures already
# "whether it is picking up real falls": asking whether a tool does its job.
_PERFORMING = frozenset({"picking", "catching", "missing", "spotting", "finding", "working",
                         "detecting", "getting"})
PERIOD_REACH = 3  # words before the period noun where "every" or "once" may sit


def checks_over_time(words: Sequence[str]) -> int | None:
    """Where a clause speaks of looking at a tool's figures at intervals (a token index), or
    None: a period ("every month", "once a quarter", "for the first month") with its figures,
    errors or a comparison in the same clause, or a periodic review named ("the monthly
    check"). Looking at each output as it comes ("every day", "every scan") is not this."""
    lowered = [w.lower() for w in words]
    for i, w in enumerate(lowered):
        named = w in _PERIODIC and i + 1 < len(lowered) and lowered[i + 1] in _REVIEWS
        timed = w in _PERIODIC or (
            w in _PERIODS and _EVERY.intersection(lowered[max(0, i - PERIOD_REACH):i]))
        if named or (timed and (_speaks_of_figures(lowered) or _checks_the_tool(lowered))):
            return i
    return None


QUESTION_REACH = 3  # words from the checking verb to "whether" ("checking every month whether")
# Verbs of checking or testing a tool, as stems: "checked", "tested", "compared", "validating".
CHECK_STEMS = frozenset(stem(w) for w in ("check", "test", "compare", "validate", "verify",
                                           "audit", "review", "trial", "recheck", "retest"))


def _checks_the_tool(lowered: Sequence[str]) -> bool:
    """ "checks it each month", "I test them every quarter", "checking every month whether
    its predictions match": a verb of checking whose object is the tool itself, or whether
    what it puts out holds up, at intervals, is looking at how it does."""
    for j, w in enumerate(lowered[:-1]):
        if stem(w) not in CHECK_STEMS:
            continue
        if lowered[j + 1] in ("it", "them"):
            return True
        asked = next((k for k in range(j + 1, min(len(lowered), j + 1 + QUESTION_REACH))
                      if lowered[k] in ("whether", "if")), None)
        if asked is not None and lowered[asked + 1:asked + 2] in (["it"], ["its"]):
            return True
    return False


def _speaks_of_figures(lowered: Sequence[str]) -> bool:
    """ "its error figures", "how many it missed", "how much time it saves", "false alarms",
    "to see if they're right", "whether it is picking up real falls"."""
    return any(w.startswith(_FIGURES) for w in lowered) or any(
        w in _BEING and lowered[j + 1] in _CORRECT or _asks_how_it_does(lowered, j)
        for j, w in enumerate(lowered[:-1]))


def _asks_how_it_does(lowered: Sequence[str], j: int) -> bool:
    """ "how often ...", "how many ...", "whether it is missing people" at token `j`."""
    w = lowered[j]
    return (w == "how" and j + 1 < len(lowered) and lowered[j + 1] in _HOW
            or w in ("whether", "if") and lowered[j + 1:j + 3] in (["it", "is"], ["it", "was"])
            and j + 3 < len(lowered) and lowered[j + 3] in _PERFORMING)


# "check how well the bought-in risk tool performs on our own patients": asking how well a
# named tool does its job, at any length between, is judging its performance.
_HOW_WELL = frozenset({"well", "accurately", "reliably", "safely"})
_PERFORMS = ("perform", "work", "does", "do")
HOW_WELL_REACH = 8  # words between "how well" and the verb of performing


# "I chair the group that reviews how often its alerts are acted on": a verb of looking into
# something, just before a question about how a tool does, is judging it.
_LOOKING_INTO = CHECK_STEMS | frozenset(stem(w) for w in (
    "look", "see", "find", "track", "measure", "assess", "evaluate", "watch", "examine"))
LOOKING_REACH = 2  # words from that verb to the question ("review at how often")


def asks_how_well(words: Sequence[str]) -> int | None:
    """Where a clause asks how well something performs ("how well the tool performs", "how
    accurately it works"), or looks into how it does ("reviews how often its alerts are acted
    on", "checks whether it is missing people"), as the token index of "how" (or "whether"),
    or None."""
    lowered = [w.lower() for w in words]
    for i, w in enumerate(lowered[:-2]):
        if w == "how" and lowered[i + 1] in _HOW_WELL and any(
                v.startswith(_PERFORMS) for v in lowered[i + 2:i + 2 + HOW_WELL_REACH]):
            return i
        if _asks_how_it_does(lowered, i) and any(
                stem(v) in _LOOKING_INTO for v in lowered[max(0, i - LOOKING_REACH - 1):i]):
            return i
    return None


# --- testing a tool on past cases ---------------------------------------------------------------

# "checking the frames it flags against what our nurse readers found on old cases", "scoring 100
# old studies by hand and lining them up against what it auto-scored": checking a tool against
# a set of past cases, or against work done by hand, is testing it, not reading one output for
# one patient.
_PAST = frozenset({"old", "past", "historic", "historical", "retrospective", "previous",
                   "archived", "last"})
_CASES = ("case", "stud", "sampl", "report", "scan", "imag", "referral", "record", "film",
          "slide", "call", "request", "episode", "patient", "result")
_LINING_UP = frozenset(stem(w) for w in ("line", "lining", "match", "benchmark", "score",
                                         "grade", "rate", "rating"))
PAST_REACH = 2  # words from "old" to what is old ("old solved cases")
# Words that set two sets of results side by side ("to see if its scores match ours").
_SIDE_BY_SIDE = frozenset(stem(w) for w in ("match", "agree", "compare", "against", "versus"))


def checks_on_past_cases(words: Sequence[str]) -> int | None:
    """Where a clause checks or lines up a tool's results against past cases or work done by
    hand, or does work by hand to set beside the tool's (the token index of the checking
    verb), or None."""
    lowered = [w.lower() for w in words]
    verb = next((i for i, w in enumerate(lowered)
                 if stem(w) in CHECK_STEMS or stem(w) in _LINING_UP), None)
    if verb is None:
        return None
    past = any(w in _PAST and any(v.startswith(_CASES) for v in lowered[i + 1:i + 1 + PAST_REACH])
               for i, w in enumerate(lowered))
    by_hand = any(lowered[i:i + 2] == ["by", "hand"] for i in range(len(lowered) - 1))
    against = "against" in lowered[verb:]
    side_by_side = any(stem(w) in _SIDE_BY_SIDE for w in lowered[verb + 1:])
    return verb if (past or by_hand) and (against or by_hand and (past or side_by_side)) \
        else None


# --- keeping a record of what a tool gets wrong -------------------------------------------------

# "I keep a log of the howlers it produces", "every friday I send them a list of the ones it had
# badly wrong", "write down where it gets things wrong": recording or passing on a tool's
# mistakes is feeding its monitoring, whatever the words. A verb of recording or sending, then a
# word for being wrong, in the same clause.
_RECORDING = frozenset(stem(w) for w in (
    "log", "note", "record", "write", "send", "report", "share", "feed", "collect", "list",
    "track", "tally", "keep", "datix", "email", "forward", "raise", "flag", "chase"))
_WRONG = frozenset({"wrong", "wrongly", "rubbish", "howler", "howlers", "mistake", "mistakes",
                    "error", "errors", "missed", "misses", "incorrect", "inaccurate", "nonsense",
                    "garbage", "hallucination", "hallucinations", "haywire", "wonky",
                    "glitch", "glitches", "glitchy"})
_WRONG_PAIRS = (("miles", "out"), ("way", "out"), ("badly", "off"), ("way", "off"),
                ("miles", "off"), ("playing", "up"), ("acting", "up"))
# "misclassifies", "misread", "misrouted": a verb for getting one wrong, by its start.
_WRONG_STARTS = ("misclassif", "misread", "misidentif", "mislabel", "misrout", "misdiagnos",
                 "miscod", "misinterpret", "mistranscrib")
# A tool's wrong outputs by their usual names: said of an alerting tool even without "it".
_FALSE_OUTPUTS = frozenset({"alarm", "alarms", "alert", "alerts", "positive", "positives",
                           "negative", "negatives", "flag", "flags"})
RECORDING_REACH = 14  # words from the verb to the word for being wrong
_WHEN_WRONG = frozenset({"when", "whenever", "if"})


def _names_false_outputs(lowered: Sequence[str], i: int) -> bool:
    """ "false alarms", "false positives", "false flags" at token `i`."""
    return lowered[i] == "false" and i + 1 < len(lowered) and lowered[i + 1] in _FALSE_OUTPUTS


def records_its_errors(words: Sequence[str]) -> int | None:
    """Where a clause speaks of recording or passing on what a tool got wrong (the token index
    of the verb), or None."""
    lowered = [w.lower() for w in words]
    wrong = [i for i, w in enumerate(lowered) if w in _WRONG or w.startswith(_WRONG_STARTS)
             or tuple(lowered[i:i + 2]) in _WRONG_PAIRS or _names_false_outputs(lowered, i)]
    # "when it's way out I write it in the log": the error said first, in a clause of when
    times = [k for k, w in enumerate(lowered) if w in _WHEN_WRONG]
    for i, w in enumerate(lowered):
        if stem(w) in _RECORDING and any(
                i < j <= i + RECORDING_REACH
                or any(k < j < i and i - k <= RECORDING_REACH for k in times) for j in wrong):
            return i
    return None


# --- working on what a tool puts out ------------------------------------------------------------

# "the pairs it suggests", "the ones it can't place", "the notes it writes": things named as the
# tool's output. "it" after such a noun, and a verb after "it", say so; words that make "it" the
# object or a filler ("as it is", "when it", "what it") do not.
_NOT_OUTPUT_BEFORE = frozenset({"is", "was", "as", "this", "its", "does", "has", "makes",
                                "thinks", "says", "means", "takes", "gets", "unless", "whether"})
_NOT_OUTPUT_AFTER = frozenset({"is", "was", "has", "had", "and", "to", "in", "on", "for", "with",
                               "up", "out", "off", "right", "wrong", "the", "a", "an",
                               # what a tool takes in or rests on: "the algorithms it runs on"
                               "runs", "uses", "needs", "relies", "depends", "learns", "reads",
                               # "what it does": how it works, not what it puts out
                               "does", "did", "means"})


# Words for whatever a tool hands over ("the ones it can't place", "anything it cannot read",
# "working from what it produces").
_WHATEVER = frozenset({"ones", "anything", "everything", "whatever", "what"})
# What a tool hands over to be worked through, named in the singular ("the worklist it builds").
_ONE_OUTPUT = frozenset({"dashboard", "list", "worklist", "queue", "summary", "draft", "forecast",
                         "rating", "score"})
# "I read its alerts every morning", "my team works through its suggested matches": a verb of
# working through things, then the tool's own outputs ("its" and a plural noun).
_WORKING_THROUGH = frozenset(stem(w) for w in (
    "read", "go", "goes", "going", "went", "work", "look", "act", "run", "running", "use",
    "plan", "pick", "clear", "process", "follow", "chase", "action", "sort", "triage"))
WORKING_REACH = 3  # words from that verb to "its" ("go through all of its")
ITS_REACH = 3  # words from "its" to the plural it owns ("its month-end projections")
# "I work the queue", "I go down the list", "I work from the ranked list", "I look at the
# alerts": the same verbs, then a thing a tool hands over, named with "the", "its", "down",
# "from", "off" or "at".
_HANDED_OVER = frozenset({"queue", "queues", "list", "lists", "worklist", "worklists", "alerts",
                          "flags", "suggestions", "drafts", "matches", "predictions"})
_BEFORE_OUTPUT = frozenset({"the", "its", "down", "through", "from", "off", "at"})
HANDED_REACH = 5  # words from the verb to the thing handed over ("work the Demand Logic alerts")


def works_on_outputs(words: Sequence[str]) -> int | None:
    """Where a clause names things a tool put out ("going through the pairs it suggests",
    "I route the ones it can't place", "I read its alerts"), as the token index of "it" (or
    "its"), or None. Before "it" comes "ones", a plural or a thing handed over to be worked
    through; after it, a verb of the tool's. "its" takes a plural after it and a verb of
    working through before it. Or a verb of working through, then "the" (or "its", "down")
    and, a few words on, a thing a tool hands over ("I work the queue", "I triage the lists"):
    the token index of that thing."""
    lowered = [w.lower() for w in words]
    for i in range(1, len(lowered) - 1):
        before, after = lowered[i - 1], lowered[i + 1]
        owns_plural = lowered[i] == "its" and any(
            _plural(w) for w in lowered[i + 1:i + 1 + ITS_REACH])
        if owns_plural and any(
                stem(w) in _WORKING_THROUGH for w in lowered[max(0, i - WORKING_REACH):i]):
            return i
        if lowered[i] != "it" or before in _NOT_OUTPUT_BEFORE or after in _NOT_OUTPUT_AFTER:
            continue
        if (before in _WHATEVER or before in _ONE_OUTPUT or _plural(before)) and (
                after.endswith("s") or after in ("can", "cannot", "could", "will", "would")):
            return i
    for i in range(1, len(lowered)):
        # "I work the queue the autoverification holds back", "I triage the Exomiser lists"
        if lowered[i] in _HANDED_OVER and any(
                stem(w) in _WORKING_THROUGH and lowered[j + 1] in _BEFORE_OUTPUT
                for j, w in enumerate(lowered[max(0, i - HANDED_REACH):i - 1],
                                      start=max(0, i - HANDED_REACH))):
            return i
    return None


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss")


# --- the archetypes' own names ---------------------------------------------------------------

ARCHETYPE_NAMES: dict[str, str] = {  # the name's stem -> archetype key
    "shaper": "shapers", "driver": "drivers", "creator": "creators", "embedder": "embedders",
    "user": "users",
}


def archetype_names(text: str, *, proper_only: bool = False) -> list[str]:
    """The archetypes a text names ("Creator", "embedders", the typo "embeder"), in order of
    first mention.

    `proper_only` keeps only names written with a capital, as the framework writes them: in a
    job description a lower-case "driver" or "user" is an ordinary word ("ambulance driver").
    """
    tokens = tokenise(text)
    return list(dict.fromkeys(key for _, key in _mentions(text, tokens, proper_only)))


def named_archetypes(text: str, *, proper_only: bool = False) -> dict[str, str]:
    """What a person says about the archetypes they name, clause by clause, as answers:
    "no" when the name is negated ("I'm not a Shaper"), "primary" when marked as their main
    work ("I'm more of a Driver"), otherwise "yes"."""
    said: dict[str, str] = {}
    before: list[Token] = []
    for clause in split_clauses(text):
        tokens = tokenise(clause.text)
        said.update(names_in_clause(clause.text, tokens, before, proper_only=proper_only))
        before = tokens
    return said


def names_in_clause(text: str, tokens: Sequence[Token], before: Sequence[Token] = (), *,
                    proper_only: bool = False) -> dict[str, str]:
    """`named_archetypes` for one clause already tokenised, `before` being the clause before
    it (whose "I don't think" may deny this one)."""
    mentions = _mentions(text, tokens, proper_only)
    if not mentions:
        return {}
    marked = bool(main_marks([t.text for t in tokens]))
    said = {}
    for at, key in mentions:
        denied = negated(tokens, at) or denies_what_follows(before)
        said[key] = "no" if denied else "primary" if marked else "yes"
    return said


def _mentions(text: str, tokens: Sequence[Token], proper_only: bool) -> list[tuple[int, str]]:
    """(token index, archetype key) for each archetype name among `tokens`, read from `text`."""
    found = []
    for i, token in enumerate(tokens):
        key = _archetype_key(stem(token.text))
        if key and (not proper_only or text[token.start:token.start + 1].isupper()):
            found.append((i, key))
    return found


@lru_cache(maxsize=4096)
def _archetype_key(word_stem: str) -> str | None:
    """The archetype a word's stem names, forgiving a typo that keeps the first and last
    letters ("embeder", "shapper"), never a near word such as "driven"."""
    if word_stem in ARCHETYPE_NAMES:
        return ARCHETYPE_NAMES[word_stem]
    near = process.extractOne(word_stem, list(ARCHETYPE_NAMES), scorer=OSA.distance,
                              score_cutoff=1)
    if near and strict_typo(word_stem, near[0]):
        return ARCHETYPE_NAMES[near[0]]
    return None


# --- first to second person --------------------------------------------------------------------

_APOS = "['\u2019]"
_PERSON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), repl)
    for pattern, repl in (
        (rf"\bi{_APOS}m\b", "you're"), (r"\bim\b", "you're"), (r"\bi am\b", "you are"),
        (rf"\bi{_APOS}ve\b", "you've"), (r"\bive\b", "you've"), (rf"\bi{_APOS}ll\b", "you'll"),
        (rf"\bi{_APOS}d\b", "you'd"), (r"\bi was\b", "you were"),
        (r"\bi\b(?!\.\w)", "you"), (r"\bme\b", "you"), (r"\bmyself\b", "yourself"),
        (r"\bmy\b", "your"), (r"\bmine\b", "yours"),
        (rf"\bwe{_APOS}re\b", "you're"), (rf"\bwe{_APOS}ve\b", "you've"),
        (rf"\bwe{_APOS}ll\b", "you'll"), (rf"\bwe{_APOS}d\b", "you'd"),
        (r"\bwe\b", "you"), (r"\bus\b", "you"), (r"\bourselves\b", "yourselves"),
        (r"\bours\b", "yours"), (r"\bour\b", "your"),
    )
)
_PERSON_RE = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _PERSON_RULES), re.IGNORECASE)


def to_second_person(clause: str) -> str:
    """Rewrite a quoted clause as said back to the person:
    "I run local validation" -> "you run local validation"; "my team" -> "your team"."""

    def swap(m: re.Match[str]) -> str:
        for pattern, repl in _PERSON_RULES:
            if pattern.fullmatch(m.group()):
                return repl
        return m.group()

    return _PERSON_RE.sub(swap, clause)
