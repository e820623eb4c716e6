#!/usr/bin/env bash
# Set up Local Writer if needed, then lint and run the whole test suite (offscreen).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_WRITER_HEADLESS=1 bash "$root/packaging/setup.sh"
cd "$root"
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check writer_app tests
exec .venv/bin/python -m pytest "$@"
