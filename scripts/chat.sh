#!/usr/bin/env bash
# Chat with Pathfinder in the terminal: action server in the background, `rasa shell` in front.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/pathfinder.tar.gz}"
port="${ACTIONS_PORT:-5055}"
mkdir -p artifacts/logs
# a fresh shared secret for this chat's action server, passed to both servers
export PATHFINDER_ACTIONS_SECRET="${PATHFINDER_ACTIONS_SECRET:-$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(32))')}"
.venv/bin/python -m actions.server --port "$port" > artifacts/logs/chat-actions.log 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true; wait $actions_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 $actions_pid 2>/dev/null || { echo "The action server failed to start; see artifacts/logs/chat-actions.log" >&2; exit 1; }
  sleep 0.2
done
endpoints="$(mktemp)"
ACTION_ENDPOINT_URL="http://127.0.0.1:$port/webhook" .venv/bin/python -m bot.addons.endpoints "$endpoints" >/dev/null
echo "Pathfinder is ready. Type your message; /stop or Ctrl-C ends the chat."
.venv/bin/python -m bot.shell --model "$model" --endpoints "$endpoints" --quiet
rm -f "$endpoints"
