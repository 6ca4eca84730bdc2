#!/usr/bin/env bash
# Sets up .venv on a fresh machine and runs the whole test suite, one pytest worker per core
# (UNSCOPE_TEST_JOBS=N to choose; 0 runs everything in this process).
source "$(dirname "$0")/setup.sh"
JOBS="${UNSCOPE_TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}"
if [ "$JOBS" = "0" ]; then
  exec .venv/bin/python -m pytest "$@"
fi
exec .venv/bin/python -m pytest -n "$JOBS" "$@"
