#!/usr/bin/env bash
# What users copy into their own CI, exercised as they would use it:
#  - the release packaging (packaging/release/package.sh) of the release binary;
#  - the GitHub Action's scripts (action.yml -> packaging/action/install.sh, run.sh) run locally:
#    install from the packed release through a file:// base, check the example into SARIF;
#  - the pre-commit hook (.pre-commit-hooks.yaml) with pre-commit from PyPI in a temporary
#    repository whose config points at a copy of this repository;
#  - the workflow and action files parse, and name only scripts that exist.
# Installs pre-commit into target/integrations-venv. Last line: `integrations: N passed, N failed`.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out="$root/target/integrations"
rm -rf "$out"
mkdir -p "$out"
passed=0
failed=0
ok() {
  echo "ok     $1"
  passed=$((passed + 1))
}
bad() {
  echo "FAILED $1"
  shift
  for l in "$@"; do echo "       $l"; done
  failed=$((failed + 1))
}
finish() {
  echo "integrations: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
export GIT_AUTHOR_NAME=aics-lint-tests GIT_AUTHOR_EMAIL=tests@aics-lint.invalid
export GIT_COMMITTER_NAME=aics-lint-tests GIT_COMMITTER_EMAIL=tests@aics-lint.invalid

if ! cargo build --release --locked -q -p aics-lint 2>"$out/cargo.log"; then
  cat "$out/cargo.log"
  bad "cargo build --release -p aics-lint"
  finish
fi
bin="$root/target/release/aics-lint"
version="$("$bin" --version | awk '{print $2}')"

case "$(uname -m)" in
  x86_64) triple=x86_64-unknown-linux-gnu runner_arch=X64 ;;
  aarch64) triple=aarch64-unknown-linux-gnu runner_arch=ARM64 ;;
  *) triple="$(uname -m)-unknown-linux-gnu" runner_arch=unsupported ;;
esac

# --- release packaging ------------------------------------------------------------------------
dist="$out/dist"
if bash packaging/release/package.sh "$triple" "$bin" "$dist" >"$out/package.log" 2>&1 &&
   [ -f "$dist/aics-lint-$triple.tar.gz" ] && (cd "$dist" && sha256sum -c --quiet "aics-lint-$triple.tar.gz.sha256") &&
   tar -tzf "$dist/aics-lint-$triple.tar.gz" >"$out/package.list" && grep -qx "aics-lint-$triple/aics-lint" "$out/package.list" &&
   grep -qx "aics-lint-$triple/LICENSE" "$out/package.list"; then
  ok "package.sh packs the binary with README and LICENSE, and a checksum that verifies"
else
  bad "package.sh" "$(tail -3 "$out/package.log")"
fi

# --- the GitHub Action's scripts ----------------------------------------------------------------
gh_env() { # a fresh runner: temp dir, PATH and output files
  local d="$1"
  rm -rf "$d"
  mkdir -p "$d/temp"
  : >"$d/path"
  : >"$d/output"
}
run_env="$out/runner"
gh_env "$run_env"
if env RUNNER_OS=Linux RUNNER_ARCH="$runner_arch" RUNNER_TEMP="$run_env/temp" GITHUB_PATH="$run_env/path" \
     AICS_LINT_VERSION="$version" AICS_LINT_REPOSITORY=example/aics-lint AICS_LINT_RELEASE_BASE="file://$dist" \
     bash packaging/action/install.sh >"$out/install.log" 2>&1 &&
   installed="$(head -1 "$run_env/path")" && [ "$("$installed/aics-lint" --version)" = "aics-lint $version" ]; then
  ok "action install.sh downloads the release archive, verifies it and puts aics-lint $version on PATH"
else
  bad "action install.sh" "$(tail -3 "$out/install.log")"
  installed=""
fi

tampered="$out/tampered"
mkdir -p "$tampered"
cp "$dist"/aics-lint-"$triple".tar.gz* "$tampered/" 2>/dev/null
echo "0000000000000000000000000000000000000000000000000000000000000000  aics-lint-$triple.tar.gz" >"$tampered/aics-lint-$triple.tar.gz.sha256"
gh_env "$out/runner-tampered"
if env RUNNER_OS=Linux RUNNER_ARCH="$runner_arch" RUNNER_TEMP="$out/runner-tampered/temp" GITHUB_PATH="$out/runner-tampered/path" \
     AICS_LINT_RELEASE_BASE="file://$tampered" bash packaging/action/install.sh >"$out/tampered.log" 2>&1; then
  bad "action install.sh accepted an archive whose checksum does not match"
