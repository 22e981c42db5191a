#!/usr/bin/env bash
# The whole suite: lint, data validation, Rasa conversation tests, the scale-out test (its own
# PostgreSQL, Redis and nginx), then pytest (last, so its summary line closes the run).
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/pathfinder.tar.gz}"
export PATHFINDER_MODEL="$PWD/$model"

bash scripts/system-deps.sh
if [ -f web/package.json ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== ruff"
.venv/bin/ruff check .

echo "== rasa data validate"
.venv/bin/rasa data validate --domain bot/domain --data bot/data --config config.yml \
  --fail-on-warnings --quiet

echo "== rasa test (conversation stories)"
bash scripts/test-stories.sh "$model"

echo "== scale-out (2 Rasa + 2 action servers behind nginx)"
bash scripts/test-scale.sh "$model"

echo "== pytest"
.venv/bin/python -m pytest -q -p no:cacheprovider --ignore=tests/scale "${PYTEST_ARGS[@]:-}" tests
