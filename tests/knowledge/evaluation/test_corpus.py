"""The workforce corpus and its gate: shape, held-out targets, and the runner itself."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.identify import CompiledLexicon, compile_lexicon
from knowledge.engines.screening import MAX_QUESTIONS
from knowledge.engines.views import STAFF_GROUPS
from knowledge.evaluation.corpus import (
    FLOOR_SECONDARY,
    HALVES,
    MIN_CASES,
    MIN_ROLES,
    REGISTERS,
    TARGET_MEAN_TURNS,
    TARGET_SECONDARY,
    TARGET_TOP1,
    Case,
    Corpus,
    CorpusError,
    Figures,
    evaluate,
    load_corpus,
    simulate,
)
from knowledge.evaluation.report import markdown


@pytest.fixture(scope="module")
def lex(store: CatalogueSnapshot) -> CompiledLexicon:
    return compile_lexicon(store.lexicon())


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def heldout(corpus: Corpus, lex: CompiledLexicon) -> Figures:
    """Only the held-out half's aggregate figures: its cases are never read one by one."""
    return evaluate(corpus, lex).halves["heldout"].figures


# --- the real corpus ---------------------------------------------------------------------------

def test_corpus_is_large_and_varied(corpus: Corpus) -> None:
    assert len(corpus.cases) >= MIN_CASES
    assert corpus.distinct_roles() >= MIN_ROLES


def test_every_staff_group_is_present(corpus: Corpus) -> None:
    present = {c.group for c in corpus.cases}
    assert set(corpus.groups) <= present, sorted(set(corpus.groups) - present)


def test_split_uses_the_lexicon_staff_groups(corpus: Corpus) -> None:
    assert sorted(corpus.groups) == sorted(STAFF_GROUPS)


def test_every_register_is_present(corpus: Corpus) -> None:
    present = {c.register for c in corpus.cases}
    assert set(REGISTERS) <= present, sorted(set(REGISTERS) - present)


# Issue 10's held-out targets not reached yet (docs/identification.md has the figures). Strict:
# once a target is reached its test passes, which fails the suite until the mark is removed.
NOT_YET_REACHED = pytest.mark.xfail(
    strict=True, reason="held-out target not reached yet (issue 10); see docs/identification.md"
)


def test_held_out_top1(heldout: Figures) -> None:
    assert heldout.cases and heldout.top1 >= TARGET_TOP1


@NOT_YET_REACHED
def test_held_out_secondary_in_top_two(heldout: Figures) -> None:
    assert heldout.secondary is not None and heldout.secondary >= TARGET_SECONDARY


def test_held_out_secondary_does_not_fall_below_that_reached(heldout: Figures) -> None:
    assert heldout.secondary is not None and heldout.secondary >= FLOOR_SECONDARY


def test_held_out_mean_turns(heldout: Figures) -> None:
    assert heldout.cases and heldout.mean_turns <= TARGET_MEAN_TURNS


# --- the runner, on a tiny corpus written here -------------------------------------------------

def write_corpus(root: Path, files: dict[str, object], split: object | None = None) -> Path:
    split = split if split is not None else {"tuning": ["alpha"], "heldout": ["beta"]}
    (root / "split.yml").write_text(yaml.safe_dump(split), encoding="utf-8")
    for name, data in files.items():
        text = data if isinstance(data, str) else yaml.safe_dump(data)
        (root / f"{name}.yml").write_text(text, encoding="utf-8")
    return root


def case(id_: str, text: str, archetypes: list[str], register: str = "formal",
         role: str | None = None) -> dict[str, object]:
    return {"id": id_, "role": role or id_, "register": register, "text": text,
            "archetypes": archetypes}


TINY = {
    "alpha": {"group": "alpha", "cases": [
        case("cso", "I'm the clinical safety officer for our AI tools.", ["embedders"]),
        case("ds", "I'm a data scientist and I train machine learning models.", ["creators"],
             register="informal"),
        case("ccio_wrong", "I'm the CCIO and I lead our AI strategy.", ["creators"]),
    ]},
    "beta": {"group": "beta", "cases": [
        case("hca", "healthcare assistant", ["users"], register="one_word"),
        case("gp_build", "GP and I also build AI models for the practice", ["users", "creators"],
             register="several_roles"),
    ]},
}


