#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the pinned dependencies, only when they changed.
set -euo pipefail
cd "$(dirname "$0")/.."

want="$(cat .python-version)"
find_python() {
  local candidates=()
  if command -v pyenv >/dev/null 2>&1; then
    candidates+=("$(pyenv root)/versions/${want}/bin/python")
  fi
  candidates+=("${HOME}/.pyenv/versions/${want}/bin/python" "$(command -v python3.10 || true)")
  for py in "${candidates[@]}"; do
    if [ -n "$py" ] && [ -x "$py" ] && "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then
      echo "$py"; return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
  if ! py="$(find_python)"; then
    echo "error: Python 3.10 is required (Rasa Open Source 3.6 supports no newer Python)." >&2
    echo "       Install it with 'pyenv install ${want}' (or your package manager's python3.10) and retry." >&2
    exit 1
  fi
  rm -rf .venv
  echo "Creating .venv with $py"
  "$py" -m venv .venv
fi

stamp=".venv/.pathfinder-installed"
wanted="$(cat pyproject.toml requirements/constraints.txt | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
echo "Installing dependencies into .venv (a few minutes the first time)..."
.venv/bin/python -m pip install --quiet --upgrade "pip<25" wheel
.venv/bin/python -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
echo "$wanted" > "$stamp"
