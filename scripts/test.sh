#!/usr/bin/env bash
# Sets up .venv on a fresh machine and runs the whole test suite.
source "$(dirname "$0")/setup.sh"
exec .venv/bin/python -m pytest "$@"
