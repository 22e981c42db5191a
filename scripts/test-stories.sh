#!/usr/bin/env bash
# Rasa's own conversation tests, with the real action server (loopback, shared secret) running
# on a free port.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/pathfinder.tar.gz}"
port="$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p artifacts/logs results
PATHFINDER_ACTIONS_SECRET="$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(32))')"
export PATHFINDER_ACTIONS_SECRET
PATHFINDER_OFFLINE=1 .venv/bin/python -m actions.server --port "$port" \
  > artifacts/logs/test-stories-actions.log 2>&1 &
actions_pid=$!
endpoints="$(mktemp)"
trap 'kill $actions_pid 2>/dev/null || true; rm -f "$endpoints"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$actions_pid" 2>/dev/null || { echo "The action server failed to start; see artifacts/logs/test-stories-actions.log" >&2; exit 1; }
  sleep 0.2
done
ACTION_ENDPOINT_URL="http://127.0.0.1:$port/webhook" .venv/bin/python -m bot.addons.endpoints "$endpoints"
.venv/bin/rasa test core --model "$model" --stories tests/conversations \
  --endpoints "$endpoints" --fail-on-prediction-errors --out results/stories --quiet
