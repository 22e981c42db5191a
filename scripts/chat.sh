#!/usr/bin/env bash
# Chat with Pathfinder in the terminal: action server in the background, the shell in front.
# Whatever ends the chat (/stop, Ctrl-D, Ctrl-C, a closed terminal window, a kill), everything
# started here is stopped: the action server runs in its own process group, killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/pathfinder.tar.gz}"
port="${ACTIONS_PORT:-5055}"
log=artifacts/logs/chat-actions.log
endpoints="$(mktemp)"
actions_pid=""
mkdir -p artifacts/logs

stop_everything() {
  trap - EXIT HUP INT TERM
  if [ -n "$actions_pid" ]; then
    kill -TERM -- "-$actions_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 -- "-$actions_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$actions_pid" 2>/dev/null || true
  fi
  rm -f "$endpoints"
}
trap stop_everything EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then
  echo "Port $port is already in use (another Pathfinder chat or action server?)." >&2
  echo "Stop it, or choose another port: make chat ACTIONS_PORT=5056" >&2
  exit 1
fi

# Each child is tied to this script: setpriv's parent-death signal stops it even if the script
# itself is killed outright. setsid gives the action server its own process group, which
# stop_everything ends as a whole, and keeps the terminal's Ctrl-C for the shell.
tied=()
if command -v setpriv >/dev/null; then tied=(setpriv --pdeathsig TERM --); fi
# a fresh shared secret for this chat's action server, passed to both servers
export PATHFINDER_ACTIONS_SECRET="${PATHFINDER_ACTIONS_SECRET:-$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(32))')}"
setsid "${tied[@]}" .venv/bin/python -m actions.server --port "$port" > "$log" 2>&1 &
actions_pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$actions_pid" 2>/dev/null || { echo "The action server failed to start; see $log" >&2; exit 1; }
  sleep 0.2
done

ACTION_ENDPOINT_URL="http://127.0.0.1:$port/webhook" .venv/bin/python -m bot.addons.endpoints "$endpoints" >/dev/null
echo "Pathfinder is starting. Type your message; /stop or Ctrl-D ends the chat."
"${tied[@]}" .venv/bin/python -m bot.shell --model "$model" --endpoints "$endpoints"
