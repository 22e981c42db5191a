#!/usr/bin/env bash
# Rasa's own conversation tests, with the real action server running on a free port.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/pathfinder.tar.gz}"
port="$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p artifacts/logs results
PATHFINDER_OFFLINE=1 .venv/bin/python -m rasa_sdk --actions actions --port "$port" \
  > artifacts/logs/test-stories-actions.log 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.2
done
endpoints="$(mktemp)"
printf 'action_endpoint:\n  url: "http://127.0.0.1:%s/webhook"\n' "$port" > "$endpoints"
.venv/bin/rasa test core --model "$model" --stories tests/conversations \
  --endpoints "$endpoints" --fail-on-prediction-errors --out results/stories --quiet
rm -f "$endpoints"
