#!/usr/bin/env bash
# Build Local Writer for Linux: a one-folder PyInstaller build of the app with the
# embedded model inside, then dist/local-writer-VERSION-linux-ARCH[-cuda].tar.gz and
# dist/local-writer[-cuda]_VERSION_ARCH.deb; then install each into a scratch root and run
# the frozen app's --self-test and `complete` there. Prints each artefact's size.
#
#   bash packaging/build-linux.sh          the CPU build
#   LOCAL_WRITER_GPU=cuda bash packaging/build-linux.sh
#                                          llama.cpp with CUDA too (needs the CUDA Toolkit;
#                                          its self-test runs only where
#                                          LOCAL_WRITER_GPU_PRESENT=1)
#
# Each builds in a venv of its own with a portable llama.cpp (packaging/llama_cpp_build.py:
# no -march=native; each CPU variant a library of its own, chosen at run time), so the
# artefact runs on x86-64 CPUs other than the build machine's. Where qemu-x86_64 exists
# (Debian's qemu-user), the .tar.gz's self-test also runs under older CPU models:
# LOCAL_WRITER_QEMU_CPUS lists them ("" skips; default: Haswell, AVX2 without AVX-512,
# and Nehalem, no AVX at all).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_WRITER_GPU=auto LOCAL_WRITER_HEADLESS=1 bash "$root/packaging/setup.sh"  # the dev venv as it is
cd "$root"
say() { printf 'build: %s\n' "$*" >&2; }
gpu="${LOCAL_WRITER_GPU:-cpu}"
case "$gpu" in
  cpu) suffix="" ;;
  cuda) suffix="-cuda" ;;
  *) say "LOCAL_WRITER_GPU must be cpu or cuda, not $gpu"; exit 2 ;;
esac
venv="$root/build/venv-linux$suffix"
[ -d "$venv" ] || .venv/bin/python -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check --upgrade pip
say "portable llama.cpp in $venv (compiled once, then cached)"
"$py" packaging/llama_cpp_build.py portable --gpu "$gpu"
"$py" -m pip install --quiet --disable-pip-version-check "." 2>&1 \
    | grep -v "^WARNING: Location" >&2 || true

"$py" -m pip install --quiet --disable-pip-version-check "pyinstaller>=6.10" 2>&1 \
    | grep -v "^WARNING: Location" >&2 || true
version="$("$py" -c 'from writer_app import __version__; print(__version__)')"
machine="$(uname -m)"
deb_arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
build="$root/build/linux$suffix"
dist="$root/dist"
rm -rf "$build"
mkdir -p "$build" "$dist"

say "freezing the app with PyInstaller"
"$py" -m PyInstaller --noconfirm --log-level WARN --distpath "$build/dist" \
    --workpath "$build/work" packaging/pyinstaller/local-writer.spec
app="$build/dist/local-writer"
"$py" packaging/relink_duplicates.py "$app" >&2
# Chinese input methods reach the app through Qt's IBus plugin, fcitx5 too (its IBus
# frontend; see reach_fcitx_through_ibus in writer_app/app.py): it must be frozen in.
for lib in libibusplatforminputcontextplugin.so 'libQt6DBus.so*'; do
  [ -n "$(find "$app" -name "$lib" -print -quit)" ] \
      || { say "the build lacks $lib: IBus and fcitx5 could not reach the app"; exit 1; }
done

say "packing the .tar.gz"
tarball="$dist/local-writer-$version-linux-$machine$suffix.tar.gz"
tar -C "$build/dist" -czf "$tarball" local-writer

say "packing the .deb"
stage="$build/deb"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/icons/hicolor/scalable/apps"
cp -a "$app" "$stage/opt/local-writer"
ln -s /opt/local-writer/local-writer "$stage/usr/bin/local-writer"
ln -s /opt/local-writer/writer-app "$stage/usr/bin/writer-app"
install -m 644 packaging/linux/local-writer.desktop "$stage/usr/share/applications/"
install -m 644 resources/icons/local-writer.svg "$stage/usr/share/icons/hicolor/scalable/apps/"
installed_kb="$(du -sk "$stage" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$deb_arch/" -e "s/@SIZE@/$installed_kb/" \
    -e "s/@PACKAGE@/local-writer$suffix/" packaging/linux/control.in > "$stage/DEBIAN/control"
# The CPU and CUDA packages install the same files: one replaces the other.
[ "$gpu" = cuda ] && printf 'Conflicts: local-writer\nReplaces: local-writer\n' >> "$stage/DEBIAN/control"
deb="$dist/local-writer${suffix}_${version}_${deb_arch}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$deb" >/dev/null

