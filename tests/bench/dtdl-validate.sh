#!/usr/bin/env bash
# Validation verdicts and time: aics-dtdl's validator vs the official DTDL
# parser over the public model repository (19,255 DTDL v2 files). Each file is
# validated with what its references need from the repository; the two
# verdict lists (valid / invalid per file) must agree on every file.
#
#   tests/bench/dtdl-validate.sh            # data from $AICS_LINT_DATA or ../shared/data
#
# The official parser (npm @digicatapult/dtdl-parser) is installed in a
# scratch folder under /tmp, never in the repository.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${AICS_LINT_DATA:-$root/../shared/data}"
repo="$data/pnp-models"
scratch="${DTDL_BENCH_SCRATCH:-/tmp/aics-dtdl-bench}"
out="${DTDL_VALIDATE_OUT:-/tmp/aics-dtdl-validate}"
threads="$(nproc)"
mkdir -p "$out"

[ -d "$repo/dtmi" ] || { echo "dtdl-validate: no model repository at $repo (set AICS_LINT_DATA)" >&2; exit 2; }

echo "== building aics-dtdl validate_corpus (release)"
cargo build --release -q -p aics-dtdl --example validate_corpus --manifest-path "$root/Cargo.toml"
bench="${CARGO_TARGET_DIR:-$root/target}/release/examples/validate_corpus"

echo "== aics-dtdl"
ours1="$("$bench" "$repo" --threads 1 --verdicts "$out/aics-dtdl.txt" | tee /dev/stderr | sed -n 's/^aics-dtdl-seconds: //p')"
oursn="$("$bench" "$repo" --threads "$threads" | tee /dev/stderr | sed -n 's/^aics-dtdl-seconds: //p')"

echo "== official parser (npm @digicatapult/dtdl-parser in $scratch)"
if [ ! -f "$scratch/node_modules/@digicatapult/dtdl-parser/package.json" ]; then
  mkdir -p "$scratch"
  (cd "$scratch" && npm init -y >/dev/null && npm install --no-audit --no-fund @digicatapult/dtdl-parser >/dev/null)
fi
official="$(node "$root/tests/bench/dtdl-validate-official.mjs" "$scratch" "$repo" "$out/official.txt" \
  | tee /dev/stderr | sed -n 's/^official-seconds: //p')"

echo "== verdicts"
verdicts() { sed 's/:.*//' "$1" | sort -k2; }
if diff <(verdicts "$out/aics-dtdl.txt") <(verdicts "$out/official.txt") > "$out/diff.txt"; then
  same=yes
  echo "same verdict on all $(wc -l < "$out/official.txt") files ($(grep -c '^valid' "$out/official.txt") valid)"
else
  same=no
  echo "verdicts differ on $(grep -c '^<' "$out/diff.txt") files: see $out/diff.txt (details in $out/aics-dtdl.txt, $out/official.txt)"
fi

echo "== time"
awk -v o="$official" -v a="$ours1" -v b="$oursn" -v n="$threads" 'BEGIN {
  printf "official parser (1 thread):   %6.2f s\n", o
  printf "aics-dtdl validate, 1 thread: %6.2f s (%.1fx faster)\n", a, o / a
  printf "aics-dtdl validate, %d threads: %5.2f s (%.1fx faster)\n", n, b, o / b
}'
[ "$same" = yes ]
