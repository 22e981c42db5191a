"""Tests for the text utilities (knowledge/engines/text.py)."""

from __future__ import annotations

import pytest

from knowledge.engines.text import (
    FuzzyIndex,
    allowed_distance,
    archetype_names,
    asks_how_well,
    checks_on_past_cases,
    checks_over_time,
    day_marks,
    main_marks,
    named_archetypes,
    negated,
    normalise,
    records_its_errors,
    side_from,
    split_clauses,
    stem,
    strict_typo,
    to_second_person,
    tokenise,
    unify,
    words,
    works_on_outputs,
)

# --- normalising and tokens -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I’m a CCIO", "i am a ccio"),
        ("We don't build models; we’ve bought one.", "we do not build models; we have bought one."),
        ("It's the trust's AI – really!", "it is the trust ai really!"),
        ("I can't, won't, shouldn't", "i can not, will not, should not"),
        ("dont im ive", "do not i am i have"),
        ("Chest X-ray (AI-flagged) @ 9am", "chest x ray ai flagged 9am"),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_unify_keeps_length() -> None:
    text = "I’m – “AI” ‘ok’\u00a0"
    assert len(unify(text)) == len(text)
    assert unify(text) == "I'm - \"AI\" 'ok' "


def test_tokens_point_back_into_the_text() -> None:
    text = "My team’s PACS, I don't know"
    tokens = tokenise(text)
    assert [t.text for t in tokens] == ["my", "team", "pacs", "i", "do", "not", "know"]
    spans = [text[t.start:t.end] for t in tokens]
    assert spans == ["My", "team’s", "PACS", "I", "don't", "don't", "know"]
    assert [t.comma for t in tokens][:3] == [False, False, True]


def test_words() -> None:
    assert words("I'd use it") == ["i", "would", "use", "it"]


# --- clauses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("I'm a GP. I use the AI scribe!", ["I'm a GP", "I use the AI scribe"]),
        ("I build models but I don't deploy them", ["I build models", "I don't deploy them"]),
        ("I don't build anything, I just use the tool",
         ["I don't build anything", "I just use the tool"]),
        ("Nurse; band 5\nED", ["Nurse", "band 5", "ED"]),
        ("PACS manager – I plugged it in", ["PACS manager", "I plugged it in"]),
        ("I use it and also train staff", ["I use it", "train staff"]),
        ("I build, test and validate models", ["I build, test and validate models"]),
        ("Tools e.g. Lunit and i.e. the AI", ["Tools e.g. Lunit and i.e. the AI"]),
        ("I'm a radiologist and I review scans", ["I'm a radiologist", "I review scans"]),
        ("the trust is rolling out a scribe next month i'm a physio",
         ["the trust is rolling out a scribe next month", "i'm a physio"]),
        ("the tool i use", ["the tool i use"]),
        ("I read its alerts, and alongside that I run the audit",
         ["I read its alerts", "alongside that I run the audit"]),
        ("I ran the validation, and on ward shifts I work through each alert",
         ["I ran the validation", "on ward shifts I work through each alert"]),
        ("I built it, and for my team it works", ["I built it, and for my team it works"]),
        ("I tagged the old cases, and once it's live I'll use its scores",
         ["I tagged the old cases", "once it's live I'll use its scores"]),
        ("", []),
        ("  ... ;; ", []),
    ],
)
def test_split_clauses(text: str, clauses: list[str]) -> None:
    assert [c.text for c in split_clauses(text)] == clauses


def test_clause_offsets() -> None:
    text = "Hello there. I run local validation."
    for clause in split_clauses(text):
        assert text[clause.start:clause.start + len(clause.text)] == clause.text


# --- stems and typos -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "group",
    [
        ("model", "models", "modelling"),
        ("label", "labels", "labelled", "labelling", "labeling"),
        ("validate", "validated", "validating"),
        ("build", "builds", "building", "built"),
        ("use", "uses", "used", "using"),
        ("policy", "policies"),
        ("flag", "flags", "flagged", "flagging"),
        ("nurse", "nurses"),
        ("procure", "procured", "procures"),
    ],
)
def test_stem_brings_forms_together(group: tuple[str, ...]) -> None:
    assert len({stem(w) for w in group}) == 1


