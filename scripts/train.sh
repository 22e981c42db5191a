#!/usr/bin/env bash
# Train only when the config, domain or training data changed: the model is named by a hash
# of its inputs, and $1 points at the current one.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-models/pathfinder.tar.gz}"
hash="$(cat config.yml $(find bot/domain bot/data -type f -name '*.yml' | LC_ALL=C sort) | sha256sum | cut -c1-16)"
model="models/pathfinder-${hash}.tar.gz"
mkdir -p models
if [ ! -f "$model" ]; then
  echo "Training the model (inputs changed)..."
  .venv/bin/rasa train --domain bot/domain --data bot/data --config config.yml \
    --out models --fixed-model-name "pathfinder-${hash}" --quiet
fi
ln -sfn "$(basename "$model")" "$target"