elif grep -q 'checksum mismatch' "$out/tampered.log" && [ ! -s "$out/runner-tampered/path" ]; then
  ok "action install.sh refuses an archive whose checksum does not match, and adds nothing to PATH"
else
  bad "action install.sh on a bad checksum said" "$(tail -2 "$out/tampered.log")"
fi

if env RUNNER_OS=FreeBSD RUNNER_ARCH=X64 GITHUB_PATH=/dev/null bash packaging/action/install.sh >"$out/os.log" 2>&1; then
  bad "action install.sh accepted a runner it has no binary for"
elif grep -q 'no release binary for runner FreeBSD/X64' "$out/os.log"; then
  ok "action install.sh names the runner it has no binary for"
else
  bad "action install.sh on an unknown runner said" "$(tail -2 "$out/os.log")"
fi

ws="$out/device"
cp -R examples/thermostat-device "$ws"
action_check() { # name, env assignments...: runs run.sh in $ws with the installed binary
  local name="$1"
  shift
  gh_env "$out/runner-$name"
  (cd "$ws" && env PATH="$installed:$PATH" GITHUB_OUTPUT="$out/runner-$name/output" AICS_LINT_SARIF="$out/$name.sarif" "$@" \
     bash "$root/packaging/action/run.sh") >"$out/run-$name.log" 2>&1
}
output_of() { sed -n "s/^$2=//p" "$out/runner-$1/output"; }
if [ -n "$installed" ]; then
  expected=$( (cd "$ws" && "$bin" check --format json .) | python3 -c '
import json, sys
d = json.load(sys.stdin)["diagnostics"]
print(sum(1 for x in d if not x["suppressed"] and x["severity"] in ("warning", "error")))')
  if action_check findings && [ "$(output_of findings exit-code)" = 1 ] && [ "$(output_of findings findings)" = "$expected" ] &&
     [ "$expected" -gt 0 ] && python3 -c '
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
ids = {r["ruleId"] for run in runs for r in run["results"]}
assert {"AICS001", "AICS002"} <= ids, ids' "$out/findings.sarif"; then
    ok "action run.sh on the example: SARIF with AICS001 and AICS002, exit-code=1, findings=$expected as check counts"
  else
    bad "action run.sh on the example" "$(tail -3 "$out/run-findings.log")" "outputs: $(tr '\n' ' ' <"$out/runner-findings/output")"
  fi

  sed -i 's/iotcModelId/modelId/' "$ws/src/provisioning.c"
  if action_check clean AICS_LINT_ARGS="--ignore AICS002" && [ "$(output_of clean exit-code)" = 0 ] && [ "$(output_of clean findings)" = 0 ]; then
    ok "action run.sh after the fix, with args: exit-code=0, findings=0"
  else
    bad "action run.sh on the fixed example" "$(tail -3 "$out/run-clean.log")" "outputs: $(tr '\n' ' ' <"$out/runner-clean/output")"
  fi

  if action_check wrongpath AICS_LINT_PATHS="no/such/folder"; then
    bad "action run.sh passed on a path that does not exist"
  elif grep -q '::error title=aics-lint::' "$out/run-wrongpath.log" && grep -q 'no/such/folder' "$out/run-wrongpath.log"; then
    ok "action run.sh fails the step on a path that does not exist, with the reason"
  else
    bad "action run.sh on a wrong path said" "$(tail -3 "$out/run-wrongpath.log")"
  fi
else
  bad "action run.sh: not run, nothing was installed"
fi

# --- pre-commit -------------------------------------------------------------------------------
venv="$root/target/integrations-venv"
if [ ! -x "$venv/bin/pre-commit" ]; then
  if ! python3 -m venv "$venv" >"$out/venv.log" 2>&1; then
    if [ "${CI:-}" = "true" ] && command -v apt-get >/dev/null 2>&1; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv) >>"$out/venv.log" 2>&1
      rm -rf "$venv"
      python3 -m venv "$venv" >>"$out/venv.log" 2>&1
    fi
  fi
  "$venv/bin/pip" install -q pre-commit >>"$out/venv.log" 2>&1
fi
if [ ! -x "$venv/bin/pre-commit" ]; then
  if [ "${CI:-}" = "true" ]; then
    bad "pre-commit could not be installed from PyPI" "$(tail -2 "$out/venv.log")"
  else
    echo "skipped the pre-commit tests: pre-commit could not be installed ($(tail -1 "$out/venv.log"))"
  fi
