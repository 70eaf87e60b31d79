#!/usr/bin/env bash
# The GitHub Action's check step (action.yml): `aics-lint check --format sarif` into a file,
# with the exit status as the step output `exit-code` (0 clean, 1 findings) and the number of
# findings as `findings`. A run that failed (exit 2: a wrong path, a broken config) fails here.
# Environment: AICS_LINT_PATHS (space-separated, default .), AICS_LINT_ARGS (extra arguments),
# AICS_LINT_SARIF (output file), GITHUB_OUTPUT.
set -uo pipefail
sarif="${AICS_LINT_SARIF:-aics-lint.sarif}"
read -r -a paths <<<"${AICS_LINT_PATHS:-.}"
read -r -a extra <<<"${AICS_LINT_ARGS:-}"
aics-lint check --no-progress --format sarif "${extra[@]}" "${paths[@]}" >"$sarif"
code=$?
if [ "$code" -ge 2 ]; then
  echo "::error title=aics-lint::aics-lint check failed (exit $code); its message is above"
  exit "$code"
fi
# Results that count: not suppressed, at warning level or above (as the exit status counts).
findings="$(grep -c '"ruleId"' "$sarif" || true)"
if command -v python3 >/dev/null 2>&1; then
  findings="$(python3 -c '
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
print(sum(1 for run in runs for r in run.get("results", [])
          if not r.get("suppressions") and r.get("level", "warning") in ("warning", "error")))' "$sarif")"
fi
{
  echo "exit-code=$code"
  echo "findings=$findings"
  echo "sarif-file=$sarif"
} >>"${GITHUB_OUTPUT:-/dev/null}"
echo "aics-lint: $findings finding(s) at warning level or above; SARIF in $sarif"
exit 0
