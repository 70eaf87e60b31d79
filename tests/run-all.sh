#!/usr/bin/env bash
# The one test command: every test of the project. `.ci/run` calls it; so does a developer.
# It installs what its tests need (see README.md, "What the test command installs"). Under
# CI=true nothing is skipped for a missing tool or missing data: it is installed, or the run fails.
#
# Every section runs even when an earlier one failed; each failure's cause is printed where it
# happens and again at the end, under one summary table. Exit status: 0 when every section
# passed, 1 otherwise. The last line is `run-all: N passed, N failed` (tests counted across all
# sections; a section that failed without counting its tests adds one failure).
#
# One section alone: `bash tests/run-all.sh SECTION...` with the names of the table
# (cargo, lsp, vscode, integrations, soak).
set -uo pipefail
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

logs="$root/target/run-all"
mkdir -p "$logs"
all_sections=(cargo lsp vscode integrations soak)
if [ "$#" -gt 0 ]; then
  wanted=("$@")
  for w in "${wanted[@]}"; do
    case " ${all_sections[*]} " in
      *" $w "*) ;;
      *) echo "tests/run-all.sh: no section '$w' (sections: ${all_sections[*]})" >&2; exit 2 ;;
    esac
  done
else
  wanted=("${all_sections[@]}")
fi

# --- the sections ---------------------------------------------------------------------------

# Unit, fixture, snapshot, CLI and data tests of every crate. `--locked`: the lock file is the
# truth in CI. Snapshots never update themselves here.
sec_cargo() {
  INSTA_UPDATE=no cargo test --workspace --locked
}

# `aics-lint server` over stdio, driven by pytest-lsp under the recorded capabilities of VS Code,
# Neovim and Emacs, and by real Neovim 0.7 / 0.11 and Emacs + eglot in batch mode. tests/lsp/run.sh
# installs what it needs (a venv in target/lsp-venv; apt-get under CI) and ends with
# `lsp-e2e: N passed, N failed`.
sec_lsp() {
  cargo build -p aics-lint --locked && bash tests/lsp/run.sh
}

# Unit tests of the client, then the extension in a real VS Code (code-server + headless
# Chromium), from client/ and as the packaged .vsix. Installs its tools (npm, apt) on first use.
sec_vscode() {
  bash tests/vscode/run.sh
}

# What users copy into their own CI: the pre-commit hook (pre-commit from PyPI in a temporary
# repository), the GitHub Action's script run locally, the release workflow's packaging step.
sec_integrations() {
  bash tests/integrations/run.sh
}

# The language server under random edits for ~30 s: what it publishes after each quiet period must
# equal a fresh `aics-lint check --format json` on the same texts, and its memory must not keep
# growing. The 5-minute run: tests/soak/run.sh (see its header).
sec_soak() {
  if ! command -v python3 >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
      echo "FAILED: python3 is missing; the soak test needs it"
      return 1
    fi
    echo "soak: skipped: no python3"
    return 0
  fi
  cargo build --release --locked -p aics-lint &&
    python3 tests/soak/soak.py --binary target/release/aics-lint --duration "${AICS_SOAK_SECONDS:-30}" --seed "${AICS_SOAK_SEED:-1}"
}

# --- running them ---------------------------------------------------------------------------

total_passed=0
total_failed=0
rows=()
causes=()

# Counts of a section's log: cargo's `test result:` lines summed, else the section's own
# `NAME: N passed, N failed` line (the last one).
count() {
  local log="$1" p f
  if grep -q '^test result: ' "$log"; then
    p=$(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
  else
    local line
    line=$(grep -E '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    p=$(echo "$line" | sed -nE 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed.*/\1/p')
    f=$(echo "$line" | sed -nE 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed.*/\2/p')
  fi
  echo "${p:-} ${f:-}"
}

# The lines of a failed section's log that say why: failed tests, panics, FAILED lines, errors.
why() {
  grep -E -e '^(FAILED|failures:|---- )' -e 'FAILED' -e 'panicked at' -e '^error(\[|:)' -e '^E  ' -e ' FAILED ' "$1" |
    grep -v -e '^test result: ' | head -25
}

for s in "${wanted[@]}"; do
  log="$logs/$s.log"
  echo
  echo "=== tests/run-all.sh: section $s (log: $log)"
  t0=$(date +%s)
  "sec_$s" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  secs=$(( $(date +%s) - t0 ))
  read -r p f <<<"$(count "$log")"
  # A section that counts no tests of its own (the soak run) is one test.
  [ -z "$p" ] && [ -z "$f" ] && [ "$rc" -eq 0 ] && p=1
  p=${p:-0}
  if [ -z "$f" ]; then
    f=0
    [ "$rc" -ne 0 ] && f=1
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 # it failed outside its tests (a build, an install): that is one failure
  fi
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
  if [ "$rc" -eq 0 ]; then
    rows+=("$(printf '%-13s %-7s %6s %6s %6ss' "$s" ok "$p" "$f" "$secs")")
  else
    rows+=("$(printf '%-13s %-7s %6s %6s %6ss' "$s" FAILED "$p" "$f" "$secs")")
    cause=$(why "$log")
    [ -z "$cause" ] && cause=$(tail -5 "$log")
    causes+=("--- $s (exit $rc, full log $log):"$'\n'"$cause")
    echo "=== tests/run-all.sh: section $s FAILED (exit $rc):"
    echo "$cause"
  fi
done

echo
echo "=== tests/run-all.sh: summary"
printf '%-13s %-7s %6s %6s %7s\n' section result passed failed time
for r in "${rows[@]}"; do
  echo "$r"
done
if [ "${#causes[@]}" -gt 0 ]; then
  echo
  echo "why:"
  for c in "${causes[@]}"; do
    echo "$c"
  done
fi
echo "run-all: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ] && [ "${#causes[@]}" -eq 0 ]
