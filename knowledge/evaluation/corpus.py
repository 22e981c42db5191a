"""How well Pathfinder places staff it has never seen: the workforce corpus, simulated.

Each case in `tests/knowledge/corpus/` is one person's description of their job and the
archetypes they hold. The evaluation plays the conversation the bot would have: the
description is the first turn; while the screening policy (knowledge.engines.screening) wants
another question, the simulated person answers it truthfully from the case's labels ("yes" for an
archetype they hold, "no" otherwise); the result is the profile the bot shows once the
questions stop (knowledge.engines.screening.settle). The figures are reported for the tuning and
held-out halves of the split, by staff group and by register.

Pure: it reads YAML files and a lexicon, and returns records; printing is the caller's job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Extra, Field, ValidationError, validator

from knowledge.engines.identify import CompiledLexicon, compile_lexicon, identify
from knowledge.engines.screening import question_to_ask, settle
from knowledge.engines.views import ARCHETYPE_KEYS, ArchetypeProfile, Lexicon

DEFAULT_CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "knowledge" / "corpus"
SPLIT_FILE = "split.yml"
HALVES: tuple[str, ...] = ("tuning", "heldout")
HALF_NAMES: dict[str, str] = {"tuning": "Tuning half", "heldout": "Held-out half"}
# How a message is written (see the corpus README for what each means).
REGISTERS: tuple[str, ...] = (
    "formal", "informal", "one_word", "typos", "no_punctuation", "no_ai_yet", "future_use",
    "curious", "several_roles",
)
NOTHING = "none"  # the predicted main archetype when the result holds none

# What the held-out half must reach (issue 10), and the least the corpus must hold.
TARGET_TOP1 = 0.95
TARGET_SECONDARY = 0.95
TARGET_MEAN_TURNS = 1.8
# The held-out secondary figure reached so far, short of its target: a change that places
# unseen staff worse than this fails the suite while the target is still being worked towards.
# Raise it as the figure improves; drop it once the target is met.
FLOOR_SECONDARY = 0.91
MIN_CASES = 400
MIN_ROLES = 150




def targets_met(figures: Figures) -> dict[str, bool]:
    """Which held-out targets a set of figures reaches, by the name the docs use."""
    return {
        "top-1": figures.top1 >= TARGET_TOP1,
        "secondary in top two": (figures.secondary or 0.0) >= TARGET_SECONDARY,
        "mean turns": figures.mean_turns <= TARGET_MEAN_TURNS,
    }


# --- the corpus --------------------------------------------------------------------------------

class CorpusError(Exception):
    """The corpus cannot be read; every problem found is listed, one a line."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _CaseModel(BaseModel, extra=Extra.forbid):
    id: str
    role: str
    register_: str = Field(alias="register")
    text: str
    archetypes: list[str]

    @validator("id", "role", "text")
    def _not_blank(cls, value: str) -> str:  # noqa: N805
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @validator("register_")
    def _known_register(cls, value: str) -> str:  # noqa: N805
        if value not in REGISTERS:
            raise ValueError(f"unknown register '{value}' (one of: {', '.join(REGISTERS)})")
        return value

    @validator("archetypes")
    def _known_archetypes(cls, value: list[str]) -> list[str]:  # noqa: N805
        if not value:
            raise ValueError("must list at least one archetype, the main one first")
        unknown = [v for v in value if v not in ARCHETYPE_KEYS]
        if unknown:
            known = ", ".join(ARCHETYPE_KEYS)
            raise ValueError(f"unknown archetype(s) {unknown} (one of: {known})")
        if len(set(value)) != len(value):
            raise ValueError("lists an archetype twice")
        return value


class _FileModel(BaseModel, extra=Extra.forbid):
    group: str
    cases: list[dict[str, Any]]


class _SplitModel(BaseModel, extra=Extra.forbid):
    tuning: list[str]
    heldout: list[str]


@dataclass(frozen=True)
class Case:
    id: str
    group: str
    role: str
    register: str
    text: str
    archetypes: tuple[str, ...]  # main first


@dataclass(frozen=True)
class Corpus:
    cases: tuple[Case, ...]
    split: dict[str, tuple[str, ...]]  # half -> staff groups

    def half_of(self, group: str) -> str:
        return next(h for h in HALVES if group in self.split[h])

    def in_half(self, half: str) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.group in self.split[half])

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(g for h in HALVES for g in self.split[h])

    def distinct_roles(self, cases: Iterable[Case] | None = None) -> int:
        return len({" ".join(c.role.lower().split()) for c in (self.cases if cases is None
                                                                else cases)})


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        problems.append(f"{path.name}: cannot be read as YAML: {err}")
        return None


def _errors(prefix: str, err: ValidationError) -> list[str]:
    out = []
    for e in err.errors():
        where = ".".join(str(p) for p in e["loc"]).replace("register_", "register")
        out.append(f"{prefix}: {where}: {e['msg']}")
    return out


def _read_split(directory: Path, problems: list[str]) -> dict[str, tuple[str, ...]]:
    path = directory / SPLIT_FILE
    if not path.is_file():
        problems.append(f"{SPLIT_FILE}: not found in {directory}")
        return {h: () for h in HALVES}
    try:
        split = _SplitModel.parse_obj(_read_yaml(path, problems) or {})
    except ValidationError as err:
        problems.extend(_errors(SPLIT_FILE, err))
        return {h: () for h in HALVES}
    both = set(split.tuning) & set(split.heldout)
    if both:
        problems.append(f"{SPLIT_FILE}: group(s) in both halves: {', '.join(sorted(both))}")
    return {"tuning": tuple(split.tuning), "heldout": tuple(split.heldout)}


