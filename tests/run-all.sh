#!/usr/bin/env bash
# The one test command: every test of the project. `.ci/run` calls it; so does a developer.
# It installs what its tests need. Under CI=true nothing is skipped for a missing tool or
# missing data: it is installed, or the run fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

export AICS_LINT_DATA="${AICS_LINT_DATA:-$root/../shared/data}"
if [ ! -d "$AICS_LINT_DATA" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "tests/run-all.sh: the shared data folder $AICS_LINT_DATA is missing (set AICS_LINT_DATA); CI needs it" >&2
    exit 1
  fi
  echo "tests/run-all.sh: no shared data at $AICS_LINT_DATA: the data tests will say so and count as skipped"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "tests/run-all.sh: cargo is not installed; install Rust (rustup) first" >&2
  exit 1
fi

# Unit, fixture, snapshot, CLI and data tests of every crate. `--locked`: the lock file is
# the truth in CI. Snapshots never update themselves here.
export INSTA_UPDATE=no
cargo test --workspace --locked

# --- language server end-to-end (tests/lsp, tests/editors) ---
# `aics-lint server` over stdio, driven by pytest-lsp under the recorded capabilities of
# VS Code, Neovim and Emacs, and by real Neovim 0.7 / 0.11 and Emacs + eglot in batch mode.
# tests/lsp/run.sh installs what it needs (a venv in target/lsp-venv; apt-get under CI) and
# ends with `lsp-e2e: N passed, N failed`.
cargo build -p aics-lint --locked
bash tests/lsp/run.sh
# --- end of language server end-to-end ---

# --- VS Code extension (client/, tests/vscode) ---
# Unit tests of the client, then the extension in a real VS Code (code-server + headless
# Chromium), from client/ and as the packaged .vsix. Installs its tools (npm, apt) on first use.
bash tests/vscode/run.sh
# --- end of the VS Code extension section ---

# --- soak (tests/soak) ---
# The language server under random edits for ~30 s: what it publishes after each quiet
# period must equal a fresh `aics-lint check --format json` on the same texts, and its
# memory must not keep growing. The 5-minute run: tests/soak/run.sh (see its header).
if command -v python3 >/dev/null 2>&1; then
  cargo build --release --locked -p aics-lint
  python3 tests/soak/soak.py --binary target/release/aics-lint --duration "${AICS_SOAK_SECONDS:-30}" --seed "${AICS_SOAK_SEED:-1}"
elif [ "${CI:-}" = "true" ]; then
  echo "tests/run-all.sh: python3 is missing; the soak test needs it" >&2
  exit 1
else
  echo "tests/run-all.sh: no python3: the soak test is skipped"
fi