say "installing each artefact in a scratch root and running its self-test"
# Without a network where the system allows it (a network namespace of its own): the
# first start must need none.
offline=""
if unshare -rn true 2>/dev/null; then offline="unshare -rn"; fi
check_with() {  # $1: a command to run the app under ("" for none), $2: the installed
  local home; home="$(mktemp -d)"  # app folder, $3: what to call the run in the log
  LOCAL_WRITER_HOME="$home" QT_QPA_PLATFORM=offscreen $offline $1 "$2/writer-app" --self-test
  printf 'The lighthouse keeper climbed the stairs and' \
      | LOCAL_WRITER_HOME="$home" $offline $1 "$2/writer-app" complete --max-tokens 8 \
      > "$home/out.txt"
  [ -s "$home/out.txt" ] || { say "complete wrote nothing ($3)"; exit 1; }
  echo "complete${3:+ ($3)}: $(cat "$home/out.txt")"
  rm -rf "$home"
}
check() { check_with "" "$1" ""; }
scratch="$build/scratch"
mkdir -p "$scratch/deb" "$scratch/tar"
[ -n "$offline" ] && say "self-tests run with no network (unshare -rn)"
dpkg-deb -x "$deb" "$scratch/deb"
tar -C "$scratch/tar" -xzf "$tarball"
if [ "$gpu" = cpu ] || [ "${LOCAL_WRITER_GPU_PRESENT:-0}" = 1 ]; then
  check "$scratch/deb/opt/local-writer"
  check "$scratch/tar/local-writer"
else
  say "no GPU here: the CUDA build's self-test runs where LOCAL_WRITER_GPU_PRESENT=1"
fi

# The same artefact on processors older than this one, emulated. qemu-user does not follow
# exec: the engine process is started under the same emulated CPU through
# LOCAL_WRITER_ENGINE_WRAPPER, and the app's own process is given the environment that
# PyInstaller's bootloader (6.x) sets before it executes itself again, so that it goes
# straight on under qemu instead (checked with strace: one execve, qemu's own).
qemu_cpus="${LOCAL_WRITER_QEMU_CPUS-Haswell Nehalem}"
if [ "$gpu" = cpu ] && [ "$(uname -m)" = x86_64 ] && [ -n "$qemu_cpus" ]; then
  if ! command -v qemu-x86_64 >/dev/null 2>&1 && [ "$(id -u)" = 0 ] \
      && command -v apt-get >/dev/null 2>&1; then
    say "installing qemu-user to run the build on older CPU models"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user \
        >/dev/null
  fi
  if command -v qemu-x86_64 >/dev/null 2>&1; then
    app_dir="$scratch/tar/local-writer"
    for cpu in $qemu_cpus; do
      say "self-test under qemu-x86_64 -cpu $cpu"
      started=$SECONDS
      emulate="qemu-x86_64 -cpu $cpu"
      export LOCAL_WRITER_ENGINE_WRAPPER="$emulate" LD_LIBRARY_PATH="$app_dir/_internal" \
          _PYI_ARCHIVE_FILE="$app_dir/writer-app" _PYI_PARENT_PROCESS_LEVEL=-1
      check_with "$emulate" "$app_dir" "qemu $cpu"
      unset LOCAL_WRITER_ENGINE_WRAPPER LD_LIBRARY_PATH _PYI_ARCHIVE_FILE \
          _PYI_PARENT_PROCESS_LEVEL
      echo "qemu $cpu: passed in $((SECONDS - started)) s"
    done
    # Older than x86-64-v2 (what Qt 6 needs): words and exit status 3, never SIGILL.
    status=0
    LD_LIBRARY_PATH="$app_dir/_internal" _PYI_ARCHIVE_FILE="$app_dir/writer-app" \
        _PYI_PARENT_PROCESS_LEVEL=-1 qemu-x86_64 -cpu core2duo "$app_dir/writer-app" \
        --version > /dev/null 2> "$scratch/core2duo.txt" || status=$?
    refusal="$(grep "cannot run on this processor" "$scratch/core2duo.txt" || true)"
    if [ "$status" != 3 ] || [ -z "$refusal" ]; then
      say "on a Core 2 (qemu core2duo) the app ended with status $status:"
      cat "$scratch/core2duo.txt" >&2
      exit 1
    fi
    echo "qemu core2duo: refused with status 3: $refusal"
  else
    say "no qemu-x86_64: the build was not tried on older CPU models"
  fi
fi

for artefact in "$tarball" "$deb"; do
  echo "artefact: $(basename "$artefact") $(du -m "$artefact" | cut -f1) MB"
done
echo "artefact: installed folder $(du -sm "$app" | cut -f1) MB"
