#!/usr/bin/env bash
# Set up everything Local Writer needs, in .venv beside this folder. Safe to run again:
# it does only what is missing. Sourced by run-app.sh and run-tests.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf 'setup: %s\n' "$*" >&2; }

# 1. A Python of 3.11 or newer.
python=""
for candidate in python3.13 python3.12 python3.11 python3 python; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python="$candidate"; break
  fi
done
if [ -z "$python" ]; then
  say "Local Writer needs Python 3.11 or newer. Install it (python.org, or your package manager) and run this again."
  exit 1
fi

# 2. The system libraries Qt needs on Linux (Debian/Ubuntu names). A real window needs
#    the X11/xcb ones too; tests run offscreen and need only the first group.
if [ "$(uname -s)" = Linux ] && command -v dpkg-query >/dev/null 2>&1; then
  packages="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3"
  if [ "${LOCAL_WRITER_HEADLESS:-0}" != 1 ]; then
    packages="$packages libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1"
  fi
  missing=""
  for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing="$missing $package"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else sudo="none"; fi
    if [ "$sudo" = none ]; then
      say "Qt needs these system packages:$missing"
      say "Install them as root (apt-get install$missing) and run this again."
      exit 1
    fi
    say "installing Qt's system libraries:$missing"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

# 2b. A serif font for Chinese, Japanese and Korean (Noto Serif CJK), so that text in
#     those languages is not drawn in a mismatched fallback. Optional: without root,
#     the app still runs and says nothing.
if [ "$(uname -s)" = Linux ] && command -v fc-list >/dev/null 2>&1 \
    && ! fc-list : family | grep -qi "serif cjk\|source han serif"; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else sudo="none"; fi
  if [ "$sudo" != none ] && command -v apt-get >/dev/null 2>&1; then
    say "installing a serif font for Chinese, Japanese and Korean (fonts-noto-cjk)"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null 2>&1 \
      || { $sudo apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null 2>&1; } \
      || say "could not install fonts-noto-cjk; Chinese, Japanese and Korean text will use the system's fallback font"
  fi
fi

# 3. A virtual environment with the app and its test tools, refreshed when pyproject.toml
#    changes. llama.cpp is compiled the first time (several minutes) by
#    packaging/llama_cpp_build.py, for this CPU but without the AMX kernels that crash
#    (see there); the built wheel is cached, so later setups take seconds, and a venv
#    holding any other build of it gets this one.
venv="$root/.venv"
# LOCAL_WRITER_GPU=cuda (or vulkan, or cpu) rebuilds llama.cpp with that backend once;
# later runs keep whichever backend the venv has.
gpu="${LOCAL_WRITER_GPU:-auto}"
stamp="$venv/.local-writer-setup"
want="$("$python" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' pyproject.toml)"
if [ ! -d "$venv" ]; then
  say "creating $venv"
  "$python" -m venv "$venv"
fi
bin="$venv/bin"
[ -d "$venv/Scripts" ] && bin="$venv/Scripts"  # a venv made by Windows' Python
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing Local Writer and its dependencies (the first time compiles llama.cpp: about 6 minutes)"
  "$bin/python" -m pip install --quiet --upgrade pip
  "$bin/python" packaging/llama_cpp_build.py native --gpu "$gpu"
  "$bin/python" -m pip install --quiet --editable ".[test]"
  echo "$want" > "$stamp"
else
  "$bin/python" packaging/llama_cpp_build.py native --gpu "$gpu"  # a no-op if it is there
fi