def _read_group_file(path: Path, known: set[str], problems: list[str]) -> list[Case]:
    data = _read_yaml(path, problems)
    if data is None:
        return []
    try:
        parsed = _FileModel.parse_obj(data)
    except ValidationError as err:
        problems.extend(_errors(path.name, err))
        return []
    if parsed.group != path.stem:
        problems.append(f"{path.name}: group '{parsed.group}' does not match the file name")
    if path.stem not in known:
        problems.append(f"{path.name}: group '{path.stem}' is in neither half of {SPLIT_FILE}")
    cases = []
    for index, raw in enumerate(parsed.cases):
        name = raw.get("id") if isinstance(raw, dict) and raw.get("id") else f"case {index + 1}"
        try:
            case = _CaseModel.parse_obj(raw)
        except ValidationError as err:
            problems.extend(_errors(f"{path.name}: {name}", err))
            continue
        cases.append(Case(case.id, path.stem, case.role, case.register_, case.text,
                          tuple(case.archetypes)))
    return cases


def load_corpus(directory: Path | str = DEFAULT_CORPUS_DIR) -> Corpus:
    """Read and check every `<group>.yml` against `split.yml`; raise CorpusError listing all
    problems (malformed YAML, unknown fields, registers or archetypes, duplicate ids)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CorpusError([f"corpus folder not found: {directory}"])
    problems: list[str] = []
    split = _read_split(directory, problems)
    known = {g for h in HALVES for g in split[h]}
    cases: list[Case] = []
    for path in sorted(directory.glob("*.yml")):
        if path.name != SPLIT_FILE:
            cases.extend(_read_group_file(path, known, problems))
    seen: Counter[str] = Counter(c.id for c in cases)
    problems.extend(f"case id '{k}' is used {n} times" for k, n in sorted(seen.items()) if n > 1)
    if problems:
        raise CorpusError(problems)
    return Corpus(tuple(cases), split)


# --- the simulated conversation ----------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    case: Case
    profile: ArchetypeProfile
    turns: int  # the description plus one per screening answer
    asked: tuple[str, ...]  # the questions asked, in order

    @property
    def predicted(self) -> str:
        return self.profile.primary or NOTHING

    @property
    def top1(self) -> bool:
        return self.profile.primary == self.case.archetypes[0]

    @property
    def has_secondary(self) -> bool:
        return len(self.case.archetypes) > 1

    @property
    def secondary_in_top_two(self) -> bool:
        return self.case.archetypes[1] in self.profile.archetypes[:2]

    @property
    def passed(self) -> bool:
        return self.top1 and (not self.has_secondary or self.secondary_in_top_two)


def simulate(case: Case, lexicon: Lexicon | CompiledLexicon) -> Outcome:
    """Play the bot's conversation with a person who answers every question truthfully."""
    answers: dict[str, str] = {}
    asked: list[str] = []
    profile = identify(case.text, answers, lexicon=lexicon)
    while (question := question_to_ask(profile, len(asked))) is not None:
        answers[question] = "yes" if question in case.archetypes else "no"
        asked.append(question)
        profile = identify(case.text, answers, lexicon=lexicon)
    return Outcome(case, settle(profile), 1 + len(asked), tuple(asked))


# --- the figures -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figures:
    cases: int
    top1: float
    secondary_cases: int
    secondary: float | None  # None when no case holds a second archetype
    mean_turns: float

    @classmethod
    def of(cls, outcomes: Sequence[Outcome]) -> Figures:
        n = len(outcomes)
        multi = [o for o in outcomes if o.has_secondary]
        return cls(
            cases=n,
            top1=sum(o.top1 for o in outcomes) / n if n else 0.0,
            secondary_cases=len(multi),
            secondary=sum(o.secondary_in_top_two for o in multi) / len(multi) if multi else None,
            mean_turns=sum(o.turns for o in outcomes) / n if n else 0.0,
        )


@dataclass(frozen=True)
class HalfReport:
    half: str
    figures: Figures
    roles: int
    by_group: dict[str, Figures]
    by_register: dict[str, Figures]
    confusion: dict[str, Counter[str]]  # expected main -> predicted main -> count


@dataclass(frozen=True)
class Report:
    corpus: Corpus
    halves: dict[str, HalfReport]
    tuning_failures: tuple[Outcome, ...]  # the held-out half is read only in aggregate


def _half_report(half: str, corpus: Corpus, outcomes: Sequence[Outcome]) -> HalfReport:
    mine = [o for o in outcomes if corpus.half_of(o.case.group) == half]
    by_group = {g: Figures.of([o for o in mine if o.case.group == g]) for g in corpus.split[half]}
    by_register = {r: Figures.of([o for o in mine if o.case.register == r]) for r in REGISTERS}
    confusion: dict[str, Counter[str]] = {k: Counter() for k in ARCHETYPE_KEYS}
    for o in mine:
        confusion[o.case.archetypes[0]][o.predicted] += 1
    return HalfReport(half, Figures.of(mine), corpus.distinct_roles(o.case for o in mine),
                      by_group, {r: f for r, f in by_register.items() if f.cases}, confusion)


def evaluate(corpus: Corpus, lexicon: Lexicon | CompiledLexicon) -> Report:
    """Simulate every case and gather the figures per half, group and register."""
    lex = lexicon if isinstance(lexicon, CompiledLexicon) else compile_lexicon(lexicon)
    outcomes = [simulate(case, lex) for case in corpus.cases]
    halves = {h: _half_report(h, corpus, outcomes) for h in HALVES}
    failures = tuple(o for o in outcomes
                     if corpus.half_of(o.case.group) == "tuning" and not o.passed)
    return Report(corpus, halves, failures)
