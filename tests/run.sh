#!/usr/bin/env bash
# The test command (README, CI): sets up everything the tests need on a fresh machine, then runs
# lint and the whole suite. Safe to run again: installs are skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
