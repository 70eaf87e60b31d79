#!/usr/bin/env bash
# Real trees: `aics-lint check` on four public SDK checkouts at pinned commits, each alone
# and all four in one run, against ripgrep searching the same tree for the SDK function
# names of grammars/c/sdk.toml (the lower bound: reading the same bytes), with peak RSS.
#
#   AICS_REAL_TREES=/path/to/trees bash tests/bench/real-trees.sh
#   AICS_REAL_TREES=/path/to/trees BENCH_FETCH=1 bash tests/bench/real-trees.sh   # clone what is missing
#
# AICS_REAL_TREES holds one folder per checkout, named as below (a git checkout or an
# exported tree without .git). Missing ones are cloned at the pinned commit when
# BENCH_FETCH=1 (network, about 250 MB), otherwise the script says how to get them and
# skips them. AICS_BIN picks the binary (default: the release build of this checkout),
# so two builds can be compared on the same trees; BENCH_QUICK=1 takes 1 run instead of
# the best of 5. The findings of each tree are left in $BENCH_DIR/real-NAME.json (JSON
# format) to compare two builds. Then one more run of each prints its stages (`--stats`).
# Called from tests/bench/run.sh; results in docs/benchmarks.md.
#
# AICS_BASE_BIN=/path/to/another/aics-lint adds, per tree, that build, this one and
# ripgrep timed by turns (tests/bench/by-turns.py: 15 runs each, the commands alternating,
# so that a slower spell of the machine falls on all three alike); BENCH_INSTRUCTIONS=1
# also counts each one's instructions under callgrind (the steadiest measure of the work).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
runs=5
if [ -n "${BENCH_QUICK:-}" ]; then runs=1; fi

# name  repository  commit (the newest on the default branch when these figures were first taken)
trees=(
  "azure-iot-sdk-c Azure/azure-iot-sdk-c c86b2d6a510312ee77eb141ffe37cad8809a647d"
  "azure-sdk-for-c Azure/azure-sdk-for-c 19d99b758986eed912112786cc17ae6523bb24a5"
  "netxduo eclipse-threadx/netxduo bd5d12e9e601015a560b2e3bef0e78d63fc0d6c3"
  "azure-iot-middleware-freertos Azure/azure-iot-middleware-freertos 4502a309bf1c300507684cd4a341c6baf6eca698"
)

dir="${AICS_REAL_TREES:-}"
if [ -z "$dir" ]; then
  cat >&2 <<'EOF'
real trees: AICS_REAL_TREES is not set, so the real-tree benchmark was NOT run.
Get the four checkouts (submodules are not needed) into one folder and point AICS_REAL_TREES at it:
  mkdir -p ~/aics-trees && cd ~/aics-trees
  for t in "azure-iot-sdk-c Azure/azure-iot-sdk-c c86b2d6a510312ee77eb141ffe37cad8809a647d" \
           "azure-sdk-for-c Azure/azure-sdk-for-c 19d99b758986eed912112786cc17ae6523bb24a5" \
           "netxduo eclipse-threadx/netxduo bd5d12e9e601015a560b2e3bef0e78d63fc0d6c3" \
           "azure-iot-middleware-freertos Azure/azure-iot-middleware-freertos 4502a309bf1c300507684cd4a341c6baf6eca698"; do
    set -- $t; git init -q "$1" && git -C "$1" fetch -q --depth 1 "https://github.com/$2" "$3" && git -C "$1" checkout -q FETCH_HEAD
  done
or run this script with BENCH_FETCH=1 and AICS_REAL_TREES set to an empty folder.
EOF
  exit 0
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

present=()
for t in "${trees[@]}"; do
  set -- $t
  if [ ! -d "$dir/$1" ] && [ -n "${BENCH_FETCH:-}" ]; then
    echo "cloning $2 at $3 into $dir/$1…" >&2
    git init -q "$dir/$1" && git -C "$dir/$1" fetch -q --depth 1 "https://github.com/$2" "$3" && git -C "$dir/$1" checkout -q FETCH_HEAD
  fi
  if [ ! -d "$dir/$1" ]; then
    echo "real trees: $dir/$1 is missing ($2 at $3): not measured (BENCH_FETCH=1 clones it)" >&2
    continue
  fi
  if [ -d "$dir/$1/.git" ]; then
    head=$(git -C "$dir/$1" rev-parse HEAD 2>/dev/null || echo unknown)
    [ "$head" = "$3" ] || echo "real trees: warning: $dir/$1 is at $head, not the pinned $3" >&2
  fi
  present+=("$1")
