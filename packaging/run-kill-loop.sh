#!/usr/bin/env bash
# Set up Local Writer if needed, then kill the real app at random moments while it types
# and saves: N times (default 200) on a stand-in engine and N/2 times while the real
# model suggests and the typist takes its ghost text; check that no word is lost. The
# suite's kill-loop tests with more kills, their figures printed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-200}"
KILL_LOOP_KILLS="$kills" KILL_LOOP_MODEL_KILLS="$((kills / 2))" \
    exec bash "$root/packaging/run-tests.sh" -s --timeout 0 tests/test_kill_loop.py
