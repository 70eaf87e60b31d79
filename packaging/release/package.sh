#!/usr/bin/env bash
# Packs one release binary as the release workflow uploads it and the GitHub Action downloads it:
#   OUT/aics-lint-TARGET.tar.gz (.zip for Windows)   the binary, README.md, LICENSE
#   OUT/aics-lint-TARGET.tar.gz.sha256                its SHA-256, as `sha256sum` prints it
#   OUT/aics-lint-TARGET-debuginfo.tar.gz             the split debug info, when there is any
# usage: packaging/release/package.sh TARGET BINARY [OUT]   (OUT defaults to target/dist)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ "$#" -lt 2 ]; then
  echo "usage: $0 TARGET BINARY [OUT]" >&2
  exit 2
fi
target="$1"
bin="$2"
out="${3:-$root/target/dist}"
if [ ! -f "$bin" ]; then
  echo "package.sh: no binary at $bin" >&2
  exit 2
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
name="aics-lint-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
exe="aics-lint"
case "$target" in *windows*) exe="aics-lint.exe" ;; esac
cp "$bin" "$stage/$name/$exe"
chmod 755 "$stage/$name/$exe"
cp "$root/README.md" "$root/LICENSE" "$stage/$name/"

sha() { # FILE -> FILE.sha256 with the file's base name, as sha256sum prints it
  (cd "$(dirname "$1")" && if command -v sha256sum >/dev/null 2>&1; then sha256sum "$(basename "$1")"; else shasum -a 256 "$(basename "$1")"; fi) >"$1.sha256"
}

case "$target" in
  *windows*)
    archive="$out/$name.zip"
    rm -f "$archive"
    if command -v 7z >/dev/null 2>&1; then
      (cd "$stage" && 7z a -tzip -bso0 "$archive" "$name")
    else
      (cd "$stage" && zip -qr "$archive" "$name")
    fi
    ;;
  *)
    archive="$out/$name.tar.gz"
    tar -czf "$archive" -C "$stage" "$name"
    ;;
esac
sha "$archive"

# Split debug info (profile.dist: Linux .dwp, macOS .dSYM, Windows .pdb), for symbolising
# crash reports; kept out of the binary users download.
dbg=()
for d in "$bin.dwp" "${bin%.exe}.pdb" "$bin.dSYM"; do
  [ -e "$d" ] && dbg+=("$d")
done
if [ "${#dbg[@]}" -gt 0 ]; then
  mkdir "$stage/$name-debuginfo"
  cp -R "${dbg[@]}" "$stage/$name-debuginfo/"
  tar -czf "$out/$name-debuginfo.tar.gz" -C "$stage" "$name-debuginfo"
  sha "$out/$name-debuginfo.tar.gz"
fi
echo "$archive"
