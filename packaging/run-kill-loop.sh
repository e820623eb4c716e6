#!/usr/bin/env bash
# Set up Local Writer if needed, then kill the real app at random moments N times
# (default 200) while it types and saves, and check that no word is lost: the suite's
# kill-loop test with more kills, its figures printed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KILL_LOOP_KILLS="${1:-200}" exec bash "$root/packaging/run-tests.sh" -s --timeout 0 \
    tests/test_kill_loop.py
