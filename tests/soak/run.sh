#!/usr/bin/env bash
# The language-server soak, 5 minutes by default (tests/run-all.sh runs ~30 s of it):
#   bash tests/soak/run.sh [SECONDS] [SEED]
# Random opens, edits and closes over copies of the example and some fixture programs;
# after each quiet period the published diagnostics must equal a fresh
# `aics-lint check --format json` on the same texts, and resident memory must not grow.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cargo build --release --locked -p aics-lint
exec nice -n 10 python3 tests/soak/soak.py --binary target/release/aics-lint --duration "${1:-300}" --seed "${2:-1}"