def test_stem_keeps_a_root_that_only_looks_like_a_verb_form() -> None:
    assert stem("spring") != stem("spr")  # last spring, not a specialist registrar
    assert stem("string") == "string"


def test_stem_leaves_short_words_and_codes() -> None:
    for word in ("ai", "gp", "nhs", "dcb0160", "fy1", "its", "this", "embed"):
        assert stem(word) == word


def test_allowed_distance() -> None:
    assert [allowed_distance("x" * n) for n in (3, 4, 5, 8, 9, 14)] == [0, 0, 1, 1, 2, 2]


def test_fuzzy_index() -> None:
    index = FuzzyIndex.build(["radiographer", "learning", "machine", "nurse", "procure",
                              "funding", "carer"])
    assert index.lookup("radiograper") == ("radiographer",)
    assert index.lookup("radiograhper") == ("radiographer",)
    assert index.lookup("lerning") == ("learning",)
    assert index.lookup("machne") == ("machine",)
    assert index.lookup("radiographer") == ()  # known words are not corrected
    assert index.lookup("nurs") == ()  # too short to correct
    assert index.lookup("learnign") == ("learning",)  # a swapped pair counts as one typo
    ties = FuzzyIndex.build(["nursed", "nurses"])
    assert ties.lookup("nursez") == ("nursed", "nurses")  # equally close: both, in order
    assert index.lookup("kearning") == ()  # first letters must agree
    assert index.lookup("finding") == ()  # an ordinary word, protected
    assert index.lookup("procedure") == ()
    assert index.lookup("a" * 200) == ()


@pytest.mark.parametrize("word, near", [
    ("close", "chose"), ("being", "bring"), ("police", "policy"), ("stuff", "staff"),
    ("career", "carer"), ("brought", "bought"), ("estimates", "estates"),
    ("mentored", "monitored"),  # rarer, so listed by hand
])
def test_ordinary_words_are_meant_as_written(word: str, near: str) -> None:
    index = FuzzyIndex.build([near, "suggests", "governance"])
    assert index.lookup(word) == ()
    assert index.lookup("sugests") == ("suggests",)  # a misspelling is still corrected
    assert index.lookup("goverance") == ("governance",)


def test_strict_typo() -> None:
    assert strict_typo("radiograper", "radiographer")
    assert not strict_typo("lerning", "learnings")
    assert not strict_typo("nurce", "nurse")


# --- negation --------------------------------------------------------------------------------


def _negated_at(text: str, word: str) -> bool:
    tokens = tokenise(text)
    return negated(tokens, [t.text for t in tokens].index(word))


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("I don't build models", "build", True),
        ("I do not build models", "build", True),
        ("I never trained a model", "trained", True),
        ("I no longer work as a radiographer", "radiographer", True),
        ("it isn't something I use", "use", True),
        ("we aren't using AI", "using", True),
        ("I work without AI", "ai", True),
        ("none of my work involves building models", "building", True),
        ("neither build nor buy", "build", True),
        ("I used to build models", "build", True),
        ("formerly a data scientist", "data", True),
        ("I build models", "build", False),
        ("I'm not sure but I use it", "use", False),
        ("not only use but also build", "use", False),
        ("No, I build models", "build", False),
        ("I am used to using AI", "using", False),
        ("I don't mind that the rest of my busy week I build models", "build", False),
        ("I'm the no-show predictor super user", "super", False),
    ],
)
def test_negated(text: str, word: str, expected: bool) -> None:
    assert _negated_at(text, word) is expected


# --- the archetypes' names and "mainly" ------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("How do Shapers differ from drivers?", ["shapers", "drivers"]),
        ("I'm an embeder and a user", ["embedders", "users"]),  # a typo keeping both ends
        ("the Creator's view, then the creators again", ["creators"]),
        ("we're driven by targets and use the tools", []),  # near words are not names
        ("a superuser for the system", []),
    ],
)
def test_archetype_names(text: str, names: list[str]) -> None:
    assert archetype_names(text) == names


