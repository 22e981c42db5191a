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

# Secrets made once in data/ (mode 0600 from the start) unless the environment sets them: one
# signs widget sessions (kept so open conversations survive a restart), one is the shared
# secret the Rasa server sends the action server with every call.
secret_file() {
  [ -s "$1" ] || (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_hex(32))' > "$1")
  cat "$1"
}
PATHFINDER_WIDGET_SECRET="${PATHFINDER_WIDGET_SECRET:-$(secret_file data/widget-secret)}"
PATHFINDER_ACTIONS_SECRET="${PATHFINDER_ACTIONS_SECRET:-$(secret_file data/actions-secret)}"
export PATHFINDER_WIDGET_SECRET PATHFINDER_ACTIONS_SECRET
export ACTIONS_HOST="${ACTIONS_HOST:-127.0.0.1}"  # loopback unless deliberately opened
export PATHFINDER_PUBLIC_URL="${PATHFINDER_PUBLIC_URL:-http://localhost:${rasa_port}}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:${actions_port}/webhook}"

.venv/bin/python -m bot.channels.enabled "$run_dir/credentials.yml"
.venv/bin/python -m bot.addons.endpoints "$run_dir/endpoints.yml"

.venv/bin/python -m actions.server --port "$actions_port" &
actions_pid=$!
stop() { kill "$actions_pid" "${rasa_pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

echo "Pathfinder: REST at $PATHFINDER_PUBLIC_URL/webhooks/rest/webhook"
echo "            web widget demo at $PATHFINDER_PUBLIC_URL/webhooks/widget/demo"
.venv/bin/python -m bot.addons.rasa_run --model "$model" --port "$rasa_port" \
  --credentials "$run_dir/credentials.yml" --endpoints "$run_dir/endpoints.yml" &
rasa_pid=$!
wait "$rasa_pid"
