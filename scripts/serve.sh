#!/usr/bin/env bash
# Pathfinder for real use: the Rasa server (REST, the web widget, tracked links, and Slack or
# Teams when their variables are set) plus the action server. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/pathfinder.tar.gz}"
rasa_port="${RASA_PORT:-5005}"
actions_port="${ACTIONS_PORT:-5055}"
run_dir="artifacts/serve"
mkdir -p "$run_dir" artifacts/logs data

if [ ! -f web/dist/pathfinder-widget.js ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi

# One secret signs widget sessions; keep it across restarts so open conversations survive.
if [ -z "${PATHFINDER_WIDGET_SECRET:-}" ]; then
  [ -s data/widget-secret ] || .venv/bin/python -c 'import secrets; print(secrets.token_hex(32))' > data/widget-secret
  chmod 600 data/widget-secret
  PATHFINDER_WIDGET_SECRET="$(cat data/widget-secret)"
fi
export PATHFINDER_WIDGET_SECRET
export PATHFINDER_PUBLIC_URL="${PATHFINDER_PUBLIC_URL:-http://localhost:${rasa_port}}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:${actions_port}/webhook}"

.venv/bin/python -m bot.channels.enabled "$run_dir/credentials.yml"
.venv/bin/python -m bot.addons.endpoints "$run_dir/endpoints.yml"

.venv/bin/python -m rasa_sdk --actions actions --port "$actions_port" &
actions_pid=$!
stop() { kill "$actions_pid" "${rasa_pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

echo "Pathfinder: REST at $PATHFINDER_PUBLIC_URL/webhooks/rest/webhook"
echo "            web widget demo at $PATHFINDER_PUBLIC_URL/webhooks/widget/demo"
.venv/bin/python -m bot.addons.rasa_run --model "$model" --port "$rasa_port" \
  --credentials "$run_dir/credentials.yml" --endpoints "$run_dir/endpoints.yml" &
rasa_pid=$!
wait "$rasa_pid"