else
  # The hook repository: this working tree as a commit (uncommitted changes included).
  hookrepo="$out/hook-repo"
  mkdir -p "$hookrepo"
  git ls-files -co --exclude-standard -z | tar --null -T - -cf - 2>/dev/null | tar -xf - -C "$hookrepo"
  (cd "$hookrepo" && git init -q && git add -A && git commit -qm hook) >/dev/null
  rev="$(git -C "$hookrepo" rev-parse HEAD)"
  user="$out/user-repo"
  cp -R examples/thermostat-device "$user"
  cat >"$user/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hookrepo
    rev: $rev
    hooks:
      - id: aics-lint
        args: [--ignore, AICS002]
EOF
  (cd "$user" && git init -q && git add -A && git commit -qm device) >/dev/null
  precommit() { # log name, PATH: pre-commit run in the user's repository
    (cd "$user" && env PATH="$2" PRE_COMMIT_HOME="$out/pre-commit-home" "$venv/bin/pre-commit" run --all-files --color never) >"$out/$1.log" 2>&1
  }
  if precommit pc-findings "$(dirname "$bin"):$PATH"; then
    bad "pre-commit passed on the example with its AICS001"
  elif grep -q 'AICS001' "$out/pc-findings.log" && grep -q 'iotcModelId' "$out/pc-findings.log"; then
    ok "pre-commit hook from the repository: fails on the example with AICS001 and its message"
  else
    bad "pre-commit on the example said" "$(tail -5 "$out/pc-findings.log")"
  fi
  sed -i 's/iotcModelId/modelId/' "$user/src/provisioning.c"
  if precommit pc-clean "$(dirname "$bin"):$PATH"; then
    ok "pre-commit hook passes after the fix (hook args reach check)"
  else
    bad "pre-commit after the fix" "$(tail -5 "$out/pc-clean.log")"
  fi
  # Neither aics-lint nor cargo: the hook says what to install instead of a cryptic failure.
  bare="$out/bare-bin"
  mkdir -p "$bare"
  for t in bash sed head git env dirname cat; do ln -sf "$(command -v "$t")" "$bare/$t"; done
  if precommit pc-bare "$bare"; then
    bad "pre-commit passed without any aics-lint"
  elif grep -q "needs aics-lint $version on PATH, or cargo to build it" "$out/pc-bare.log"; then
    ok "pre-commit hook without aics-lint or cargo says how to install it"
  else
    bad "pre-commit without aics-lint said" "$(tail -5 "$out/pc-bare.log")"
  fi
fi

# --- the files themselves -----------------------------------------------------------------------
py="python3"
[ -x "$venv/bin/python" ] && py="$venv/bin/python" # has PyYAML (a pre-commit dependency)
if "$py" - "$root" >"$out/yaml.log" 2>&1 <<'EOF'; then
import os, re, sys, yaml
root = sys.argv[1]
action = yaml.safe_load(open(os.path.join(root, "action.yml")))
assert action["runs"]["using"] == "composite"
used = set(re.findall(r"inputs\.([a-z-]+)", open(os.path.join(root, "action.yml")).read()))
assert used <= set(action["inputs"]), used - set(action["inputs"])
for step in action["runs"]["steps"]:
    for script in re.findall(r"\$GITHUB_ACTION_PATH/([\w./-]+)", step.get("run", "")):
        assert os.path.isfile(os.path.join(root, script)), script
hooks = yaml.safe_load(open(os.path.join(root, ".pre-commit-hooks.yaml")))
assert [h["id"] for h in hooks] == ["aics-lint"]
assert os.access(os.path.join(root, hooks[0]["entry"]), os.X_OK), hooks[0]["entry"]
wf = yaml.safe_load(open(os.path.join(root, ".github/workflows/release.yml")))
targets = {m["target"] for m in wf["jobs"]["build"]["strategy"]["matrix"]["include"]}
assert targets == {"x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "x86_64-apple-darwin",
                   "aarch64-apple-darwin", "x86_64-pc-windows-msvc"}, targets
text = open(os.path.join(root, ".github/workflows/release.yml")).read()
assert "packaging/release/package.sh" in text and "npm run package" in text
EOF
  ok "action.yml, .pre-commit-hooks.yaml and the release workflow parse and name scripts that exist"
else
  bad "action/hook/workflow files" "$(tail -3 "$out/yaml.log")"
fi

finish
