#!/usr/bin/env bash
# Build Local Writer for macOS on the machine's own architecture (arm64 on Apple silicon,
# with Metal; x86_64 on Intel, CPU): "Local Writer.app" with the embedded model inside,
# its self-test, then dist/LocalWriter-VERSION-macos-ARCH.dmg, mounted and the app in it
# self-tested again. Prints each artefact's size.
#
# Signing and notarization run when their secrets are set (both skipped otherwise):
#   MACOS_SIGN_IDENTITY   "Developer ID Application: Name (TEAMID)", in the keychain
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   an app-specific password for notarytool
# Needs Python 3.11+ and the Xcode command line tools. Runs in .github/workflows/installers.yml.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf 'build: %s\n' "$*" >&2; }

arch="$(uname -m)"
if [ "$arch" = arm64 ]; then variant=metal; else variant=cpu; fi
venv="$root/build/venv-macos-$arch"
[ -d "$venv" ] || python3.11 -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install --quiet --upgrade pip
# A portable llama.cpp (packaging/llama_cpp_build.py): not tuned to the build machine's
# processor, so it runs on every Mac of its architecture (Metal on Apple silicon).
say "building llama.cpp ($variant, portable; it compiles once: several minutes)"
MACOSX_DEPLOYMENT_TARGET=11.0 "$py" packaging/llama_cpp_build.py portable
say "installing Local Writer and PyInstaller"
"$py" -m pip install --quiet "." "pyinstaller>=6.10"
version="$("$py" -c 'from writer_app import __version__; print(__version__)')"

# The .icns, made from the 512 px icon with Apple's own tools.
iconset="$root/build/local-writer.iconset"
rm -rf "$iconset"; mkdir -p "$iconset"
for size in 16 32 128 256 512; do
  sips -z "$size" "$size" resources/icons/local-writer-512.png --out "$iconset/icon_${size}x${size}.png" >/dev/null
  double=$((size * 2)); [ "$double" -le 512 ] || double=512
  sips -z "$double" "$double" resources/icons/local-writer-512.png --out "$iconset/icon_${size}x${size}@2x.png" >/dev/null
done
iconutil -c icns "$iconset" -o resources/icons/local-writer.icns

build="$root/build/macos-$arch"
rm -rf "$build"
say "freezing the app with PyInstaller"
"$py" -m PyInstaller --noconfirm --log-level WARN --distpath "$build/dist" \
    --workpath "$build/work" packaging/pyinstaller/local-writer.spec
app="$build/dist/Local Writer.app"
"$py" packaging/relink_duplicates.py "$app" >&2

check() {  # $1: the app bundle
  local home; home="$(mktemp -d)"
  LOCAL_WRITER_HOME="$home" QT_QPA_PLATFORM=offscreen "$1/Contents/MacOS/writer-app" --self-test
  printf 'The lighthouse keeper climbed the stairs and' \
      | LOCAL_WRITER_HOME="$home" "$1/Contents/MacOS/writer-app" complete --max-tokens 8 > "$home/out.txt"
  [ -s "$home/out.txt" ] || { say "complete wrote nothing"; exit 1; }
  echo "complete: $(cat "$home/out.txt")"
  rm -rf "$home"
}
check "$app"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  say "signing with $MACOS_SIGN_IDENTITY (hardened runtime)"
  # Inside out: every library and executable, then the bundle (no --deep: Apple advises
  # signing nested code explicitly).
  find "$app/Contents" -type f \( -name "*.dylib" -o -name "*.so" -o -perm -0100 \) -print0 |
    while IFS= read -r -d '' file; do
      codesign --force --timestamp --options runtime \
          --entitlements packaging/macos/entitlements.plist --sign "$MACOS_SIGN_IDENTITY" "$file"
    done
  codesign --force --timestamp --options runtime \
      --entitlements packaging/macos/entitlements.plist --sign "$MACOS_SIGN_IDENTITY" "$app"
  codesign --verify --strict --verbose=2 "$app"
else
  say "MACOS_SIGN_IDENTITY is not set: the app is not signed (Gatekeeper will ask)"
fi

say "making the .dmg"
mkdir -p dist
stage="$build/dmg"
rm -rf "$stage"; mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg="$root/dist/LocalWriter-$version-macos-$arch.dmg"
rm -f "$dmg"
hdiutil create -volname "Local Writer" -srcfolder "$stage" -ov -format UDZO "$dmg" >/dev/null
[ -n "${MACOS_SIGN_IDENTITY:-}" ] && codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ] && [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] \
    && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
  say "notarizing (this waits for Apple)"
  xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD" --wait
  xcrun stapler staple "$dmg"
  spctl --assess --type open --context context:primary-signature --verbose "$dmg"
else
  say "notarization skipped: it needs MACOS_SIGN_IDENTITY, APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD"
fi

say "checking the app inside the .dmg"
mount="$(mktemp -d)"
hdiutil attach "$dmg" -nobrowse -readonly -mountpoint "$mount" >/dev/null
check "$mount/Local Writer.app"
hdiutil detach "$mount" >/dev/null

echo "artefact: $(basename "$dmg") $(du -m "$dmg" | cut -f1) MB"
echo "artefact: installed app $(du -sm "$app" | cut -f1) MB"
