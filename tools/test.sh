#!/usr/bin/env bash
# The test command (what CI runs): install what the tests need, run them, then check that
# every output shown in README.md and docs/*.md is what the commands print today.
#   bash tools/test.sh [PYTEST ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests drive Debian's chromium (never a downloaded browser build).
if ! command -v chromium >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium
fi

python -m pip install -e '.[test]'
python -m pytest -q "$@"
cog --check --diff --check-fail-msg "run: cog -r -I docs README.md docs/*.md" -I docs README.md docs/*.md
