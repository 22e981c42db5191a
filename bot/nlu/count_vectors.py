"""Rasa's count-vector featurizer giving only the features Pathfinder's pipeline reads.

For a message's text Rasa's `CountVectorsFeaturizer` counts n-grams twice: once per token (the
*sequence* features, for sequence models such as DIET or a CRF) and once over the whole
message (the *sentence* features). Pathfinder's pipeline has no sequence model: its intent
classifier reads only sentence features (bot/nlu/logistic_regression.py, and Rasa's own),
and its entities come from regexes and lookup tables. So for the text (and the other
attributes that have sentence features) only those are made here, with Rasa's own code and
vocabulary; attributes with only sequence features (intent and action names, used by core
featurization when training TED) keep them. Add a sequence model back only with Rasa's own
featurizer.
"""

from __future__ import annotations

import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountVectorsFeaturizer(CountVectorsFeaturizer):
    """`CountVectorsFeaturizer` without the per-token features nothing reads (module docstring)."""

    def _create_features(
        self, attribute: str, all_tokens: list[list[str]]
    ) -> tuple[list[scipy.sparse.spmatrix | None], list[scipy.sparse.spmatrix | None]]:
        if attribute not in DENSE_FEATURIZABLE_ATTRIBUTES or not self.vectorizers.get(attribute):
            return super()._create_features(attribute, all_tokens)
        sentence_features: list[scipy.sparse.spmatrix | None] = []
        for tokens in all_tokens:
            if not tokens:  # nothing to featurize
                sentence_features.append(None)
                continue
            sentence = self.vectorizers[attribute].transform([" ".join(tokens)])
            sentence.sort_indices()
            sentence_features.append(sentence.tocoo())
        return [None] * len(all_tokens), sentence_features
