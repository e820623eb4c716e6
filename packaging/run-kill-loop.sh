#!/usr/bin/env bash
# Set up Local Writer if needed, then kill the real app at random moments N times
# (default 200) while it types and saves, and check that no word is lost.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_WRITER_HEADLESS=1 bash "$root/packaging/setup.sh"
cd "$root"
bin=.venv/bin
[ -d .venv/Scripts ] && bin=.venv/Scripts
export QT_QPA_PLATFORM=offscreen
exec "$bin/python" -m tests.kill_loop --kills "${1:-200}"
