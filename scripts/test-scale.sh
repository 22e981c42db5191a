#!/usr/bin/env bash
# The scale-out test on one machine: PostgreSQL, Redis and nginx from Debian packages (installed
# when missing), 2 Rasa servers + 2 action servers behind nginx, 50 concurrent conversations,
# one server killed mid-run. The pytest fixtures start every service on loopback in a temporary
# folder and stop it again; this script adds the packages and a clean stop on Ctrl-C or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/pathfinder.tar.gz}"
case "$model" in /*) ;; *) model="$PWD/$model" ;; esac
if [ ! -e "$model" ]; then
  echo "error: no trained model at $model (run: make model)" >&2
  exit 1
fi
bash scripts/system-deps.sh

export PATHFINDER_MODEL="$model"
export PYTHONPATH="$PWD"
export RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=3
scratch="$(mktemp -d -t pathfinder-scale.XXXXXX)"
chmod 755 "$scratch"  # PostgreSQL runs as the postgres user when this runs as root
export TMPDIR="$scratch"  # every temporary folder the test makes lives under here

started=$SECONDS
# pytest runs in its own process group (set -m), so a Ctrl-C reaches only this script, which
# passes it on once as SIGTERM; pytest turns SIGTERM (and SIGINT, even when inherited as
# ignored) into KeyboardInterrupt, so its fixtures stop servers, nginx, Redis and PostgreSQL.
set -m
.venv/bin/python -c '
import signal, sys, pytest
signal.signal(signal.SIGTERM, signal.default_int_handler)
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.exit(pytest.main(["-q", "-s", "-p", "no:cacheprovider", "tests/scale"]))
' &
pytest_pid=$!
stop() {
  trap '' INT TERM
  kill -TERM "$pytest_pid" 2>/dev/null || true
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
