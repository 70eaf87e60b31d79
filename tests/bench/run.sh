#!/usr/bin/env bash
# Performance at scale, in one run: aics-lint against the lower bounds of the same work.
#
#   AICS_REAL_TREES=DIR bash tests/bench/run.sh   # also the real SDK checkouts (real-trees.sh)
#   bash tests/bench/run.sh            # everything (about 5 minutes on 2 cores)
#   BENCH_QUICK=1 bash tests/bench/run.sh   # 1 run each instead of the best of 3, 100 LSP edits
#
# 0. Real trees (tests/bench/real-trees.sh): four public SDK checkouts at pinned commits,
#    each alone and all together, vs ripgrep, with peak RSS; skipped with instructions
#    when AICS_REAL_TREES is not set. Then the model repository (tests/bench/model-repo.sh):
#    check on its 19,255 models vs ripgrep and the official parser, with peak RSS.
# 1. Firmware tree: 10,000 generated C files (~5% IoT code, the rest RTOS/driver/library
#    code), `aics-lint check --models $AICS_LINT_DATA/pnp-models` vs `rg` searching the
#    same tree for the SDK function names of grammars/c/sdk.toml (reading the same bytes).
# 2. All-relevant tree: 2,000 files of IoT code, the whole analysis vs parsing alone with
#    tree-sitter-c (server/aics-core/examples/bench_analyze.rs, one process).
# 3. 1, 2 and all cores (RAYON_NUM_THREADS / rg -j), 1,000 vs 10,000 files, peak memory.
# 4. The language server (tests/bench/lsp_bench.py): keystroke-to-diagnostics latency,
#    time to first diagnostics on the 10,000-file tree, memory after indexing it.
# Results and the machine they were taken on: docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
data="${AICS_LINT_DATA:-$root/../shared/data}"
data="$(cd "$data" && pwd)"
runs=3
edits=500
if [ -n "${BENCH_QUICK:-}" ]; then runs=1; edits=100; fi

if ! command -v rg >/dev/null 2>&1; then
  echo "installing ripgrep (Debian package) for the lower bound…" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; else sudo apt-get install -y -qq ripgrep >/dev/null; fi
fi
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; fi
fi

cargo build --release --locked -q -p aics-lint -p aics-core --example bench_analyze
bin="$root/target/release/aics-lint"
bench_analyze="$root/target/release/examples/bench_analyze"

scratch="${BENCH_DIR:-${TMPDIR:-/tmp}/aics-lint-bench}"
mkdir -p "$scratch"
gen() { [ -d "$scratch/$1" ] || python3 tests/bench/gen_firmware.py "$scratch/$1" "${@:2}" >/dev/null; }
gen fw10k --files 10000 --iot-fraction 0.05 --telemetry 12
gen fw1k --files 1000 --iot-fraction 0.05 --telemetry 12
gen iot2k --files 2000 --iot-fraction 1.0 --telemetry 12
python3 - "$root/grammars/c/sdk.toml" > "$scratch/sdk-names.txt" <<'PY'
import sys, tomllib
t = tomllib.load(open(sys.argv[1], "rb"))
print("\n".join(sorted({n for a in t["api"] for n in a["names"]})))
PY

all=$(nproc)
# best wall seconds and max RSS (MB) of $runs runs of a command
measure() {
  local best="" rss=0 t r
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$scratch/time.txt" "$@" >/dev/null 2>&1 || true
    read -r t r < "$scratch/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    [ "$r" -gt "$rss" ] && rss=$r
  done
  echo "$best $((rss / 1024))"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "data: $data/pnp-models ($(find "$data/pnp-models/dtmi" -name '*.json' | wc -l) models, read lazily)"
echo
# Real trees first (the four SDK checkouts of tests/bench/real-trees.sh, when
# AICS_REAL_TREES names their folder; otherwise it says how to get them).
AICS_BIN="$bin" BENCH_DIR="$scratch" bash tests/bench/real-trees.sh
echo
# The model repository: check on all 19,255 models vs ripgrep and the official parser.
AICS_BIN="$bin" BENCH_DIR="$scratch" AICS_LINT_DATA="$data" bash tests/bench/model-repo.sh
echo
printf '%-34s %8s %10s %8s %10s %8s\n' "firmware tree (5% IoT)" "cores" "aics-lint" "RSS MB" "ripgrep" "ratio"
for tree in fw1k fw10k; do
  files=$(find "$scratch/$tree" -name '*.c' | wc -l)
  mb=$(du -sb "$scratch/$tree/src" | awk '{printf "%.1f", $1/1e6}')
  for cores in $(printf '%s\n' 1 2 "$all" | awk '!seen[$0]++'); do
    label="$cores"; [ "$cores" = "$all" ] && label="$cores (all)"
    read -r a arss < <(RAYON_NUM_THREADS=$cores measure "$bin" check --models "$data/pnp-models" "$scratch/$tree")
    read -r r _ < <(measure rg -j "$cores" -F -l -f "$scratch/sdk-names.txt" "$scratch/$tree")
    printf '%-34s %8s %9.2fs %8s %9.2fs %7.1fx\n' "$files files, $mb MB" "$label" "$a" "$arss" "$r" "$(awk "BEGIN{print $a/($r>0?$r:0.001)}")"
    [ "$cores" = "$all" ] && eval "t_$tree=$a"
  done
done
echo "growth 1,000 -> 10,000 files (all cores): $(awk "BEGIN{printf \"%.1fx time for 10x files\", $t_fw10k/$t_fw1k}")"
echo
echo "all-relevant tree (2,000 IoT files): whole analysis vs tree-sitter-c parse only"
for cores in $(printf '%s\n' 1 2 "$all" | awk '!seen[$0]++'); do
  RAYON_NUM_THREADS=$cores "$bench_analyze" "$scratch/iot2k" "$runs" | sed "s/^/  cores=$cores: /"
done
echo
python3 tests/bench/lsp_bench.py --binary "$bin" --model "$data/pnp-models/dtmi/impinj/r700-134.json" --workspace "$scratch/fw10k" --edits "$edits" ${DTDL_LS:+--dtdl-ls "$DTDL_LS"}
