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
  which the classifier then throws away, and joins the rest with SciPy's general block
  stacking. Here only the sentence features are laid side by side, in the same order, into
  the same matrix.

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
from scipy.sparse import coo_matrix, csr_matrix, vstack


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LeanLogisticRegressionClassifier(LogisticRegressionClassifier):
    """`LogisticRegressionClassifier` without the per-parse copies (module docstring)."""

    def _create_X(self, messages: list[Message]) -> csr_matrix:
        rows = [self._row(m) for m in messages]
        return rows[0] if len(rows) == 1 else vstack(rows, format="csr")

    def _row(self, message: Message) -> csr_matrix:
        """The message's text sentence features as one row: every sparse featurizer's, then
        every dense one's, in pipeline order; the row Rasa's classifier builds, in its
        canonical form (columns sorted, duplicates summed), laid side by side without a
        general sparse stack. Anything unusual (no features, several rows) is left to Rasa."""
        sentence = [f for f in message.features
                    if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE]
        blocks = [f.features.tocoo() for f in sentence if f.is_sparse()]
        blocks += [coo_matrix(f.features) for f in sentence if f.is_dense()]
        if not blocks or any(block.shape[0] != 1 for block in blocks):
            return super()._create_X([message])
        widths = [block.shape[1] for block in blocks]
        starts = np.cumsum([0, *widths[:-1]])
        columns = np.concatenate([block.col + start
                                  for block, start in zip(blocks, starts, strict=True)])
        # Rasa's row always joins an empty float array for dense features: at least float64
        values = np.concatenate([block.data for block in blocks]).astype(
            np.result_type(np.float64, *(block.dtype for block in blocks)), copy=False)
        row = csr_matrix((values, columns, [0, len(values)]), shape=(1, sum(widths)))
        row.sum_duplicates()
        return row

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
