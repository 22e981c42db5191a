"""The lookup featurizer gives exactly Rasa's regex features and token marks, on Pathfinder's own
lookup tables and messages, on awkward text, and after a regex it cannot read as phrases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.nlu.utils.pattern_utils import _generate_lookup_regex
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.lookup_features import LookupPhrases, LookupRegexFeaturizer, word_boundaries
from knowledge.evaluation.corpus import load_corpus

REPO = Path(__file__).resolve().parents[2]
GENERATED = REPO / "bot/data/generated"  # written by `make nlu-data` before the tests run
CONFIG = {"case_sensitive": False, "use_word_boundaries": True}  # as in config.yml

AWKWARD = [
    "RADIOGRAPHER", "Radiographer, radiographer; (radiographer)", "radiographers",
    "I'm a reporting radiographer and we use an AI tool that flags fractures",
    "x-ray x-ray-x-ray x_ray", "a&e nurse in A&E", "band 7 nurse2 nurse_lead",
    "café radiographer", "İstanbul clinical lead", "clinical  lead\tand\nnurse", "...",
    "I lead AI strategy and also build models and also use the outputs every day " * 20,
]
TABLES = [
    ["ai", "ai tool", "tool"],  # the first-listed phrase wins where several start together
    ["ai tool", "ai", "tool that flags"],
    ["a&e", "c++", "x-ray", "on-call"],  # phrases starting or ending off a word character
    ["Nurse", "nurse", "NURSE lead"],
]


def featurizer(cls: type, storage: LocalModelStorage, name: str,
               data: TrainingData) -> RegexFeaturizer:
    made = cls.create({**cls.get_default_config(), **CONFIG}, storage, Resource(name),
                      ExecutionContext(GraphSchema({}), name))
    made.train(data)
    return made


def features(model: RegexFeaturizer, text: str) -> tuple:
    message = Message(data={"text": text})
    WhitespaceTokenizer.create(WhitespaceTokenizer.get_default_config(), None, None,
                               None).process([message])
    sequence, sentence = model._features_for_patterns(message, "text")
    marks = [t.get("pattern") for t in message.get("text_tokens", [])]
    if sequence is None:
        return None, None, marks
    return sequence.toarray().tolist(), sentence.toarray().tolist(), marks


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[RegexFeaturizer, RegexFeaturizer]:
    assert GENERATED.is_dir(), "run `make nlu-data` first: the lookup tables are generated"
    data = load_data(str(REPO / "bot/data/nlu")).merge(load_data(str(GENERATED)))
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    return (featurizer(RegexFeaturizer, storage, "rasa", data),
            featurizer(LookupRegexFeaturizer, storage, "ours", data))


def messages() -> list[str]:
    training = load_data(str(REPO / "bot/data/nlu")).training_examples
    paraphrases = load_data(str(REPO / "tests/nlu/paraphrases.yml")).training_examples
    corpus = load_corpus().in_half("tuning")
    return [m.get("text") for m in (*training, *paraphrases)] + [c.text for c in corpus]


def test_every_lookup_table_is_matched_as_phrases(both: tuple) -> None:
    _, ours = both
    lookups = [p for p in ours.known_patterns if p["pattern"].startswith("(\\b")]
    assert len(lookups) >= 4
    assert all(ours._phrases()[p["pattern"]] is not None for p in lookups)


def test_features_and_marks_are_rasas_on_pathfinders_messages(both: tuple) -> None:
    rasa, ours = both
    texts = messages() + AWKWARD
    assert len(texts) > 1000
    different = [t for t in texts if features(rasa, t) != features(ours, t)]
    assert different == []


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("text", AWKWARD + ["we use an ai tool that flags fractures",
                                            "c++ and a&e, x-ray; on-call", "nurse lead NURSE"])
def test_spans_are_where_rasas_regex_finds_the_table(table: list[str], text: str) -> None:
    pattern = _generate_lookup_regex({"elements": table}, True)
    phrases = LookupPhrases.from_regex(pattern, case_sensitive=False)
    assert phrases is not None
    if text.isascii():
        assert phrases.spans(text) == [m.span() for m in re.finditer(pattern, text, re.I)]


def test_a_regex_that_is_not_a_plain_lookup_table_stays_a_regex() -> None:
    assert LookupPhrases.from_regex(r"\b[0-9]{3}\b", case_sensitive=False) is None
    assert LookupPhrases.from_regex("(ai|tool)", case_sensitive=False) is None  # no boundaries
    assert LookupPhrases.from_regex(_generate_lookup_regex({"elements": ["café"]}),
                                    case_sensitive=False) is None


def test_word_boundaries_are_where_backslash_b_holds() -> None:
    for text in AWKWARD:
        if text.isascii():
            assert word_boundaries(text) == [m.start() for m in re.finditer(r"\b", text)]
