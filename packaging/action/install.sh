#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): downloads the release binary for this runner,
# checks its SHA-256, and puts it on PATH for the following steps.
# Environment: AICS_LINT_VERSION (e.g. 0.1.0 or v0.1.0; "latest" for the newest release),
# AICS_LINT_REPOSITORY (owner/name of the releases), RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP,
# GITHUB_PATH; AICS_LINT_RELEASE_BASE replaces https://github.com/REPO/releases/download/vVERSION
# (a mirror, or file:// in tests).
set -euo pipefail
fail() {
  echo "::error title=aics-lint install::$*"
  echo "aics-lint install: $*" >&2
  exit 1
}

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-gnu ;;
  Linux/ARM64) target=aarch64-unknown-linux-gnu ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *) fail "no release binary for runner ${RUNNER_OS:-?}/${RUNNER_ARCH:-?} (Linux X64/ARM64, macOS X64/ARM64, Windows X64); build it with cargo install --locked --path server/aics-lint" ;;
esac
archive="aics-lint-$target.tar.gz"
[ "$target" = x86_64-pc-windows-msvc ] && archive="aics-lint-$target.zip"

version="${AICS_LINT_VERSION:-latest}"
repo="${AICS_LINT_REPOSITORY:-}"
if [ -n "${AICS_LINT_RELEASE_BASE:-}" ]; then
  base="${AICS_LINT_RELEASE_BASE%/}"
elif [ "$version" = latest ]; then
  [ -n "$repo" ] || fail "AICS_LINT_REPOSITORY is not set"
  base="https://github.com/$repo/releases/latest/download"
else
  [ -n "$repo" ] || fail "AICS_LINT_REPOSITORY is not set"
  base="https://github.com/$repo/releases/download/v${version#v}"
fi

dest="${RUNNER_TEMP:-$(mktemp -d)}/aics-lint"
rm -rf "$dest"
mkdir -p "$dest"
fetch() { # URL FILE
  curl --fail --silent --show-error --location --retry 3 --output "$2" "$1" || fail "could not download $1"
}
fetch "$base/$archive" "$dest/$archive"
fetch "$base/$archive.sha256" "$dest/$archive.sha256"
want="$(awk '{print $1}' "$dest/$archive.sha256")"
if command -v sha256sum >/dev/null 2>&1; then
  got="$(sha256sum "$dest/$archive" | awk '{print $1}')"
else
  got="$(shasum -a 256 "$dest/$archive" | awk '{print $1}')"
fi
[ "$want" = "$got" ] || fail "checksum mismatch for $archive: expected $want, got $got"

case "$archive" in
  *.zip) (cd "$dest" && unzip -q "$archive") ;;
  *) tar -xzf "$dest/$archive" -C "$dest" ;;
esac
bindir="$dest/aics-lint-$target"
exe="$bindir/aics-lint"
[ -f "$exe" ] || [ -f "$exe.exe" ] || fail "$archive holds no aics-lint binary"
echo "$bindir" >>"${GITHUB_PATH:-/dev/null}"
echo "aics-lint: installed $("$bindir/aics-lint" --version 2>/dev/null || echo "$archive") into $bindir"