def test_proper_names_only_where_a_lower_case_word_is_ordinary() -> None:
    assert archetype_names("ambulance driver, we use the Embedders' checklist",
                           proper_only=True) == ["embedders"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("I'm more of a Driver", {"drivers": "primary"}),
        ("I'm not a Shaper, but I'm a Creator", {"shapers": "no", "creators": "yes"}),
        ("I don't think I'm an embedder", {"embedders": "no"}),
        ("mainly a user really", {"users": "primary"}),
        ("no, I'm a user", {"users": "yes"}),  # "no," is an interjection
    ],
)
def test_named_archetypes(text: str, said: dict[str, str]) -> None:
    assert named_archetypes(text) == said


def test_main_marks() -> None:
    assert main_marks(words("mainly I'm still a secretary")) == [0]
    assert main_marks(words("most of my week goes on the model code")) == [0]
    assert main_marks(words("most of my colleagues use it")) == []
    assert main_marks(words("I'm more of a builder")) == [2]
    assert main_marks(words("the CCIO does strategy, my bit is the safety case")) == [4]


# --- second person ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "echoed"),
    [
        ("I run local validation of the contouring software",
         "you run local validation of the contouring software"),
        ("my team builds models", "your team builds models"),
        ("I'm the CSO", "you're the CSO"),
        ("I’m the CSO", "you're the CSO"),
        ("we use it on our ward", "you use it on your ward"),
        ("I've been asked to lead it", "you've been asked to lead it"),
        ("I was the CCIO and it helps us", "you were the CCIO and it helps you"),
        ("The AI flags scans for me", "The AI flags scans for you"),
        ("Consultant radiologist", "Consultant radiologist"),
    ],
)
def test_to_second_person(said: str, echoed: str) -> None:
    assert to_second_person(said) == echoed


# --- short replies ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, word, denied", [
    # what a check looks for is not a denial of the work
    ("I scan the phantom to make sure the outputs have not drifted", "drifted", False),
    ("checking it does not miss any", "miss", False),
    ("we have not deployed it", "deployed", True),
    # nor are both sides of a contrast, or of a choice
    ("setting out where we will and will not use AI", "ai", False),
    ("deciding whether or not we use AI", "ai", False),
    ("we will not use AI", "ai", True),
])
def test_negation_denies_only_what_is_denied(text: str, word: str, denied: bool) -> None:
    tokens = tokenise(text)
    at = max(i for i, t in enumerate(tokens) if t.text == word)
    assert negated(tokens, at) is denied


@pytest.mark.parametrize("text, starts", [
    ("Perinatal nurse, and also the team's digital champion", [None, 0]),
    ("I use it daily and I've also been asked to sit on the panel", [None, 2]),
    ("I will be doing the testing before go live as well", [0]),
    ("I check the outputs too", [0]),
    ("CQC adviser, and I still work two days a week as a nurse", [None, 1]),
    ("I use copilot every day, and on the side I built a forecast", [None, 0]),
    ("radiographer, I read the AI flags on every list", [None, None]),
    ("I wrote a forecasting model for my masters", [0]),
    ("I wrote a large part of the national guidance", [None]),  # a share, not a team
    ("I'm part of the AI team", [2]),
    ("I assess AI submissions, and in my own time I'm building a model", [None, 0, None]),
    ("I triage with it daily, then on my research day I code a classifier", [8]),
])
def test_side_from_marks_the_extra_part_of_the_work(text: str, starts: list) -> None:
    got = [side_from(words(c.text), c.opener) for c in split_clauses(text)]
    assert got == starts


def test_a_trainee_is_not_training() -> None:
    assert stem("trainees") == stem("trainee") != stem("train")


def test_a_programme_is_not_programming() -> None:
    assert stem("programme") == stem("programmes") != stem("programming")


def test_no_denies_its_noun_not_what_follows_a_preposition() -> None:
    tokens = tokenise("no ai in our contracts yet")
    assert negated(tokens, 1) and not negated(tokens, 4)
    tokens = tokenise("none of my work involves building models")
    assert negated(tokens, 5)


@pytest.mark.parametrize("text, at", [
    ("every month I pull its error figures", 1),
    ("I sit on the quarterly review of its incidents", 4),
    ("for the first month I compare it with our own decisions", 3),
    ("each month I look at how much time it saves", 1),
    ("I keep a log of its false alarms every week", 9),
    ("every week I send its misrouted jobs back to the supplier", 1),
    ("every month I check a sample of its codes to see if they are right", 1),
    ("I'm the one who rolled it out and checks it each month", 12),
    ("every month I check whether its forecasts matched the real volumes", 1),
    ("I check every day whether the patient is eligible", None),  # each case, not the tool
    ("I use it on every scan", None),  # each output as it comes
    ("I see patients every week", None),  # no figures, no review
])
def test_checks_over_time(text: str, at: int | None) -> None:
    assert checks_over_time(words(text)) == at


