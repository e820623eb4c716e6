#!/usr/bin/env bash
# Set up Local Writer if needed, then lint and run the whole test suite (offscreen).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_WRITER_HEADLESS=1 bash "$root/packaging/setup.sh"
cd "$root"
bin=.venv/bin
[ -d .venv/Scripts ] && bin=.venv/Scripts
export QT_QPA_PLATFORM=offscreen
"$bin/python" -m ruff check writer_app tests packaging
exec "$bin/python" -m pytest "$@"
