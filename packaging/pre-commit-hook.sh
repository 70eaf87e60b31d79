#!/usr/bin/env bash
# The `aics-lint` pre-commit hook (.pre-commit-hooks.yaml): `aics-lint check` on the repository
# being committed to, with the hook's `args` passed on (paths, --select, --config, ...).
#
# Which binary runs, first match:
#   1. $AICS_LINT_BINARY, when set;
#   2. `aics-lint` on PATH, when its version is this hook's version (e.g. after
#      `cargo install --locked --path server/aics-lint` or a release download);
#   3. one built from this checkout of the hook repository, once (pre-commit keeps one checkout
#      per hook version, so the build is cached with it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/Cargo.toml" | head -1)"

if [ -n "${AICS_LINT_BINARY:-}" ]; then
  bin="$AICS_LINT_BINARY"
elif command -v aics-lint >/dev/null 2>&1 && [ "$(aics-lint --version 2>/dev/null)" = "aics-lint $version" ]; then
  bin="aics-lint"
else
  bin="$here/target/release/aics-lint"
  if [ ! -x "$bin" ]; then
    if ! command -v cargo >/dev/null 2>&1; then
      echo "aics-lint pre-commit hook: needs aics-lint $version on PATH, or cargo to build it." >&2
      echo "  Install it with: cargo install --locked --git <this repository> --tag v$version aics-lint" >&2
      echo "  or download a release binary; or set AICS_LINT_BINARY to one." >&2
      exit 2
    fi
    echo "aics-lint pre-commit hook: building aics-lint $version once (a few minutes)..." >&2
    cargo build --release --locked --quiet -p aics-lint --manifest-path "$here/Cargo.toml" --target-dir "$here/target" >&2
  fi
fi
exec "$bin" check --no-progress "$@"