def test_tiny_corpus_loads(tmp_path: Path) -> None:
    corpus = load_corpus(write_corpus(tmp_path, TINY))
    assert [c.id for c in corpus.in_half("tuning")] == ["cso", "ds", "ccio_wrong"]
    assert corpus.half_of("beta") == "heldout"
    assert corpus.in_half("heldout")[1].archetypes == ("users", "creators")
    assert corpus.distinct_roles() == 5


@pytest.mark.parametrize("files, split, message", [
    ({"alpha": "group: alpha\ncases: [\n"}, None, "cannot be read as YAML"),
    ({"alpha": {"group": "alpha", "cases": [case("x", "t", ["wizards"])]}}, None,
     "unknown archetype"),
    ({"alpha": {"group": "alpha", "cases": [case("x", "t", [])]}}, None, "at least one"),
    ({"alpha": {"group": "alpha", "cases": [case("x", "t", ["users"], register="shouty")]}},
     None, "unknown register"),
    ({"alpha": {"group": "alpha", "cases": [{**case("x", "t", ["users"]), "colour": "red"}]}},
     None, "colour"),
    ({"alpha": {"group": "alpha", "cases": [{"id": "x", "text": "t", "register": "formal",
                                             "archetypes": ["users"]}]}}, None, "role"),
    ({"alpha": {"group": "beta", "cases": []}}, None, "does not match the file name"),
    ({"gamma": {"group": "gamma", "cases": []}}, None, "neither half"),
    ({"alpha": {"group": "alpha", "cases": [case("x", "t", ["users"]),
                                            case("x", "u", ["users"])]}}, None, "used 2 times"),
    ({}, {"tuning": ["alpha"], "heldout": ["alpha"]}, "both halves"),
    ({}, {"tuning": ["alpha"]}, "heldout"),
])
def test_malformed_corpus_is_reported_clearly(
    tmp_path: Path, files: dict[str, object], split: object | None, message: str
) -> None:
    with pytest.raises(CorpusError) as err:
        load_corpus(write_corpus(tmp_path, files, split))
    assert any(message in p for p in err.value.problems), err.value.problems


def test_missing_folder_and_split(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nowhere")
    with pytest.raises(CorpusError, match="split.yml"):
        load_corpus(tmp_path)


def test_simulation_answers_truthfully_and_stops_like_the_bot(lex: CompiledLexicon) -> None:
    thin = Case("hca", "beta", "HCA", "one_word", "healthcare assistant", ("users",))
    outcome = simulate(thin, lex)
    assert outcome.asked and outcome.asked[0] == "users"
    assert outcome.turns == 1 + len(outcome.asked) <= 1 + MAX_QUESTIONS
    assert outcome.profile.primary == "users" and outcome.top1
    clear = Case("cso", "alpha", "CSO", "formal",
                 "I'm the clinical safety officer for our AI tools.", ("embedders",))
    assert simulate(clear, lex).turns == 1


def test_simulated_no_answers_take_an_archetype_out(lex: CompiledLexicon) -> None:
    vague = Case("v", "alpha", "someone", "informal", "I work in the NHS", ("creators",))
    outcome = simulate(vague, lex)
    for asked in outcome.asked:
        held = asked in outcome.profile.archetypes
        assert held == (asked == "creators")


def test_report_figures_and_failures(tmp_path: Path, lex: CompiledLexicon) -> None:
    report = evaluate(load_corpus(write_corpus(tmp_path, TINY)), lex)
    tuning = report.halves["tuning"]
    assert tuning.figures.cases == 3 and tuning.figures.top1 == pytest.approx(2 / 3)
    assert tuning.figures.secondary is None and tuning.figures.mean_turns == 1
    assert [o.case.id for o in report.tuning_failures] == ["ccio_wrong"]
    assert tuning.confusion["creators"]["drivers"] == 1
    assert tuning.by_register["informal"].cases == 1 and "one_word" not in tuning.by_register
    heldout = report.halves["heldout"].figures
    assert heldout.cases == 2 and heldout.secondary_cases == 1
    assert set(report.halves) == set(HALVES)


def test_markdown_report_comes_from_the_figures(tmp_path: Path, lex: CompiledLexicon) -> None:
    report = evaluate(load_corpus(write_corpus(tmp_path, TINY)), lex)
    doc = markdown(report)
    assert "5 role descriptions from 5 distinct roles in 2 staff groups" in doc
    assert "| Tuning half | 3 | 66.7% |" in doc
    assert "`alpha`" in doc and "`several_roles`" in doc
    assert "ccio_wrong" not in doc  # the doc gives figures, not cases
