#!/usr/bin/env bash
# The VS Code extension's tests: unit tests of the client logic (node's test runner), then the
# end-to-end suite in a real VS Code (code-server 4.100.3, the last on Node 20, in headless
# Chromium), twice: the extension from client/ with AICS_LINT_SERVER, and the packaged .vsix
# with its bundled server. Installs what it needs. Last line: `vscode-e2e: N passed, N failed`.
#
# Under CI=true, a VS Code that cannot be installed or started is a failure, with the reason
# on one line; otherwise it is a skip, with the reason on one line.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

CODE_SERVER_VERSION=4.100.3
tools="${AICS_VSCODE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/aics-lint-vscode}/code-server-$CODE_SERVER_VERSION"
out="$root/target/vscode-e2e"
mkdir -p "$out"
passed=0
failed=0
t_start=$(date +%s)

say() { echo "tests/vscode: $*"; }
finish() {
  say "took $(( $(date +%s) - t_start )) s"
  echo "vscode-e2e: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
# VS Code cannot be had: fail under CI, skip otherwise (one line either way).
cannot() {
  if [ "${CI:-}" = "true" ]; then
    say "FAILED: cannot run VS Code: $*"
    failed=$((failed + 1))
  else
    say "skipped the end-to-end tests: cannot run VS Code: $*"
  fi
  finish
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    say "FAILED: node and npm are needed (Node 20)"
    failed=1
  else
    say "skipped: node and npm are not installed"
  fi
  finish
fi

# --- client dependencies and unit tests ----------------------------------------------------
stamp="$root/client/node_modules/.aics-lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$root/client/package-lock.json" "$stamp"; then
  say "installing the client's npm packages"
  if ! (cd client && npm ci --no-audit --no-fund --loglevel=error >"$out/npm-ci.log" 2>&1); then
    say "FAILED: npm ci in client/ (see $out/npm-ci.log): $(tail -1 "$out/npm-ci.log")"
    failed=$((failed + 1))
    finish
  fi
  cp "$root/client/package-lock.json" "$stamp"
fi
if ! (cd client && npx tsc -p . >"$out/tsc.log" 2>&1); then
  cat "$out/tsc.log"
  say "FAILED: the client does not compile"
  failed=$((failed + 1))
  finish
fi
# The extension as it ships: one esbuild bundle (dist/extension.js, package.json's main).
if ! (cd client && npm run -s bundle >"$out/bundle.log" 2>&1); then
  cat "$out/bundle.log"
  say "FAILED: the client does not bundle (npm run bundle)"
  failed=$((failed + 1))
  finish
fi
(cd client && node --test --test-reporter=tap out/test/) >"$out/unit.tap" 2>&1
grep -E '^not ok|^# (pass|fail)' "$out/unit.tap" | sed 's/^/  unit /'
unit_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$out/unit.tap" | tail -1)
unit_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$out/unit.tap" | tail -1)
if [ -z "$unit_pass" ]; then
  say "FAILED: the unit tests did not run (see $out/unit.tap)"
  failed=$((failed + 1))
else
  passed=$((passed + unit_pass))
  failed=$((failed + ${unit_fail:-0}))
fi

# --- the server ----------------------------------------------------------------------------
if ! cargo build --locked -q -p aics-lint 2>"$out/cargo.log"; then
  cat "$out/cargo.log"
  say "FAILED: cargo build -p aics-lint"
  failed=$((failed + 1))
  finish
fi
server="$root/target/debug/aics-lint"

# --- system packages: chromium, and what code-server's install builds with ------------------
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ "${#need[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    cannot "missing ${need[*]} and no apt-get to install them"
  fi
  say "installing ${need[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"; } >"$out/apt.log" 2>&1; then
    cannot "apt-get install ${need[*]} failed: $(tail -1 "$out/apt.log")"
  fi
fi

# --- code-server ---------------------------------------------------------------------------
if [ ! -x "$tools/node_modules/.bin/code-server" ] || [ ! -f "$tools/node_modules/ws/package.json" ]; then
  say "installing code-server $CODE_SERVER_VERSION into $tools (about a minute, 300 MB)"
  mkdir -p "$tools"
  # @vscode/ripgrep's postinstall downloads rg from GitHub, which is out of reach: give it
  # Debian's rg in the cache it looks in first, for each version code-server may pin.
  seed=$(mktemp -d)
  cp "$(command -v rg)" "$seed/rg"
  for v in 1.15.9 1.15.10 1.15.11 1.15.13 1.15.14 1.17.0 1.17.1; do
    mkdir -p "/tmp/vscode-ripgrep-cache-$v"
    tar -czf "/tmp/vscode-ripgrep-cache-$v/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$seed" rg
  done
  rm -rf "$seed"
  [ -f "$tools/package.json" ] || echo '{ "name": "aics-lint-vscode-tools", "private": true }' >"$tools/package.json"
  # code-server builds native modules and installs VS Code's own packages in its
  # postinstall: npm 11 runs no dependency install scripts unless told to, and the
  # postinstall itself refuses to run as root without unsafe-perm in its environment.
  if ! (cd "$tools" && npm_config_dangerously_allow_all_scripts=true npm_config_unsafe_perm=true npm_config_yes=true \
        npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" ws@8 >"$out/code-server-install.log" 2>&1) \
     || [ ! -x "$tools/node_modules/.bin/code-server" ]; then
    cannot "npm install code-server@$CODE_SERVER_VERSION failed (see $out/code-server-install.log): $(grep -i 'error' "$out/code-server-install.log" | grep -v -e 'error code' -e 'error path' -e 'error command' -e 'complete log' | head -1)"
  fi
fi

# --- end to end ----------------------------------------------------------------------------
e2e() { # name, extra drive.js args...
  local name="$1"
  shift
  local log="$out/$name.log"
  node tests/vscode/drive.js --tools "$tools" --ext "$root/client" --server "$server" \
    --example "$root/examples/thermostat-device" "$@" >"$log" 2>&1
  # Everything the driver printed, failures' causes included; only its count line is ours.
  sed -E -e '/^e2e: [0-9]+ passed, [0-9]+ failed$/d' -e "s/^/  $name /" "$log"
  local line p f
  line=$(grep '^e2e: ' "$log" | tail -1)
  p=$(echo "$line" | sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
  f=$(echo "$line" | sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  if [ -z "$p" ]; then
    say "FAILED: $name printed no result (see $log)"
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + p))
  failed=$((failed + f))
}

e2e dev --out "$out"

# The package as users get it: the debug server stands in for the release one (same code,
# built already), so this costs seconds rather than a release build.
vsix="$out/aics-lint-e2e.vsix"
if (cd client && AICS_LINT_PREBUILT="$server" AICS_LINT_VSIX_OUT="$vsix" node scripts/package.js >"$out/package.log" 2>&1); then
  # What users download: the bundle and the server, no node_modules (vsce warned of 214 files).
  listing=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$vsix")
  files=$(echo "$listing" | wc -l)
  plat="$(node -p 'process.platform + "-" + process.arch')"
  if echo "$listing" | grep -qx 'extension/dist/extension.js' && echo "$listing" | grep -qx "extension/server/$plat/aics-lint" &&
     ! echo "$listing" | grep -q 'node_modules/' && [ "$files" -le 25 ]; then
    echo "  vsix ok     the package holds the bundled extension and the server ($files files, no node_modules)"
    passed=$((passed + 1))
  else
    echo "  vsix FAILED the package's contents ($files files):"
    echo "$listing" | head -40 | sed 's/^/    /'
    failed=$((failed + 1))
  fi
  e2e vsix --out "$out/vsix" --vsix "$vsix"
else
  say "FAILED: packaging the .vsix (see $out/package.log): $(tail -1 "$out/package.log")"
  failed=$((failed + 1))
fi
say "screenshots: $out/problems.png (squiggle and Problems panel), $out/hover.png (hover)"
finish
