#!/usr/bin/env bash
# Set up Local Writer if needed, then start it (on the embedded model unless you chose another).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/packaging/setup.sh"
bin="$root/.venv/bin"
[ -d "$root/.venv/Scripts" ] && bin="$root/.venv/Scripts"
exec "$bin/python" -m writer_app "$@"
