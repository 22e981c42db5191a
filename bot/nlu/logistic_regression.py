"""Rasa's logistic-regression intent classifier, trained and predicting exactly as Rasa's, with
two copies per parse fewer.

Measured in Rasa 3.6's `LogisticRegressionClassifier.process` (docs/benchmarks.md):

* `predict_proba` multiplies the message's sparse features by `coef_.T`. scikit-learn keeps
  `coef_` in C order, so `coef_.T` is not C-contiguous and SciPy's sparse product flattens it
  into a new C-ordered copy of the whole coefficient matrix at every parse. Keeping `coef_` in
  Fortran order makes `coef_.T` C-contiguous: SciPy then uses it in place. The values, and
  the order in which the product adds them up, are the same, so the probabilities are too.
* Its feature matrix comes from `Message.get_sparse_features`, which also joins every
  featurizer's *sequence* features (one row per token; a deep copy and a sparse stack each),
  which the classifier then throws away. Here only the sentence features are joined, in the
  same order, into the same matrix.

Everything else (training, the saved model file, the ranking) is Rasa's own code.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack, vstack


def sentence_features(message: Message) -> csr_matrix:
    """The message's text sentence features as one row: every sparse featurizer's, then every
    dense one's, in pipeline order (the row Rasa's classifier builds)."""
    sentence = [f for f in message.features
                if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE]
    blocks = [f.features for f in sentence if f.is_sparse()]
    blocks += [csr_matrix(f.features) for f in sentence if f.is_dense()]
    return hstack(blocks, format="csr") if blocks else csr_matrix((1, 0))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LeanLogisticRegressionClassifier(LogisticRegressionClassifier):
    """`LogisticRegressionClassifier` without the per-parse copies (module docstring)."""

    def _create_X(self, messages: list[Message]) -> csr_matrix:
        return vstack([sentence_features(m) for m in messages], format="csr")

    def _keep_coefficients_in_place(self) -> None:
        if hasattr(self.clf, "coef_"):
            self.clf.coef_ = np.asfortranarray(self.clf.coef_)

    def train(self, training_data: TrainingData) -> Resource:
        resource = super().train(training_data)
        self._keep_coefficients_in_place()
        return resource

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> LeanLogisticRegressionClassifier:
        component = super().load(*args, **kwargs)
        component._keep_coefficients_in_place()
        return component