done
[ ${#present[@]} -gt 0 ] || exit 0

if ! command -v rg >/dev/null 2>&1; then
  echo "installing ripgrep (Debian package) for the lower bound…" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; else sudo apt-get install -y -qq ripgrep >/dev/null; fi
fi
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi
fi

bin="${AICS_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --release --locked -q -p aics-lint
  bin="$root/target/release/aics-lint"
fi
scratch="${BENCH_DIR:-${TMPDIR:-/tmp}/aics-lint-bench}"
mkdir -p "$scratch"
python3 - "$root/grammars/c/sdk.toml" > "$scratch/sdk-names.txt" <<'PY'
import sys, tomllib
t = tomllib.load(open(sys.argv[1], "rb"))
print("\n".join(sorted({n for a in t["api"] for n in a["names"]})))
PY

# best wall seconds, its CPU seconds (user+sys) and the max RSS (MB) of $runs runs. The
# wall time is bash's microsecond clock around the run: /usr/bin/time's own has 10 ms
# steps, as long as ripgrep's whole run on three of the trees.
measure() {
  local best="" cpu="" rss=0 t u s r t0 t1
  for _ in $(seq "$runs"); do
    t0=$EPOCHREALTIME
    /usr/bin/time -f "%e %U %S %M" -o "$scratch/time.txt" "$@" >"$scratch/out.txt" 2>/dev/null || true
    t1=$EPOCHREALTIME
    read -r t u s r < <(tail -n 1 "$scratch/time.txt")
    t=$(awk "BEGIN{printf \"%.4f\", ${t1/,/.} - ${t0/,/.}}")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; cpu=$(awk "BEGIN{print $u+$s}"); fi
    [ "$r" -gt "$rss" ] && rss=$r
  done
  echo "$best $cpu $((rss / 1024))"
}

echo "real trees ($(nproc) cores, binary $bin, best of $runs, load before: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-32s %7s %7s %10s %8s %8s %9s %7s\n' "tree" "C/H" "MB" "aics-lint" "CPU s" "RSS MB" "ripgrep" "ratio"
row() {
  local label=$1; shift
  local files mb a cpu rss r
  files=$(find -H "$@" -type f \( -name '*.c' -o -name '*.h' \) | wc -l)
  mb=$(du -scbD "$@" | tail -n 1 | awk '{printf "%.0f", $1/1e6}')
  read -r a cpu rss < <(measure "$bin" check --no-progress --format json "$@")
  # The findings of the last run, to compare two builds' output on the same tree.
  mv "$scratch/out.txt" "$scratch/real-${label// /-}.json"
  read -r r _ _ < <(measure rg -F -l -f "$scratch/sdk-names.txt" "$@")
  printf '%-32s %7s %7s %9.3fs %8.2f %8s %8.3fs %6.1fx\n' "$label" "$files" "$mb" "$a" "$cpu" "$rss" "$r" "$(awk "BEGIN{print $a/($r>0?$r:0.001)}")"
}
all=()
for name in "${present[@]}"; do
  all+=("$dir/$name")
done
# Call $1 LABEL DIR... for each tree, then for all of them together.
each_tree() {
  local f=$1 name
  for name in "${present[@]}"; do
    "$f" "$name" "$dir/$name"
  done
  if [ ${#present[@]} -gt 1 ]; then
    "$f" "all ${#present[@]} together" "${all[@]}"
  fi
}
each_tree row

# Where each tree's time goes: the stages of one more run (`check --stats`; a binary from
# before the flag prints none).
if "$bin" check --help 2>/dev/null | grep -q -- '--stats'; then
  stages() {
    local label=$1; shift
    echo "== $label"
    # (Exit status 1 is findings.)
    { "$bin" check --no-progress --format json --stats "$@" 2>&1 >/dev/null || true; } | sed -n '/^aics-lint --stats/,$p' | tail -n +2
  }
  echo "stages (one run each, check --stats)"
  each_tree stages
fi

# Two builds and ripgrep by turns (see the header).
if [ -n "${AICS_BASE_BIN:-}" ]; then
  turns=15
  if [ -n "${BENCH_QUICK:-}" ]; then turns=3; fi
  extra=()
  if [ -n "${BENCH_INSTRUCTIONS:-}" ]; then extra=(--instructions); fi
  by_turns() {
    local label=$1; shift
    echo "== $label"
    python3 "$root/tests/bench/by-turns.py" --runs "$turns" "${extra[@]}" \
      --cmd "base=$AICS_BASE_BIN check --no-progress --format json" \
      --cmd "main=$bin check --no-progress --format json" \
      --cmd "ripgrep=rg -F -l -f $scratch/sdk-names.txt" -- "$@"
  }
  echo "by turns: base $AICS_BASE_BIN, main $bin"
  each_tree by_turns
fi
