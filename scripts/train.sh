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
  # Rasa's training chatter (config notes, library warnings) goes to a log, so `make chat` on
  # a fresh machine shows only the conversation; a failure shows the log's end.
  log=artifacts/logs/train.log
  mkdir -p artifacts/logs
  echo "Training the model (inputs changed; the log is $log)..."
  if ! .venv/bin/rasa train --domain bot/domain --data bot/data --config config.yml \
    --out models --fixed-model-name "pathfinder-${hash}" --quiet > "$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "Training failed; the whole log is $log" >&2
    exit 1
  fi
fi
ln -sfn "$(basename "$model")" "$target"
