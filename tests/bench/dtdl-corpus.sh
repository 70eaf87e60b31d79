#!/usr/bin/env bash
# Benchmark: aics-dtdl vs the official DTDL parser over the public model
# repository (19,255 DTDL v2 files). Both parse every file and resolve its
# references through the repository layout.
#
#   tests/bench/dtdl-corpus.sh            # data from $AICS_LINT_DATA or ../shared/data
#
# The official parser (DTDLParser as WebAssembly, npm @digicatapult/dtdl-parser)
# is installed in a scratch folder under /tmp, never in the repository.
# Set DTDL_OFFICIAL_EXTRA=--no-resolve to time it without resolution.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${AICS_LINT_DATA:-$root/../shared/data}"
repo="$data/pnp-models"
scratch="${DTDL_BENCH_SCRATCH:-/tmp/aics-dtdl-bench}"
threads="$(nproc)"

[ -d "$repo/dtmi" ] || { echo "dtdl-corpus: no model repository at $repo (set AICS_LINT_DATA)" >&2; exit 2; }

echo "== building aics-dtdl bench (release)"
cargo build --release -q -p aics-dtdl --example bench_corpus --manifest-path "$root/Cargo.toml"
bench="${CARGO_TARGET_DIR:-$root/target}/release/examples/bench_corpus"

echo "== aics-dtdl"
run() { "$bench" "$repo" "$@" | tee /dev/stderr | sed -n 's/^aics-dtdl-seconds: //p'; }
ours1="$(run --threads 1)"
oursn="$(run --threads "$threads")"
ts1="$(run --threads 1 --tree-sitter)"

echo "== official parser (npm @digicatapult/dtdl-parser in $scratch)"
if [ ! -f "$scratch/node_modules/@digicatapult/dtdl-parser/package.json" ]; then
  mkdir -p "$scratch"
  (cd "$scratch" && npm init -y >/dev/null && npm install --no-audit --no-fund @digicatapult/dtdl-parser >/dev/null)
fi
official="$(node "$root/tests/bench/dtdl-official-parser.mjs" "$scratch" "$repo" ${DTDL_OFFICIAL_EXTRA:-} \
  | tee /dev/stderr | sed -n 's/^official-seconds: //p')"

echo "== result"
awk -v o="$official" -v a="$ours1" -v b="$oursn" -v t="$ts1" -v n="$threads" 'BEGIN {
  printf "official parser (1 thread): %.2f s\n", o
  printf "aics-dtdl, repository reader (lexer), 1 thread: %.2f s (%.1fx faster)\n", a, o / a
  printf "aics-dtdl, repository reader (lexer), %d threads: %.2f s (%.1fx faster)\n", n, b, o / b
  printf "aics-dtdl, workspace reader (tree-sitter), 1 thread: %.2f s (%.1fx faster)\n", t, o / t
}'
