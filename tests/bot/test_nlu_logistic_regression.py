"""Pathfinder's NLU components give Rasa's predictions: the sentence-only featurizers and the lean
classifier build the matrix Rasa's featurizers and classifier build, and rank every held-out
message exactly as they do, trained on Pathfinder's own data, also after loading."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.count_vectors import SentenceCountVectorsFeaturizer
from bot.nlu.logistic_regression import LeanLogisticRegressionClassifier

REPO = Path(__file__).resolve().parents[2]
CLASSIFIER = {"max_iter": 500, "random_state": 42}


FEATURIZERS = [{"max_ngram": 2}, {}, {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 5}]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """Rasa's tokenizer, featurizers and classifier, and ours, as in config.yml, each trained
    on the same data; the held-out messages featurized by each."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    context = ExecutionContext(GraphSchema({}), "test")

    def made(cls: type, name: str, **config: object) -> object:
        return cls.create({**cls.get_default_config(), **config}, storage, Resource(name),
                          context)

    def chain(featurizer: type, classifier: type, name: str) -> tuple:
        steps = [made(WhitespaceTokenizer, f"{name}-tokens"),
                 *(made(featurizer, f"{name}-{i}", **c) for i, c in enumerate(FEATURIZERS))]
        data = load_data(str(REPO / "bot/data/nlu"))
        for step in steps:
            if hasattr(step, "train"):
                step.train(data)
            step.process_training_data(data)
        model = made(classifier, name, **CLASSIFIER)
        model.train(data)
        held_out = [Message(data={"text": m.get("text")}) for m in
                    load_data(str(REPO / "tests/nlu/paraphrases.yml")).training_examples]
        for step in steps:
            step.process(held_out)
        return model, held_out

    stock, stock_held_out = chain(CountVectorsFeaturizer, LogisticRegressionClassifier, "stock")
    lean, held_out = chain(SentenceCountVectorsFeaturizer, LeanLogisticRegressionClassifier,
                           "lean")
    return storage, context, stock, stock_held_out, lean, held_out


def rankings(classifier: LogisticRegressionClassifier, messages: list[Message]) -> list:
    done = classifier.process(copy.deepcopy(messages))
    return [m.get("intent_ranking") for m in done]


def test_the_feature_matrix_is_rasas_entry_for_entry(trained: tuple) -> None:
    _, _, stock, stock_held_out, lean, held_out = trained
    ours, rasas = lean._create_X(held_out), stock._create_X(stock_held_out)
    assert ours.shape == rasas.shape and ours.dtype == rasas.dtype
    assert (ours.indptr == rasas.indptr).all()
    assert (ours.indices == rasas.indices).all()
    assert (ours.data == rasas.data).all()


def test_every_held_out_message_is_ranked_exactly_as_by_rasas(trained: tuple) -> None:
    _, _, stock, stock_held_out, lean, held_out = trained
    assert len(held_out) > 300
    assert lean.clf.coef_.T.flags.c_contiguous
    assert not stock.clf.coef_.T.flags.c_contiguous
    assert rankings(lean, held_out) == rankings(stock, stock_held_out)


def test_the_text_gets_sentence_features_only(trained: tuple) -> None:
    *_, held_out = trained
    kinds = {(f.attribute, f.type) for m in held_out for f in m.features}
    assert kinds == {("text", "sentence")}


def test_a_loaded_model_keeps_the_layout_and_the_rankings(trained: tuple) -> None:
    storage, context, stock, stock_held_out, _, held_out = trained
    loaded = LeanLogisticRegressionClassifier.load(
        {**LeanLogisticRegressionClassifier.get_default_config(), **CLASSIFIER}, storage,
        Resource("lean"), context)
    assert loaded.clf.coef_.T.flags.c_contiguous
    assert rankings(loaded, held_out) == rankings(stock, stock_held_out)


def test_one_message_alone_gets_the_row_it_gets_among_others(trained: tuple) -> None:
    *_, lean, held_out = trained
    together = lean._create_X(held_out)
    for i in (0, 7, len(held_out) - 1):
        alone = lean._create_X([held_out[i]])
        assert (alone != together[i]).nnz == 0 and (alone.indices == together[i].indices).all()


def test_a_message_without_features_gives_the_empty_row_rasas_does(trained: tuple) -> None:
    _, _, stock, _, lean, _ = trained
    bare = [Message(data={"text": "x"})]
    assert lean._create_X(bare).shape == stock._create_X(bare).shape == (1, 0)
