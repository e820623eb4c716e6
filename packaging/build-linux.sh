#!/usr/bin/env bash
# Build Local Writer for Linux: a one-folder PyInstaller build of the app with the
# embedded model inside, then dist/local-writer-VERSION-linux-ARCH[-cuda].tar.gz and
# dist/local-writer[-cuda]_VERSION_ARCH.deb; then install each into a scratch root and run
# the frozen app's --self-test and `complete` there. Prints each artefact's size.
#
#   bash packaging/build-linux.sh          the CPU build, from the project's .venv
#   LOCAL_WRITER_GPU=cuda bash packaging/build-linux.sh
#                                          llama.cpp with CUDA, in a build venv of its own
#                                          (needs the CUDA Toolkit; its self-test runs only
#                                          where LOCAL_WRITER_GPU_PRESENT=1)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_WRITER_HEADLESS=1 bash "$root/packaging/setup.sh"
cd "$root"
say() { printf 'build: %s\n' "$*" >&2; }
gpu="${LOCAL_WRITER_GPU:-cpu}"
case "$gpu" in
  cpu) py=.venv/bin/python; suffix="" ;;
  cuda)
    venv="$root/build/venv-linux-cuda"
    [ -d "$venv" ] || .venv/bin/python -m venv "$venv"
    py="$venv/bin/python"
    say "installing llama.cpp with CUDA into $venv (it compiles: many minutes)"
    CMAKE_ARGS="-DGGML_CUDA=on" FORCE_CMAKE=1 "$py" -m pip install --quiet "."
    suffix="-cuda" ;;
  *) say "LOCAL_WRITER_GPU must be cpu or cuda, not $gpu"; exit 2 ;;
esac

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
check() {  # $1: the installed app folder
  local home; home="$(mktemp -d)"
  LOCAL_WRITER_HOME="$home" QT_QPA_PLATFORM=offscreen $offline "$1/writer-app" --self-test
  printf 'The lighthouse keeper climbed the stairs and' \
      | LOCAL_WRITER_HOME="$home" $offline "$1/writer-app" complete --max-tokens 8 \
      > "$home/out.txt"
  [ -s "$home/out.txt" ] || { say "complete wrote nothing"; exit 1; }
  echo "complete: $(cat "$home/out.txt")"
  rm -rf "$home"
}
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

for artefact in "$tarball" "$deb"; do
  echo "artefact: $(basename "$artefact") $(du -m "$artefact" | cut -f1) MB"
done
echo "artefact: installed folder $(du -sm "$app" | cut -f1) MB"