@pytest.mark.parametrize("text, at", [
    ("checking the frames it flags against what our readers found on old cases", 0),
    ("I scored 100 old studies by hand and lined them up with its scores", 1),
    ("I compare its calls against last year's reports", 1),
    ("I've been grading a batch of wounds by hand to see whether its grades agree", 3),
    ("I mark each referral by hand", None),  # work by hand, nothing set beside it
    ("I check its suggestion against the patient's notes", None),  # one case, not past ones
    ("I look at old cases", None),  # no check of anything
])
def test_checks_on_past_cases(text: str, at: int | None) -> None:
    assert checks_on_past_cases(words(text)) == at


@pytest.mark.parametrize("text, at", [
    ("i keep a log of the howlers it produces", 1),
    ("every friday i send the safety team a list of the ones it had badly wrong", 3),
    ("i write down where it gets things wrong", 1),
    ("i keep a note of any patient where its date is miles out", 1),
    ("i keep track of how often it misclassifies cells", 1),
    ("i also keep a record of the false alarms for the manager", 2),
    ("i override it when it is wrong", None),  # no record kept or passed on
    ("i'm the one who chases up its errors with the supplier", 5),
    ("write it in the log book when it goes haywire", 0),
    ("when its way off on a regime i note it down for the manager", 8),  # the error first
    ("it was wrong twice, i note the rest", None),  # no "when": an error, then other notes
    ("i write the discharge letters", None),  # nothing wrong said
])
def test_records_its_errors(text: str, at: int | None) -> None:
    assert records_its_errors(words(text)) == at


@pytest.mark.parametrize("text, at", [
    ("I go through the matches it suggests", 5),
    ("I re-route the ones it cannot place", 5),  # "re-route" is two words
    ("I check the summaries it writes", 4),
    ("I check it is working", None),  # "it" as the object of the check
    ("I set it up", None),
    ("the rota as it stands", None),
    ("bench days I work the queue the autoverification holds back", 5),
    ("day to day I also work the Demand Logic alerts", 9),
    ("I triage the exomiser lists", 4),
    ("on clinic days I work from the ranked list", 8),
    ("I'll be using its month-end projections", 4),  # "month-end" is two words
    ("from spring I will be working from what it produces", 8),
    ("I don't know what it does", None),  # how it works, not what it puts out
    ("on walkrounds I look at the alerts", 6),
    ("I plan off the queue", 4),
    ("I wrote the list of requirements", None),  # not a verb of working through
    ("I wrote the switch algorithms it runs on", None),  # what it runs on is no output
])
def test_works_on_outputs(text: str, at: int | None) -> None:
    assert works_on_outputs(words(text)) == at


@pytest.mark.parametrize("text, at", [
    ("it's on in my clinics all day", [6]),  # "it's" is two words
    ("I use the suggestions all the time", [4]),
    ("most days I work from its summaries", [0]),
    ("I use it every day", []),  # how often, not how much of the work
])
def test_day_marks(text: str, at: list[int]) -> None:
    assert day_marks(words(text)) == at


@pytest.mark.parametrize("text, at", [
    ("I check how well the bought in sepsis tool performs on our patients", 2),
    ("we look at how accurately it works", 3),
    ("I know how well it is liked", None),  # no performing
    ("how much time it saves", None),
    ("I chair the group that reviews how often its alerts are acted on", 6),
    ("we check whether it is missing people", 2),
    ("I know how often it runs", None),  # no looking into it
])
def test_asks_how_well(text: str, at: int | None) -> None:
    assert asks_how_well(words(text)) == at


def test_a_chunk_of_the_work_is_a_part_but_a_big_chunk_is_not() -> None:
    assert side_from(words("a chunk of my tutorials is showing them how to use it")) == 1
    assert side_from(words("a big chunk of my week is showing them how to use it")) is None
