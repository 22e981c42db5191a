#!/usr/bin/env bash
# The scale-out test on one machine: PostgreSQL, Redis and nginx from Debian packages (installed
# when missing), 2 Rasa servers + 2 action servers behind nginx, 50 concurrent conversations,
# one server killed mid-run. The pytest fixtures start every service on loopback in a temporary
# folder and stop it again; this script only adds the packages and a clean stop on Ctrl-C or
# SIGTERM (pytest is asked to stop, so its fixtures shut everything down).
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/pathfinder.tar.gz}"
if [ ! -e "$model" ]; then
  echo "error: no trained model at $model (run: make model)" >&2
  exit 1
fi
bash scripts/system-deps.sh

export PATHFINDER_MODEL="$PWD/$model"
export PYTHONPATH="$PWD"
export RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=3
scratch="$(mktemp -d -t pathfinder-scale.XXXXXX)"
export TMPDIR="$scratch"  # every temporary folder the test makes lives under here

started=$SECONDS
set -m  # pytest in its own process group, with SIGINT not ignored, so stop() can reach it
.venv/bin/python -m pytest -q -s -p no:cacheprovider tests/scale &
pytest_pid=$!
stop() {
  # SIGINT lets pytest run its fixture teardown: servers, nginx, Redis and PostgreSQL stop
  kill -INT "$pytest_pid" 2>/dev/null || true
  wait "$pytest_pid" 2>/dev/null || true
  rm -rf "$scratch"
  exit 130
}
trap stop INT TERM
status=0
wait "$pytest_pid" || status=$?
trap - INT TERM
rm -rf "$scratch"
echo "test-scale finished in $((SECONDS - started)) s (exit $status)"
exit "$status"
